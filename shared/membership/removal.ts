/**
 * Planning a removal (or a voluntary leave): who may, and the key rotation that goes with it.
 * The caller writes the member's status change (the contract's removeMember) and the
 * StoredKeyRotation in one signed change, then moves its transport to the room of the new key.
 */
import type { Sodium } from '../crypto/sodium';
import { constantTimeEqual } from '../invite/bytes';
import type { CreateKeyRotationResult } from './rotation';
import { createKeyRotation } from './rotation';

export interface RemovalInput {
  readonly caseId: string;
  /** Epoch in force before the removal (epochs.ts `currentEpoch`). */
  readonly currentEpoch: number;
  readonly remover: Uint8Array;
  readonly removed: Uint8Array;
  /** Sequence number of the removed member's last change this device has (0: none). */
  readonly lastSeq?: number;
  /** Identity keys of every active member before the removal. */
  readonly activeMembers: readonly Uint8Array[];
  /** The rights table's answer (shared/contract/rights.ts): may the remover remove this member? */
  readonly mayRemove: boolean;
  readonly now: number;
}

export type RemovalRefusalCode = 'not-a-member' | 'unknown-member' | 'forbidden' | 'last-member';

export type PlanRemovalResult =
  | Extract<CreateKeyRotationResult, { ok: true }>
  | { readonly ok: false; readonly error: RemovalRefusalCode | 'invalid-input'; readonly message: string };

const MESSAGES: Readonly<Record<RemovalRefusalCode, string>> = {
  'not-a-member': 'Only an active member of the case can remove members.',
  'unknown-member': 'That person is not an active member of this case.',
  forbidden: 'Your role in this case may not remove that member.',
  'last-member': 'The last member cannot leave or be removed: the case would have nobody left to hold it.',
};

/**
 * Checks the removal and creates the rotation: a new case key sealed to every remaining
 * active member. Leaving (remover = removed) is always allowed to a member.
 */
export function planRemoval(na: Sodium, input: RemovalInput): PlanRemovalResult {
  const isActive = (key: Uint8Array) => input.activeMembers.some((member) => constantTimeEqual(member, key));
  const refuse = (error: RemovalRefusalCode) => ({ ok: false as const, error, message: MESSAGES[error] });
  if (!isActive(input.remover)) return refuse('not-a-member');
  if (!isActive(input.removed)) return refuse('unknown-member');
  const leaving = constantTimeEqual(input.remover, input.removed);
  if (!leaving && !input.mayRemove) return refuse('forbidden');
  const remaining = input.activeMembers.filter((member) => !constantTimeEqual(member, input.removed));
  if (remaining.length === 0) return refuse('last-member');
  const rotation = createKeyRotation(na, {
    caseId: input.caseId,
    epoch: input.currentEpoch + 1,
    rotatedBy: input.remover,
    rotatedAt: input.now,
    reason: leaving ? 'member-left' : 'member-removed',
    removed: [input.removed],
    lastSeqs: [input.lastSeq ?? 0],
    recipients: remaining,
  });
  return rotation;
}
