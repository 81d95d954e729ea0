/**
 * Removal and key rotation in the verification pipeline (design.md §6, docs/invite-link.md §3).
 *
 * 1. Key records (`keyRotations/*`, `keyHistory/*`) are checked on the update: well-formed, for
 *    this case, stored under their own key, never rewritten, and a rotation fits its change
 *    (membership/epochs.ts `checkRotationEnvelope`: written by its author, listing exactly the
 *    members the same change removes, sealing nothing to them; the reason says leave / remove /
 *    scheduled). Refused as 'bad-key-rotation'.
 * 2. Where a removal cuts the removed member's log: the rotation names, per removed member, the
 *    last sequence number the remover had seen (`lastSeqs`). Changes up to it were made while a
 *    member and stay valid wherever they arrive late ({@link authorUntilRemoval}); every later
 *    change is 'author-removed' — everything the member writes after the removal in causal order,
 *    and what it wrote concurrently too, so that every peer decides alike.
 * 3. Arrival order: a batch holding both a removal and later changes of the removed member
 *    applies the removal first ({@link ingestRemovalsFirst}), so replaying a log from nothing
 *    decides exactly as the peers that saw the removal first.
 *
 * Known limit: a peer that applied a removed member's concurrent change before the removal
 * reached it keeps it until it replays its log (the other peers refuse it).
 */
import * as Y from 'yjs';
import type { Author } from '../contract/rights';
import { roots } from '../contract/schema';
import { entityMap, parseMember } from '../contract/read';
import { parseMemberId } from '../identity/member-id';
import { toBase64Url, toHex } from '../invite/bytes';
import { checkRotationEnvelope } from '../membership/epochs';
import { parseStoredKeyHistory } from '../membership/key-history';
import { parseStoredKeyRotation, rotationRecordKey } from '../membership/rotation';
import type { Envelope } from './envelope';
import { decodeEnvelope } from './envelope';
import type { IngestReport, VerificationPipeline } from './pipeline';
import type { RightsInput, RightsVerdict } from './rights-check';
import type { InspectedWrite } from './update-inspect';

/** The `role` field of the member record a write lands in (rights.ts 'guest-entity'). */
export function entityRoleOf(doc: Y.Doc, write: InspectedWrite): string | null {
  const [root, id] = write.path;
  if (root !== 'members' || id === undefined) return null;
  if (write.op === 'create' && write.path.length === 2) {
    const role = write.fields.get('role');
    return typeof role === 'string' ? role : null;
  }
  const record = doc.getMap('members').get(id);
  const role = record instanceof Y.Map ? record.get('role') : undefined;
  return typeof role === 'string' ? role : null;
}

/**
 * A removed member's standing for one of its changes made before its removal: the member it was,
 * when `envelope.seq` is at most the last sequence number the removal's rotation names for it.
 */
export function authorUntilRemoval(doc: Y.Doc, envelope: Envelope): Author | undefined {
  const r = roots(doc);
  const record = entityMap(r.members, envelope.author);
  const member = record && parseMember(envelope.author, record);
  if (member?.status !== 'removed' || r.keyRotations.size === 0) return undefined;
  const cut = cutOf(doc, envelope.authorKey);
  if (envelope.seq > cut) return undefined;
  return { memberId: member.id, partyId: member.party, role: member.role };
}

/** The highest last-seen sequence number a rotation names for the author (-1: none). */
function cutOf(doc: Y.Doc, authorKey: Uint8Array): number {
  const me = toBase64Url(authorKey);
  let cut = -1;
  for (const value of roots(doc).keyRotations.values()) {
    const stored = value as { removed?: unknown; lastSeqs?: unknown } | null;
    if (!stored || !Array.isArray(stored.removed) || !Array.isArray(stored.lastSeqs)) continue;
    const at = stored.removed.indexOf(me);
    const last = at < 0 ? undefined : stored.lastSeqs[at];
    if (typeof last === 'number' && last > cut) cut = last;
  }
  return cut;
}

/**
 * For an envelope whose update builds on content this document lacks: when its author was
 * removed, it is past the removal's cut, and what it lacks is its own author's (a change of the
 * author this replica already decided on and refused, since an author's changes are decided in
 * sequence), it can never apply: refused as 'author-removed' instead of waiting for ever.
 */
export function removedAuthorBuildsOnRefused(
  doc: Y.Doc,
  envelope: Envelope,
  own: ReadonlySet<number>,
): { readonly kind: 'refuse'; readonly reason: 'author-removed'; readonly detail: string } | undefined {
  const record = doc.getMap('members').get(envelope.author);
  if (!(record instanceof Y.Map) || record.get('status') !== 'removed') return undefined;
  if (envelope.seq <= cutOf(doc, envelope.authorKey)) return undefined;
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  try {
    structs = Y.decodeUpdate(envelope.update).structs;
  } catch {
    return undefined;
  }
  const lacksOwn = (id: Y.ID | null | undefined) =>
    id instanceof Y.ID && own.has(id.client) && id.clock >= Y.getState(doc.store, id.client);
  for (const struct of structs) {
    // A clock gap in its own client (the refused change's items) or a reference into that gap.
    const gap = own.has(struct.id.client) && struct.id.clock > Y.getState(doc.store, struct.id.client);
    if (gap) return refusal(envelope);
    if (!(struct instanceof Y.Item)) continue;
    if (lacksOwn(struct.origin) || lacksOwn(struct.rightOrigin) || lacksOwn(struct.parent as Y.ID | null))
      return refusal(envelope);
  }
  return undefined;
}

