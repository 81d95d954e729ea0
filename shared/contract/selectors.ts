/**
 * Read-only selectors: the document projected into plain readonly objects (views.ts). The UI and
 * other modules read a case only through these; they never touch the Y.Maps.
 */
import type * as Y from 'yjs';
import { selectAgreements } from './agreements';
import { nodesInCycles } from './graph';
import type { ActionStatus, ConversationEntry, SlaTerms } from './model';
import { proposalStatus } from './proposal-status';
import {
  byId,
  entityMap,
  numOrNull,
  readCase,
  readDataItems,
  readParties,
  readSla,
  readStoredActions,
  readTopics,
  type StoredAction,
  str,
} from './read';
import { readMessages, readStoredProposals } from './read-negotiation';
import { roots } from './schema';
import type {
  ActionView,
  CaseHeader,
  ContractSnapshot,
  DataItemView,
  PartyView,
  ProposalView,
  ResolutionView,
  TopicView,
} from './views';

export { selectAgreements } from './agreements';
export { selectTerms, termsHashOf } from './terms';

export function selectCase(doc: Y.Doc): CaseHeader | null {
  return readCase(roots(doc));
}

/** Parties with their members (active and removed), sorted by id. */
export function selectParties(doc: Y.Doc): readonly PartyView[] {
  return readParties(roots(doc));
}

export function selectTopics(doc: Y.Doc): readonly TopicView[] {
  return readTopics(roots(doc));
}

export function selectDataItems(doc: Y.Doc): readonly DataItemView[] {
  return readDataItems(roots(doc));
}

export function selectSlaTerms(doc: Y.Doc): SlaTerms | null {
  return readSla(roots(doc));
}

/** The conversation, sorted by time; ties keep document order (identical on converged peers). */
export function selectMessages(doc: Y.Doc): readonly ConversationEntry[] {
  return readMessages(roots(doc));
}

/** Proposals with each touched party's response and the derived status, sorted by id. */
export function selectProposals(doc: Y.Doc): readonly ProposalView[] {
  return readStoredProposals(roots(doc)).map((p) => ({
    id: p.id,
    party: p.party,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    note: p.note,
    changes: p.changes,
    touched: p.touched,
    counterOf: p.counterOf,
    responses: p.touched.map((party) => {
      const r = p.responses.get(party);
      return {
        party,
        verdict: r?.verdict ?? 'pending',
        by: r?.by ?? null,
        at: r?.at ?? null,
        counterProposalId: r?.counterProposalId ?? null,
      };
    }),
    status: proposalStatus(p),
    appliedBy: p.appliedBy,
    appliedAt: p.appliedAt,
    withdrawnBy: p.withdrawnBy,
    withdrawnAt: p.withdrawnAt,
  }));
}

type BaseAction = StoredAction & { readonly source: ActionView['source'] };

/**
 * The actions board: agreed actions from the terms plus actions still inside a pending (or
 * accepted, not yet applied) proposal as 'proposed', and inside a rejected one as 'rejected', with
 * dependency info. Sorted by id.
 */
export function selectActions(doc: Y.Doc): readonly ActionView[] {
  const r = roots(doc);
  const all = new Map<string, BaseAction>(readStoredActions(r).map((a) => [a.id, { ...a, source: 'terms' }]));
  for (const p of readStoredProposals(r)) {
    const status = proposalStatus(p);
    if (status !== 'pending' && status !== 'accepted' && status !== 'rejected') continue;
    for (const c of p.changes) {
      if (c.kind !== 'add-action' || all.has(c.action.id) || typeof c.action.title !== 'string') continue;
      const a = c.action;
      const shown: ActionStatus = status === 'rejected' ? 'rejected' : 'proposed';
      all.set(a.id, {
        ...a,
        dependsOn: [...(Array.isArray(a.dependsOn) ? a.dependsOn : [])].sort(),
        status: shown,
        cancelReason: null,
        proposedBy: p.party,
        proposal: p.id,
        createdBy: p.createdBy,
        createdAt: p.createdAt,
        updatedBy: null,
        updatedAt: null,
        source: 'proposal',
      });
    }
  }
  // Rejected drafts are history: they neither block nor depend.
  const live = [...all.values()].filter((a) => a.status !== 'rejected' && a.status !== 'cancelled');
  const deps = new Map(live.map((a) => [a.id, a.dependsOn]));
  const cyclic = nodesInCycles(deps);
  const dependents = new Map<string, string[]>();
  for (const a of live) for (const d of a.dependsOn) dependents.set(d, [...(dependents.get(d) ?? []), a.id]);
  return [...all.values()].sort(byId).map((a) => {
    const blockedBy = a.dependsOn.filter((d) => all.get(d)?.status !== 'done');
    return {
      ...a,
      dependents: (dependents.get(a.id) ?? []).sort(),
      blockedBy,
      ready: (a.status === 'agreed' || a.status === 'in-progress') && blockedBy.length === 0,
      inCycle: cyclic.has(a.id),
    };
  });
}

/**
 * Resolution summaries, oldest first (by time, then id); entries missing a field are skipped.
 * The last one is the case's current resolution.
 */
export function selectResolutions(doc: Y.Doc): readonly ResolutionView[] {
  const r = roots(doc);
  const out: ResolutionView[] = [];
  for (const id of r.resolutions.keys()) {
    const m = entityMap(r.resolutions, id);
    if (!m) continue;
    const problem = str(m, 'problem');
    const cause = str(m, 'cause');
    const fix = str(m, 'fix');
    const party = str(m, 'party');
    const createdBy = str(m, 'createdBy');
    const createdAt = numOrNull(m, 'createdAt');
    if (problem === undefined || cause === undefined || fix === undefined) continue;
    if (party === undefined || createdBy === undefined || createdAt === null) continue;
    out.push({ id, problem, cause, fix, party, createdBy, createdAt });
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Everything at once (needs libsodium ready for the agreements part). */
export function selectContract(doc: Y.Doc): ContractSnapshot {
  return {
    case: selectCase(doc),
    parties: selectParties(doc),
    topics: selectTopics(doc),
    dataItems: selectDataItems(doc),
    actions: selectActions(doc),
    sla: selectSlaTerms(doc),
    proposals: selectProposals(doc),
    agreements: selectAgreements(doc),
    messages: selectMessages(doc),
    resolutions: selectResolutions(doc),
  };
}
