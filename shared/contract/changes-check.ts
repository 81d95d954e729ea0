/**
 * Checks normalised changes against the document and works out which parties they touch.
 * Changes are checked in order on a simulated copy of the terms, so one proposal can add an action
 * and, in a later change, make another depend on it. The same check runs again when a proposal is
 * applied, because the terms may have moved since it was made.
 *
 * Whose acceptance a change needs ("the parties whose commitments it touches"):
 *   add-action            the owner party
 *   modify/cancel-action  the owner party (old and new, if reassigned) and the party that proposed it
 *   add-data-item,
 *   set-data-item-value   the item's owner party
 *   set-sla-terms,
 *   set-topic-state       every negotiating party (customer, provider, partner)
 * plus, always, the proposing party, and for a counter-proposal the party that made the original.
 */
import { wouldCycle } from './graph';
import type { DataItemKind, Role, TermsChange } from './model';
import { parseMember, readAll, readDataItems, readParties, readStoredActions, readTopics } from './read';
import { NEGOTIATING_ROLES } from './rights';
import type { CaseRoots } from './schema';
import { dataValue, fail } from './validate';

interface SimAction {
  party: string;
  proposedBy: string;
  status: string;
  dependsOn: readonly string[];
}

/** A mutable copy of what changes are checked against. */
export interface SimState {
  readonly parties: Map<string, Role>;
  readonly activeMembers: Map<string, string>;
  readonly topics: Set<string>;
  readonly dataItems: Map<string, { party: string; kind: DataItemKind; choices: readonly string[] | null }>;
  readonly actions: Map<string, SimAction>;
}

export function simulate(r: CaseRoots): SimState {
  return {
    parties: new Map(readParties(r).map((p) => [p.id, p.role])),
    activeMembers: new Map(
      readAll(r.members, parseMember)
        .filter((m) => m.status === 'active')
        .map((m) => [m.id, m.party]),
    ),
    topics: new Set(readTopics(r).map((t) => t.id)),
    dataItems: new Map(
      readDataItems(r).map((d) => [d.id, { party: d.party, kind: d.kind, choices: d.choices }]),
    ),
    actions: new Map(
      readStoredActions(r).map((a) => [
        a.id,
        { party: a.party, proposedBy: a.proposedBy, status: a.status, dependsOn: a.dependsOn },
      ]),
    ),
  };
}

function negotiators(s: SimState): string[] {
  return [...s.parties].filter(([, role]) => NEGOTIATING_ROLES.includes(role)).map(([id]) => id);
}

function ownerParty(s: SimState, party: string, field: string): void {
  const role = s.parties.get(party);
  if (!role) fail('unknown-party', `${field} names no party of this case`);
  if (!NEGOTIATING_ROLES.includes(role))
    fail('invalid-input', `${field}: an observer party cannot own commitments`);
}

function checkDeps(s: SimState, id: string, deps: readonly string[], field: string): void {
  for (const d of deps) {
    const dep = s.actions.get(d);
    if (!dep) fail('unknown-action', `${field} names an action that does not exist`);
    if (dep.status === 'cancelled') fail('invalid-state', `${field} names a cancelled action`);
  }
  const graph = new Map([...s.actions].map(([k, v]) => [k, v.dependsOn]));
  if (wouldCycle(graph, id, deps))
    fail('dependency-cycle', `${field} would make the action depend on itself`);
}

function liveAction(s: SimState, id: string): SimAction {
  const a = s.actions.get(id);
  if (!a) fail('unknown-action', 'no agreed action with that id');
  if (a.status === 'cancelled' || a.status === 'done') fail('invalid-state', `the action is ${a.status}`);
  return a;
}

/**
 * Checks one change against `s`, applies it to `s`, adds the parties it touches to `touched`, and
 * returns the change (with a data item value normalised for the item's kind).
 */