function refusal(envelope: Envelope) {
  return {
    kind: 'refuse',
    reason: 'author-removed',
    detail: `${envelope.author} was removed from the case (it builds on its own refused change)`,
  } as const;
}

function refuse(detail: string): RightsVerdict {
  return { ok: false, reason: 'bad-key-rotation', detail };
}

/** Check 1 of the module comment, on one envelope's writes (after the rights table allowed them). */
export function checkKeyWrites(input: RightsInput): RightsVerdict {
  const { doc, genesis, envelope, writes } = input;
  const r = roots(doc);
  let rotations = 0;
  for (const write of writes) {
    const [root, key] = write.path;
    if ((root !== 'keyRotations' && root !== 'keyHistory') || key === undefined) continue;
    if (write.op !== 'set' || write.path.length !== 2) return refuse(`writes inside ${root}/${key}`);
    if ((root === 'keyRotations' ? r.keyRotations : r.keyHistory).has(key))
      return refuse(`rewrites ${root}/${key}: key records are never rewritten`);
    if (root === 'keyHistory') {
      const history = parseStoredKeyHistory(write.values[0]);
      if (!history) return refuse(`keyHistory/${key} is not a key history record`);
      if (history.caseId !== genesis.caseId) return refuse(`keyHistory/${key} is for another case`);
      if (rotationRecordKey(history) !== key) return refuse(`keyHistory/${key} is stored under another key`);
      continue;
    }
    rotations += 1;
    const rotation = parseStoredKeyRotation(write.values[0]);
    if (!rotation) return refuse(`keyRotations/${key} is not a key rotation record`);
    if (rotationRecordKey({ epoch: rotation.epoch, keyCheck: toBase64Url(rotation.keyCheck) }) !== key)
      return refuse(`keyRotations/${key} is stored under another key`);
    const removedIds = writes
      .filter(
        (w) => w.op === 'set' && w.path.length === 3 && w.path[0] === 'members' && w.path[2] === 'status',
      )
      .filter((w) => w.values[0] === 'removed')
      .map((w) => w.path[1] as string);
    const removedKeys: Uint8Array[] = [];
    for (const id of removedIds) {
      const parsed = parseMemberId(id);
      if (!parsed.ok) return refuse(`removes ${id}, which is not an identity key`);
      removedKeys.push(parsed.value.publicKey);
    }
    const checked = checkRotationEnvelope(rotation, {
      caseId: genesis.caseId,
      authorKey: envelope.authorKey,
      removedInChange: removedKeys,
    });
    if (!checked.ok) return refuse(checked.message);
    const leaving = removedIds.length === 1 && removedIds[0] === envelope.author;
    const reason = removedIds.length === 0 ? 'scheduled' : leaving ? 'member-left' : 'member-removed';
    if (rotation.reason !== reason)
      return refuse(`the rotation gives the reason ${rotation.reason}, not ${reason}`);
  }
  if (rotations > 1) return refuse('one change carries one key rotation');
  return { ok: true };
}

const MARKER = new TextEncoder().encode('keyRotations');

function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0] as number;
  const last = bytes.length - needle.length;
  outer: for (let i = bytes.indexOf(first); i >= 0 && i <= last; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Removed identity (hex) → lowest last-seen sequence number, from the rotations a batch carries. */
function removalsIn(batch: readonly { readonly envelope: Uint8Array }[]): Map<string, number> {
  const cuts = new Map<string, number>();
  for (const item of batch) {
    if (!contains(item.envelope, MARKER)) continue;
    const decoded = decodeEnvelope(item.envelope);
    if (!decoded.ok) continue;
    let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
    try {
      structs = Y.decodeUpdate(decoded.value.update).structs;
    } catch {
      continue; // the pipeline refuses it with the reason
    }
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || (struct.parent as unknown) !== 'keyRotations') continue;
      for (const value of struct.content.getContent()) {
        const rotation = parseStoredKeyRotation(value);
        rotation?.removed.forEach((key, i) => {
          const hex = toHex(key);
          const seq = rotation.lastSeqs[i] ?? 0;
          cuts.set(hex, Math.min(seq, cuts.get(hex) ?? seq));
        });
      }
    }
  }
  return cuts;
}

/**
 * Check 3 of the module comment: ingests `batch`, but a removed member's changes after the last
 * one its removal names only once everything else of the batch was applied.
 */
export function ingestRemovalsFirst(
  pipeline: VerificationPipeline,
  batch: readonly { readonly key: string; readonly envelope: Uint8Array }[],
): IngestReport {
  const cuts = removalsIn(batch);
  if (cuts.size === 0) return pipeline.ingest(batch);
  const first: { key: string; envelope: Uint8Array }[] = [];
  const later: { key: string; envelope: Uint8Array }[] = [];
  for (const item of batch) {
    const decoded = decodeEnvelope(item.envelope);
    const cut = decoded.ok ? cuts.get(toHex(decoded.value.authorKey)) : undefined;
    (cut !== undefined && decoded.ok && decoded.value.seq > cut ? later : first).push(item);
  }
  if (later.length === 0) return pipeline.ingest(batch);
  const a = pipeline.ingest(first);
  const b = pipeline.ingest(later);
  return {
    applied: [...a.applied, ...b.applied],
    quarantined: [...a.quarantined, ...b.quarantined],
    waiting: b.waiting,
  };
}
