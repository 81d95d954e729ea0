/**
 * Which key epoch is in force, and when a new rotation is needed, computed from the converged
 * document so that every peer agrees whatever order the changes arrived in.
 *
 * Rules (docs/invite-link.md §"Removal and key rotation"):
 * - A rotation record is accepted by a peer's pipeline when it passes {@link checkRotationEnvelope}:
 *   facts that do not depend on arrival order (its author wrote it, it is for this case, it
 *   seals nothing to an identity removed in the same change, its epoch is above 0).
 * - The epoch in force is the highest epoch of the accepted records; two concurrent rotations
 *   to the same epoch are broken by the lowest key check (hex).
 * - If the record in force sealed its key to someone who is no longer an active member (two
 *   members removed two others concurrently), the next member to notice rotates again.
 */
import { constantTimeEqual, toHex } from '../invite/bytes';
import type { KeyRotation } from './rotation';

export type RotationCheckCode = 'wrong-case' | 'author-mismatch' | 'removed-recipient' | 'removed-mismatch';

export type RotationCheckResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: RotationCheckCode; readonly message: string };

const MESSAGES: Readonly<Record<RotationCheckCode, string>> = {
  'wrong-case': 'The key rotation is for another case.',
  'author-mismatch': 'The key rotation names another member as its author than the one who signed it.',
  'removed-recipient': 'The key rotation seals the new case key to a member it removes.',
  'removed-mismatch': 'The key rotation does not list exactly the members removed by the same change.',
};

function refuse(error: RotationCheckCode): RotationCheckResult {
  return { ok: false, error, message: MESSAGES[error] };
}

/**
 * The verification pipeline's check of a rotation record in an envelope: `authorKey` signed
 * the envelope, `removedInChange` are the identities whose member status the same envelope
 * sets to 'removed'. Membership and rights of the author are the pipeline's general checks.
 */
export function checkRotationEnvelope(
  rotation: KeyRotation,
  context: {
    readonly caseId: string;
    readonly authorKey: Uint8Array;
    readonly removedInChange: readonly Uint8Array[];
  },
): RotationCheckResult {
  if (rotation.caseId !== context.caseId) return refuse('wrong-case');
  if (!constantTimeEqual(rotation.rotatedBy, context.authorKey)) return refuse('author-mismatch');
  const removed = new Set(rotation.removed.map(toHex));
  const expected = new Set(context.removedInChange.map(toHex));
  if (removed.size !== expected.size || [...expected].some((key) => !removed.has(key)))
    return refuse('removed-mismatch');
  if (rotation.sealed.some((entry) => removed.has(toHex(entry.recipient))))
    return refuse('removed-recipient');
  return { ok: true };
}

/** The rotation in force among accepted ones: highest epoch, then lowest key check. */
export function rotationInForce(rotations: Iterable<KeyRotation>): KeyRotation | undefined {
  let best: KeyRotation | undefined;
  for (const rotation of rotations) {
    if (
      !best ||
      rotation.epoch > best.epoch ||
      (rotation.epoch === best.epoch && toHex(rotation.keyCheck) < toHex(best.keyCheck))
    ) {
      best = rotation;
    }
  }
  return best;
}

/** The key epoch in force (0 before any rotation). */
export function currentEpoch(rotations: Iterable<KeyRotation>): number {
  return rotationInForce(rotations)?.epoch ?? 0;
}

/**
 * Whether the key in force reached someone who is no longer an active member, so that a
 * remaining member must rotate again (to `currentEpoch + 1`).
 */
export function rotationNeeded(
  rotations: Iterable<KeyRotation>,
  isActiveMember: (publicKey: Uint8Array) => boolean,
  removedSinceCreation: readonly Uint8Array[],
): boolean {
  const inForce = rotationInForce(rotations);
  if (!inForce) return removedSinceCreation.length > 0;
  return inForce.sealed.some((entry) => !isActiveMember(entry.recipient));
}
