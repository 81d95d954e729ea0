/**
 * Adapters from the contract's selector output (ContractSnapshot, shared/contract/views.ts)
 * to the knowledge module's inputs. Type-only dependency on the contract: the knowledge index
 * stays testable without Yjs.
 */
import type { ContractSnapshot } from '../contract/views';
import type { TemplateSource } from './template';
import type { KnowledgeCase, ResolutionSummary } from './types';

/**
 * The knowledge-index view of a case. `resolution` is the resolving party's summary (the
 * contract does not hold one yet; see the report of issue 8). Null when the snapshot has no case.
 */
export function knowledgeCaseFromSnapshot(
  snapshot: ContractSnapshot,
  resolution: ResolutionSummary | null,
): KnowledgeCase | null {
  const header = snapshot.case;
  if (!header) return null;
  let updatedAt = header.createdAt;
  for (const item of [...snapshot.actions, ...snapshot.dataItems, ...snapshot.topics]) {
    updatedAt = Math.max(updatedAt, item.updatedAt ?? item.createdAt);
  }
  const lastMessage = snapshot.messages[snapshot.messages.length - 1];
  if (lastMessage) updatedAt = Math.max(updatedAt, lastMessage.at);
  return {
    id: header.id,
    title: header.title,
    summary: header.summary,
    status: header.status,
    category: header.category,
    topics: snapshot.topics.map((topic) => topic.title),
    dataItems: snapshot.dataItems.map((item) => ({ label: item.label, value: item.value })),
    // Only the agreed process: actions still inside a pending or rejected proposal are not the case's.
    actions: snapshot.actions
      .filter((action) => action.source === 'terms')
      .map((action) => ({ title: action.title, description: action.description })),
    resolution,
    updatedAt,
  };
}

/** The "save as template" input for a case. Null when there is no case. */
export function templateSourceFromSnapshot(snapshot: ContractSnapshot): TemplateSource | null {
  const header = snapshot.case;
  if (!header) return null;
  const topicTitle = new Map(snapshot.topics.map((topic) => [topic.id, topic.title]));
  return {
    caseId: header.id,
    status: header.status,
    priority: header.priority,
    category: header.category,
    openedAt: header.createdAt,
    parties: snapshot.parties.map((party) => ({
      id: party.id,
      name: party.name,
      kind: party.kind,
      role: party.role,
    })),
    topics: snapshot.topics.map((topic) => topic.title),
    actions: snapshot.actions
      .filter((action) => action.source === 'terms')
      .map((action) => ({
        id: action.id,
        title: action.title,
        description: action.description,
        party: action.party,
        status: action.status,
        dependsOn: action.dependsOn,
        dueAt: action.dueAt,
        topic: action.topic === null ? null : (topicTitle.get(action.topic) ?? null),
      })),
    dataItems: snapshot.dataItems.map((item) => ({
      label: item.label,
      kind: item.kind,
      choices: item.choices,
      party: item.party,
    })),
    sla: snapshot.sla,
  };
}
