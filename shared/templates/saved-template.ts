/**
 * Saved templates (a resolved case's process, shared/knowledge/template.ts) as case templates, so
 * createCaseFromTemplate starts a case from one exactly as from a shipped template.
 */
import type { Role } from '../contract/model';
import type { ProcessTemplate } from '../knowledge/template';
import type { CaseTemplate } from './types';

const ROLE_HINTS: Readonly<Record<Role, string>> = {
  customer: 'The customer',
  provider: 'The supplier supporting the customer',
  partner: 'A partner vendor brought in',
  observer: 'Follows the case',
};

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The case template of a saved process template (parsed with parseProcessTemplate first). */
export function caseTemplateFromSaved(saved: ProcessTemplate): CaseTemplate {
  const topicKey = new Map(saved.topics.map((title, i) => [title, `t${i + 1}`]));
  return {
    id: saved.id,
    name: saved.name,
    description: saved.description,
    priority: saved.priority,
    categories: saved.category === null ? [] : [saved.category],
    // The parties that may open a case: the contract lets only a customer or a provider do it.
    creators: saved.parties.filter((p) => p.role === 'customer' || p.role === 'provider').map((p) => p.key),
    parties: saved.parties.map((p) => ({
      ...p,
      description: `${ROLE_HINTS[p.role]}: ${count(
        saved.actions.filter((a) => a.party === p.key).length,
        'action',
      )}, ${count(saved.dataItems.filter((d) => d.party === p.key).length, 'data item')}`,
    })),
    topics: saved.topics.map((title) => ({ key: topicKey.get(title) as string, title })),
    dataItems: saved.dataItems.map((d) => ({
      key: d.key,
      label: d.label,
      kind: d.kind,
      ...(d.choices ? { choices: d.choices } : {}),
      party: d.party,
    })),
    actions: saved.actions.map((a) => ({
      key: a.key,
      title: a.title,
      description: a.description,
      party: a.party,
      ...(a.dependsOn.length > 0 ? { dependsOn: a.dependsOn } : {}),
      ...(a.topic === null ? {} : { topic: topicKey.get(a.topic) as string }),
      ...(a.due === null
        ? {}
        : a.due.unit === 'business-minutes'
          ? { dueInBusinessMinutes: a.due.value }
          : { dueInMinutes: a.due.value }),
    })),
    sla: saved.sla,
    source: `Saved from case ${saved.createdFrom}`,
  };
}
