/**
 * A small model of what shared/signed does on decoded updates: for every transaction a contract
 * command makes, find the path of each written key (from the changed types), establish the facts,
 * and ask the rights table. Used by tests to prove that commands and WRITE_RULES agree.
 */
import * as Y from 'yjs';
import {
  type Author,
  type CommandOrigin,
  isCommandOrigin,
  mayWrite,
  type WriteOp,
} from '../../../shared/contract';

type AnyType = Y.AbstractType<unknown>;

/** Path of a shared type from its root ("actions", id, …) and whether it was created in `tr`. */
function pathOf(doc: Y.Doc, type: AnyType, tr: Y.Transaction): { path: string[]; fresh: boolean } {
  const path: string[] = [];
  let fresh = false;
  let t: AnyType = type;
  while (t._item) {
    const item = t._item;
    if (item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)) fresh = true;
    path.unshift(item.parentSub as string);
    t = item.parent as AnyType;
  }
  for (const [name, root] of doc.share) if (root === t) path.unshift(name);
  return { path, fresh };
}

function authorIn(doc: Y.Doc, member: string): Author | undefined {
  const m = doc.getMap('members').get(member);
  if (!(m instanceof Y.Map) || m.get('status') !== 'active') return undefined;
  return { memberId: member, partyId: m.get('party') as string, role: m.get('role') as Author['role'] };
}

/**
 * Checks every write of every command transaction on `doc` against the rights table; returns the
 * violations found so far (a live array).
 */
export function watchRights(doc: Y.Doc): { violations: string[]; checked: () => number } {
  let checked = 0;
  let before: Author | undefined;
  const violations: string[] = [];
  doc.on('beforeTransaction', (tr: Y.Transaction) => {
    if (isCommandOrigin(tr.origin)) before = authorIn(doc, tr.origin.actor);
  });
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (!isCommandOrigin(tr.origin)) return;
    const origin = tr.origin as CommandOrigin;
    // Does this transaction apply a proposal (an existing one, or one made and applied at once)?
    const appliesProposal = [...tr.changed.entries()].some(([t, keys]) => {
      const { path } = pathOf(doc, t as AnyType, tr);
      if (path[0] !== 'proposals') return false;
      if (path.length === 2) return keys.has('appliedAt');
      const map = t as unknown as Y.Map<unknown>;
      return (
        path.length === 1 &&
        [...keys].some((k) => k !== null && (map.get(k) as Y.Map<unknown>)?.get('appliedAt') != null)
      );
    });
    for (const [type, keys] of tr.changed) {
      const { path, fresh } = pathOf(doc, type as AnyType, tr);
      if (fresh) continue; // written inside an entity created in this transaction: covered by 'create'
      const root = path[0];
      const keyList = root === 'messages' || root === 'summary' ? [null] : [...keys];
      for (const key of keyList) {
        const value = key === null ? undefined : (type as unknown as Y.Map<unknown>).get(key);
        const full = key === null ? path : [...path, key];
        const created =
          value instanceof Y.Map &&
          (value._item?.id.clock ?? 0) >= (tr.beforeState.get(value._item?.id.client ?? -1) ?? 0);
        const op: WriteOp =
          root === 'messages' ? 'append' : root === 'summary' ? 'text' : created ? 'create' : 'set';
        const entity = full.length >= 2 ? doc.getMap(root).get(full[1] as string) : undefined;
        const entityParty = entity instanceof Y.Map ? (entity.get('party') as string) : undefined;
        const decision = mayWrite({
          path: full,
          op,
          authorId: origin.actor,
          author: before,
          entityParty,
          value,
          bootstrap: origin.command === 'createCase' || origin.command === 'createCaseFromTemplate',
          invitedSelf: origin.command === 'joinViaInvite',
          acceptedProposal:
            appliesProposal &&
            (full[0] !== 'proposals' || full[2] === 'appliedAt' || full[2] === 'appliedBy'),
        });
        checked++;
        if (!decision.allowed) violations.push(`${origin.command}: ${decision.reason}`);
      }
    }
  });
  return { violations, checked: () => checked };
}
