/**
 * Writes an accepted proposal's changes into the terms. Runs inside the command's transaction and
 * only after changes-check.ts passed on the current document, so it does not validate again.
 * Every write here is an 'accepted-proposal' write in shared/contract/rights.ts terms.
 */
import type { TermsChange } from './model';
import { entityMap } from './read';
import type { CaseRoots } from './schema';
import { putEntity, setFields } from './writes';

export interface ApplyMeta {
  readonly proposalId: string;
  /** The proposing party (recorded as `proposedBy` of new actions). */
  readonly proposer: string;
  /** The member who made the proposal (recorded as `createdBy` of new entities). */
  readonly proposedByMember: string;
  /** The member applying it (the last to accept, or whoever calls applyAcceptedProposal). */
  readonly actor: string;
  readonly at: number;
}

function applyOne(r: CaseRoots, c: TermsChange, meta: ApplyMeta): void {
  const updated = { updatedBy: meta.actor, updatedAt: meta.at };
  switch (c.kind) {
    case 'add-action': {
      const a = c.action;
      putEntity(r.actions, a.id, {
        id: a.id,
        title: a.title,
        description: a.description,
        party: a.party,
        member: a.member,
        dueAt: a.dueAt,
        dependsOn: [...a.dependsOn],
        topic: a.topic,
        status: 'agreed',
        cancelReason: null,
        proposedBy: meta.proposer,
        proposal: meta.proposalId,
        createdBy: meta.proposedByMember,
        createdAt: meta.at,
      });
      return;
    }
    case 'modify-action': {
      const m = entityMap(r.actions, c.actionId);
      if (!m) return;
      // Reassigning to another party drops the assignee unless the change names a new one.
      const member =
        c.member !== undefined
          ? c.member
          : c.party !== undefined && c.party !== m.get('party')
            ? null
            : undefined;
      setFields(m, {
        title: c.title,
        description: c.description,
        party: c.party,
        member,
        dueAt: c.dueAt,
        dependsOn: c.dependsOn ? [...c.dependsOn] : undefined,
        topic: c.topic,
        ...updated,
      });
      return;
    }
    case 'cancel-action': {
      const m = entityMap(r.actions, c.actionId);
      if (m) setFields(m, { status: 'cancelled', cancelReason: c.reason, ...updated });
      return;
    }
    case 'add-data-item': {
      const d = c.item;
      putEntity(r.dataItems, d.id, {
        id: d.id,
        label: d.label,
        kind: d.kind,
        choices: d.choices ? [...d.choices] : null,
        value: d.value,
        party: d.party,
        createdBy: meta.proposedByMember,
        createdAt: meta.at,
      });
      return;
    }
    case 'set-data-item-value': {
      const m = entityMap(r.dataItems, c.itemId);
      if (m) setFields(m, { value: c.value, ...updated });
      return;
    }
    case 'set-sla-terms':
      r.sla.set('terms', c.terms);
      return;
    case 'set-topic-state': {
      const m = entityMap(r.topics, c.topicId);
      if (m) setFields(m, { state: c.state, ...updated });
      return;
    }
  }
}

/** Applies `changes` in order and marks the proposal applied. */
export function applyChanges(r: CaseRoots, changes: readonly TermsChange[], meta: ApplyMeta): void {
  for (const c of changes) applyOne(r, c, meta);
  const p = entityMap(r.proposals, meta.proposalId);
  if (p) setFields(p, { appliedBy: meta.actor, appliedAt: meta.at });
}
