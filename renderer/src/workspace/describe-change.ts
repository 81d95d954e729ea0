/** A proposed change to the terms, in one sentence with the names people know. */
import type { DataValue, TermsChange } from '../../../shared/contract/model';
import type { CaseModel } from './case-model';
import { DATA_KIND_WORDS, formatCalendarDate, formatDateTime, TOPIC_STATE_WORDS } from './format';

/** A data value as text: "Yes", "2025-03-05" in the reader's format, "not provided". */
export function formatValue(value: DataValue, kind?: string): string {
  if (value === null) return 'not provided';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (kind === 'date' && typeof value === 'string') return formatCalendarDate(value);
  if (kind === 'attachment' && typeof value === 'string') return `file ${value.slice(0, 12)}…`;
  return String(value);
}

function due(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? 'no due date' : formatDateTime(ms);
}

export function describeChange(model: CaseModel, change: TermsChange): string {
  switch (change.kind) {
    case 'add-action': {
      const a = change.action;
      const after = a.dependsOn.length
        ? `, after ${a.dependsOn.map((id) => `“${model.actionTitle(id)}”`).join(', ')}`
        : '';
      return `New action for ${model.partyName(a.party)}: “${a.title}”, ${a.dueAt === null ? 'no due date' : `due ${due(a.dueAt)}`}${after}`;
    }
    case 'modify-action': {
      const current = model.snapshot.actions.find((a) => a.id === change.actionId);
      const name = `“${current?.title ?? model.actionTitle(change.actionId)}”`;
      const parts: string[] = [];
      if (change.dueAt !== undefined)
        parts.push(`due date ${current ? `from ${due(current.dueAt)} ` : ''}to ${due(change.dueAt)}`);
      if (change.party !== undefined) parts.push(`owner to ${model.partyName(change.party)}`);
      if (change.title !== undefined) parts.push(`title to “${change.title}”`);
      if (change.description !== undefined) parts.push('description');
      if (change.member !== undefined) parts.push(`assignee to ${model.memberName(change.member)}`);
      if (change.dependsOn !== undefined)
        parts.push(
          change.dependsOn.length
            ? `dependencies to ${change.dependsOn.map((id) => `“${model.actionTitle(id)}”`).join(', ')}`
            : 'no dependencies',
        );
      if (change.topic !== undefined) parts.push('topic');
      return `Change ${name}: ${parts.join('; ')}`;
    }
    case 'cancel-action':
      return `Cancel “${model.actionTitle(change.actionId)}”${change.reason ? ` (${change.reason})` : ''}`;
    case 'add-data-item':
      return `Ask ${model.partyName(change.item.party)} for “${change.item.label}” (${DATA_KIND_WORDS[change.item.kind].toLowerCase()})`;
    case 'set-data-item-value': {
      const item = model.snapshot.dataItems.find((d) => d.id === change.itemId);
      return `Set “${item?.label ?? 'a data item'}” to ${formatValue(change.value, item?.kind)}`;
    }
    case 'set-sla-terms':
      return `Change the service levels (${change.terms.targets.length} time targets)`;
    case 'set-topic-state': {
      const topic = model.snapshot.topics.find((t) => t.id === change.topicId);
      return `Mark the topic “${topic?.title ?? 'unknown'}” as ${TOPIC_STATE_WORDS[change.state].toLowerCase()}`;
    }
  }
}
