/**
 * A member's device taking in the key rotations it finds in the case: opens every box sealed
 * to it, adds each key to the case keyring in epoch order, and makes the key in force the
 * current one, so new log entries are sealed with it and the transport moves to its room.
 * Whoever stores rotation records (the contract document) calls this after each sync.
 */
import type { Sodium } from '../crypto/sodium';
import type { CaseKeyring } from '../signed/case-key';
import { caseKeyFromBytes } from '../signed/case-key';
import { rotationInForce } from './epochs';
import type { KeyRotation, OpenKeyRotationResult } from './rotation';
import { openKeyRotation } from './rotation';
import type { SealRecipientKeys } from './sealed-key';

export interface AdoptRotationsReport {
  /** Epoch of the key now current in the keyring (0: still the creation key). */
  readonly epoch: number;
  /** Keys added to the keyring by this call. */
  readonly added: number;
  /** Rotations that name this identity but whose box does not hold the announced key. */
  readonly mismatched: readonly number[];
  /** True when the rotation in force does not include this identity: it was removed. */
  readonly excluded: boolean;
}

/**
 * Opens what it can of `rotations` for `me` and updates `keyring` in place. `currentEpoch` is
 * the epoch of the keyring's current key before the call. Never throws on hostile records.
 */
export function adoptRotations(
  na: Sodium,
  rotations: readonly KeyRotation[],
  me: SealRecipientKeys,
  keyring: CaseKeyring,
  currentEpoch: number,
): AdoptRotationsReport {
  const inForce = rotationInForce(rotations);
  const ordered = [...rotations].sort((a, b) => a.epoch - b.epoch);
  let added = 0;
  let epoch = currentEpoch;
  const mismatched: number[] = [];
  let inForceKey: Uint8Array | undefined;
  for (const rotation of ordered) {
    const opened: OpenKeyRotationResult = openKeyRotation(na, rotation, me);
    if (!opened.ok) {
      if (opened.error === 'key-mismatch') mismatched.push(rotation.epoch);
      continue;
    }
    const key = caseKeyFromBytes(opened.caseKey);
    if (!keyring.get(key.keyId)) {
      // rotateTo keeps every older key for reading; the key in force is made current last.
      keyring.rotateTo(key);
      added += 1;
    }
    if (rotation === inForce) inForceKey = opened.caseKey;
  }
  if (inForce && inForceKey) {
    keyring.rotateTo(caseKeyFromBytes(inForceKey));
    epoch = inForce.epoch;
  }
  return { epoch, added, mismatched, excluded: inForce !== undefined && inForceKey === undefined };
}
