/**
 * Removing a member (or leaving) on a member's replica, the whole of it (docs/invite-link.md §3):
 * checks the rights, plans the key rotation (a new key sealed to every remaining member), writes
 * the removal and the rotation as ONE signed change (sealed with the old key, so the remaining
 * members can open it and find their box), then makes the new key current and writes the key
 * history under it (for members invited later). The caller persists the new key and moves its
 * transport to the new key's room; a leaving member keeps no new key.
 */
import { authorOf } from '../contract/context';
import { recordKeyHistory } from '../contract/commands/keys';
import { removeMember } from '../contract/commands/parties';
import { entityMap, parseMember, readAll } from '../contract/read';
import type { ContractErrorCode } from '../contract/result';
import { mayRemove } from '../contract/rights';
import { roots } from '../contract/schema';
import type { Sodium } from '../crypto/sodium';
import { parseMemberId } from '../identity/member-id';
import type { CaseKey } from '../signed/case-key';
import { caseKeyFromBytes } from '../signed/case-key';
import type { CaseReplica } from '../signed/replica';
import { keyHistoryToWrite, readRotations } from './case-keys';
import { rotationInForce } from './epochs';
import type { RemovalRefusalCode } from './removal';
import { planRemoval } from './removal';
import type { KeyRotation } from './rotation';

export type RemoveWithRotationResult =
  | {
      readonly ok: true;
      readonly memberId: string;
      readonly leaving: boolean;
      readonly rotation: KeyRotation;
      /** The new current key (undefined when leaving: a leaver keeps no key of the new epoch). */
      readonly caseKey: CaseKey | undefined;
      readonly historyWritten: boolean;
    }
  | {
      readonly ok: false;
      readonly error: RemovalRefusalCode | ContractErrorCode | 'no-identity';
      readonly message: string;
    };

/** Highest sequence number of `member`'s envelopes this replica decided on (0: none). */
export function lastSeqOf(replica: CaseReplica, member: string): number {
  let last = 0;
  for (const change of replica.applied())
    if (change.author === member && change.seq > last) last = change.seq;
  for (const entry of replica.quarantine().refused)
    if (entry.author === member && entry.seq !== undefined && entry.seq > last) last = entry.seq;
  return last;
}

/** Removes `memberId` (the replica's own id: leaves) with a key rotation. Writes nothing when refused. */
export function removeMemberWithRotation(
  na: Sodium,
  replica: CaseReplica,
  memberId: string,
  now: number,
): RemoveWithRotationResult {
  const identity = replica.identity;
  if (!identity)
    return { ok: false, error: 'no-identity', message: 'a read-only replica cannot remove members' };
  const r = roots(replica.contract);
  const author = authorOf(r, identity.id);
  if (!author)
    return {
      ok: false,
      error: 'not-a-member',
      message: 'Only an active member of the case can remove members.',
    };
  const record = entityMap(r.members, memberId);
  const target = record && parseMember(memberId, record);
  if (target?.status !== 'active')
    return {
      ok: false,
      error: 'unknown-member',
      message: 'That person is not an active member of this case.',
    };
  const activeKeys: Uint8Array[] = [];
  for (const member of readAll(r.members, parseMember)) {
    if (member.status !== 'active') continue;
    const parsed = parseMemberId(member.id);
    if (!parsed.ok)
      return {
        ok: false,
        error: 'invalid-input',
        message: `member ${member.id} has no identity key to seal to`,
      };
    activeKeys.push(parsed.value.publicKey);
  }
  const targetKey = parseMemberId(memberId);
  if (!targetKey.ok)
    return { ok: false, error: 'unknown-member', message: 'That member id is not an identity key.' };
  const plan = planRemoval(na, {
    caseId: replica.caseId,
    currentEpoch: rotationInForce(readRotations(replica.contract))?.epoch ?? 0,
    remover: identity.publicKey,
    removed: targetKey.value.publicKey,
    lastSeq: lastSeqOf(replica, memberId),
    activeMembers: activeKeys,
    mayRemove: mayRemove(author, { memberId, partyId: target.party, role: target.role }),
    now,
  });
  if (!plan.ok) return plan;
  const removed = replica.run((ctx) => removeMember(ctx, { memberId, rotation: plan.stored }));
  if (!removed.ok) {
    na.memzero(plan.caseKey);
    return removed;
  }
  const leaving = memberId === identity.id;
  if (leaving) {
    na.memzero(plan.caseKey);
    return {
      ok: true,
      memberId,
      leaving,
      rotation: plan.rotation,
      caseKey: undefined,
      historyWritten: false,
    };
  }
  const caseKey = caseKeyFromBytes(plan.caseKey);
  na.memzero(plan.caseKey);
  // From here on this replica seals with the new key: the removed member opens nothing new.
  replica.keyring.rotateTo(caseKey);
  const history = keyHistoryToWrite(na, replica.contract, replica.caseId, replica.keyring);
  const written = history ? replica.run((ctx) => recordKeyHistory(ctx, { history })) : undefined;
  return {
    ok: true,
    memberId,
    leaving,
    rotation: plan.rotation,
    caseKey,
    historyWritten: written?.ok === true,
  };
}
