import * as Y from 'yjs';
import type { TermsChange } from '../contract/model';
import { matchesPattern } from './policy';
import type { InspectedWrite, WriteKind } from './update-inspect';

/**
 * Establishes the 'accepted-proposal' fact of the rights table for writes of one update: a write
 * counts as applying a proposal only if
 *   - the same update marks that proposal applied (proposals/<id>/appliedAt set, not set before),
 *   - the proposal was not withdrawn, and every party it touches has accepted it (responses in the
 *     document plus those this update writes; the proposing party's own proposal counts as its yes),
 *   - and the write lies in the proposal's scope: the entities and fields its changes name.
 * So a party cannot piggy-back unrelated edits on a legitimate application.
 */
export interface Scope {
  readonly path: readonly string[];
  readonly op: WriteKind;
  /** The proposal's creator: entities its application creates carry it as `createdBy`. */
  readonly creator?: string;
}

function field(root: string, id: string, names: readonly string[]): Scope[] {
  return [...names, 'updatedBy', 'updatedAt'].map((name) => ({ path: [root, id, name], op: 'set' as const }));
}

/** Paths a change may write when its proposal is applied. Unknown kinds allow nothing. */
export function scopeOfChange(change: TermsChange): Scope[] {
  switch (change.kind) {
    case 'add-action':
      return [{ path: ['actions', change.action.id], op: 'create' }];
    case 'modify-action': {
      const fields = ['title', 'description', 'party', 'member', 'dueAt', 'dependsOn', 'topic'].filter(
        (name) => (change as Record<string, unknown>)[name] !== undefined,
      );
      // Moving an action to another party clears its assignee.
      if (change.party !== undefined && !fields.includes('member')) fields.push('member');
      return field('actions', change.actionId, fields);
    }
    case 'cancel-action':
      return field('actions', change.actionId, ['status', 'cancelReason']);
    case 'add-data-item':
      return [{ path: ['dataItems', change.item.id], op: 'create' }];
    case 'set-data-item-value':
      return field('dataItems', change.itemId, ['value']);
    case 'set-sla-terms':
      return [{ path: ['sla', 'terms'], op: 'set' }];
    case 'set-topic-state':
      return field('topics', change.topicId, ['state']);
    default:
      return [];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface ProposalFacts {
  readonly id: string;
  readonly party: unknown;
  readonly createdBy: unknown;
  readonly touched: unknown;
  readonly changes: unknown;
}

function scopesOf(p: ProposalFacts): Scope[] {
  const creator = typeof p.createdBy === 'string' ? p.createdBy : undefined;
  const scopes: Scope[] = [
    { path: ['proposals', p.id, 'appliedAt'], op: 'set' },
    { path: ['proposals', p.id, 'appliedBy'], op: 'set' },
  ];
  for (const change of p.changes as unknown[]) {
    if (!isObject(change)) continue;
    for (const scope of scopeOfChange(change as unknown as TermsChange)) scopes.push({ ...scope, creator });
  }
  return scopes;
}

/** The scopes of every proposal this update applies with full acceptance. */
export function appliedProposalScopes(doc: Y.Doc, writes: readonly InspectedWrite[]): Scope[] {
  const proposals = doc.getMap('proposals');
  const applying = new Set<string>();
  const responses = new Map<string, Map<string, unknown>>();
  const scopes: Scope[] = [];
  for (const write of writes) {
    const [root, id, name, party] = write.path;
    if (root !== 'proposals' || id === undefined || write.covered) continue;
    if (write.op === 'create' && write.path.length === 2 && write.fields.get('appliedAt') != null) {
      // Proposed and applied at once: allowed only when it touches nobody but the proposer's party.
      const touched = write.fields.get('touched');
      const proposer = write.fields.get('party');
      const changes = write.fields.get('changes');
      if (Array.isArray(touched) && Array.isArray(changes) && touched.every((p) => p === proposer)) {
        scopes.push(
          ...scopesOf({ id, party: proposer, createdBy: write.fields.get('createdBy'), touched, changes }),
        );
      }
    }
    if (write.op === 'set' && name === 'appliedAt' && write.path.length === 3 && write.values[0] != null)
      applying.add(id);
    if (write.op === 'set' && name === 'responses' && party !== undefined && write.path.length === 4) {
      let map = responses.get(id);
      if (!map) {
        map = new Map();
        responses.set(id, map);
      }
      map.set(party, write.values[0]);
    }
  }
  for (const id of applying) {
    const proposal = proposals.get(id);
    if (!(proposal instanceof Y.Map)) continue;
    if (proposal.get('appliedAt') != null || proposal.get('withdrawnAt') != null) continue;
    const touched = proposal.get('touched');
    const changes = proposal.get('changes');
    const proposer = proposal.get('party');
    if (!Array.isArray(touched) || !Array.isArray(changes)) continue;
    const stored = proposal.get('responses');
    const written = responses.get(id);
    const accepted = touched.every((party) => {
      if (party === proposer) return true;
      const response = written?.has(party)
        ? written.get(party)
        : stored instanceof Y.Map
          ? stored.get(party)
          : undefined;
      return isObject(response) && response.verdict === 'accepted';
    });
    if (accepted)
      scopes.push(
        ...scopesOf({ id, party: proposer, createdBy: proposal.get('createdBy'), touched, changes }),
      );
  }
  return scopes;
}

export function scopeFor(
  scopes: readonly Scope[],
  path: readonly string[],
  op: WriteKind,
): Scope | undefined {
  return scopes.find((scope) => scope.op === op && matchesPattern(scope.path, path));
}