export function checkChange(
  s: SimState,
  c: TermsChange,
  proposer: string,
  touched: Set<string>,
  field: string,
): TermsChange {
  switch (c.kind) {
    case 'add-action': {
      const a = c.action;
      if (s.actions.has(a.id)) fail('duplicate-id', `${field}: an action with that id exists`);
      ownerParty(s, a.party, `${field}.action.party`);
      if (a.member !== null && s.activeMembers.get(a.member) !== a.party) {
        fail('unknown-member', `${field}.action.member is not an active member of the owner party`);
      }
      if (a.topic !== null && !s.topics.has(a.topic))
        fail('unknown-topic', `${field}.action.topic names no topic`);
      checkDeps(s, a.id, a.dependsOn, `${field}.action.dependsOn`);
      s.actions.set(a.id, { party: a.party, proposedBy: proposer, status: 'agreed', dependsOn: a.dependsOn });
      touched.add(a.party);
      return c;
    }
    case 'modify-action': {
      const a = liveAction(s, c.actionId);
      const party = c.party ?? a.party;
      if (c.party !== undefined) ownerParty(s, c.party, `${field}.party`);
      if (c.member != null && s.activeMembers.get(c.member) !== party) {
        fail('unknown-member', `${field}.member is not an active member of the owner party`);
      }
      if (c.topic != null && !s.topics.has(c.topic)) fail('unknown-topic', `${field}.topic names no topic`);
      if (c.dependsOn !== undefined) checkDeps(s, c.actionId, c.dependsOn, `${field}.dependsOn`);
      touched.add(a.party).add(party).add(a.proposedBy);
      s.actions.set(c.actionId, { ...a, party, dependsOn: c.dependsOn ?? a.dependsOn });
      return c;
    }
    case 'cancel-action': {
      const a = liveAction(s, c.actionId);
      const dependents = [...s.actions].filter(
        ([, x]) => x.status !== 'cancelled' && x.dependsOn.includes(c.actionId),
      );
      if (dependents.length > 0) {
        fail(
          'invalid-state',
          `${field}: ${dependents.length} action(s) depend on it; change their dependencies first`,
        );
      }
      touched.add(a.party).add(a.proposedBy);
      s.actions.set(c.actionId, { ...a, status: 'cancelled' });
      return c;
    }
    case 'add-data-item': {
      const d = c.item;
      if (s.dataItems.has(d.id)) fail('duplicate-id', `${field}: a data item with that id exists`);
      ownerParty(s, d.party, `${field}.item.party`);
      s.dataItems.set(d.id, { party: d.party, kind: d.kind, choices: d.choices });
      touched.add(d.party);
      return c;
    }
    case 'set-data-item-value': {
      const d = s.dataItems.get(c.itemId);
      if (!d) fail('unknown-data-item', `${field}.itemId names no data item`);
      touched.add(d.party);
      return { ...c, value: dataValue(c.value, d.kind, d.choices, `${field}.value`) };
    }
    case 'set-sla-terms':
      for (const p of negotiators(s)) touched.add(p);
      return c;
    case 'set-topic-state':
      if (!s.topics.has(c.topicId)) fail('unknown-topic', `${field}.topicId names no topic`);
      for (const p of negotiators(s)) touched.add(p);
      return c;
  }
}

/** Checks a whole change list in order: the checked changes and the touched parties (sorted, with the proposer). */
export function checkChanges(
  r: CaseRoots,
  changes: readonly TermsChange[],
  proposer: string,
  extra: readonly string[] = [],
  /** The state to check against; by default the document's (templates pass the case they are about to write). */
  start: SimState = simulate(r),
): { readonly changes: TermsChange[]; readonly touched: string[] } {
  const s = start;
  const touched = new Set<string>([proposer, ...extra]);
  const checked = changes.map((c, i) => checkChange(s, c, proposer, touched, `changes[${i}]`));
  return { changes: checked, touched: [...touched].sort() };
}
