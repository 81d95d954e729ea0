/**
 * A member's device and the key records of its case document: which rotations and histories the
 * document holds, which of their keys this identity can open, and which key seals new entries.
 * Call {@link adoptCaseKeys} after every batch of applied changes (or after opening a stored
 * case); persist the keys it reports as added, and when the current key changed move the
 * transport to the room derived from it. Entries a replica refused as unreadable before it had
 * a key are not retried by it: rebuild the replica when keys were added.
 */
import type * as Y from 'yjs';
import { roots } from '../contract/schema';
import type { Sodium } from '../crypto/sodium';
import { constantTimeEqual } from '../invite/bytes';
import type { CaseKey, CaseKeyring } from '../signed/case-key';
import { caseKeyFromBytes } from '../signed/case-key';
import { adoptRotations } from './adopt-rotations';
import { rotationInForce } from './epochs';
import type { StoredKeyHistory } from './key-history';
import { isHistoryKey, openKeyHistory, parseStoredKeyHistory, sealKeyHistory } from './key-history';
import type { KeyRotation } from './rotation';
import { keyCheckOf, parseStoredKeyRotation, rotationRecordKey, toStoredKeyRotation } from './rotation';
import type { SealRecipientKeys } from './sealed-key';

/** Every well-formed rotation record of the document (the pipeline admitted only checked ones). */
export function readRotations(doc: Y.Doc): KeyRotation[] {
  const out: KeyRotation[] = [];
  for (const [key, value] of roots(doc).keyRotations.entries()) {
    const rotation = parseStoredKeyRotation(value);
    if (rotation && rotationRecordKey(toStoredKeyRotation(rotation)) === key) out.push(rotation);
  }
  return out.sort((a, b) => a.epoch - b.epoch);
}

/** Every well-formed key history record of the document. */
export function readKeyHistories(doc: Y.Doc): StoredKeyHistory[] {
  const out: StoredKeyHistory[] = [];
  for (const [key, value] of roots(doc).keyHistory.entries()) {
    const history = parseStoredKeyHistory(value);
    if (history && rotationRecordKey(history) === key) out.push(history);
  }
  return out;
}

/** The epoch of each key: the rotation whose key check it matches, else 0 (the creation key). */
export function keyEpochs(
  na: Sodium,
  caseId: string,
  rotations: readonly KeyRotation[],
  keys: readonly CaseKey[],
): Map<string, number> {
  const epochs = new Map<string, number>();
  for (const key of keys) {
    const found = rotations.find((r) =>
      constantTimeEqual(keyCheckOf(na, key.key, caseId, r.epoch), r.keyCheck),
    );
    epochs.set(key.keyId, found?.epoch ?? 0);
  }
  return epochs;
}

/** Whether `keyring` holds the key `rotation` announces. */
export function holdsRotationKey(
  na: Sodium,
  keyring: CaseKeyring,
  rotation: KeyRotation,
): CaseKey | undefined {
  return keyring
    .all()
    .find((key) =>
      constantTimeEqual(keyCheckOf(na, key.key, rotation.caseId, rotation.epoch), rotation.keyCheck),
    );
}

export interface AdoptCaseKeysReport {
  /** Epoch of the current key after the call (0: the creation key). */
  readonly epoch: number;
  /** Keys this call added to the keyring (persist them). */
  readonly added: readonly CaseKey[];
  /** Whether the current key changed (move the transport to its room). */
  readonly currentChanged: boolean;
  /** The key in force is not held: this identity was removed, or its invite predates a rotation. */
  readonly excluded: boolean;
  /** Rotations whose box for this identity does not hold the announced key. */
  readonly mismatched: readonly number[];
}

/** Adds an older key without changing which key seals. */
function addOlder(keyring: CaseKeyring, key: CaseKey): void {
  const current = keyring.current;
  keyring.rotateTo(key);
  keyring.rotateTo(current);
}

/**
 * Opens every box sealed to `me` and every key history sealed under a key it holds, adds the
 * keys to `keyring`, and makes the key in force current when it is held. Never throws on
 * hostile records (they open nothing).
 */
export function adoptCaseKeys(
  na: Sodium,
  doc: Y.Doc,
  caseId: string,
  me: SealRecipientKeys,
  keyring: CaseKeyring,
): AdoptCaseKeysReport {
  const before = new Set(keyring.all().map((k) => k.keyId));
  const currentBefore = keyring.current.keyId;
  const rotations = readRotations(doc);
  const histories = readKeyHistories(doc);
  let mismatched: readonly number[] = [];
  // A key from a box may open a history, and a history a key whose box… repeat until stable.
  for (let round = 0; round < 8; round++) {
    const size = keyring.all().length;
    for (const history of histories) {
      const sealing = keyring.all().find((key) => isHistoryKey(na, history, key.key));
      for (const bytes of (sealing && openKeyHistory(na, history, sealing.key)) ?? []) {
        const key = caseKeyFromBytes(bytes);
        if (!keyring.get(key.keyId)) addOlder(keyring, key);
      }
    }
    mismatched = adoptRotations(na, rotations, me, keyring, 0).mismatched;
    if (keyring.all().length === size) break;
  }
  const inForce = rotationInForce(rotations);
  const held = inForce && holdsRotationKey(na, keyring, inForce);
  if (held && keyring.current.keyId !== held.keyId) keyring.rotateTo(held);
  const epoch = held
    ? (inForce?.epoch ?? 0)
    : (keyEpochs(na, caseId, rotations, [keyring.current]).get(keyring.current.keyId) ?? 0);
  return {
    epoch,
    added: keyring.all().filter((k) => !before.has(k.keyId)),
    currentChanged: keyring.current.keyId !== currentBefore,
    excluded: inForce !== undefined && !held,
    mismatched,
  };
}

/**
 * The key history the document lacks for the current key, if this device can write it: the
 * current key belongs to a rotation (epoch ≥ 1) and no history is sealed under it yet. Sealed
 * with every other key the keyring holds.
 */
export function keyHistoryToWrite(
  na: Sodium,
  doc: Y.Doc,
  caseId: string,
  keyring: CaseKeyring,
): StoredKeyHistory | undefined {
  const current = keyring.current;
  const rotation = readRotations(doc).find((r) =>
    constantTimeEqual(keyCheckOf(na, current.key, caseId, r.epoch), r.keyCheck),
  );
  if (!rotation) return undefined;
  if (readKeyHistories(doc).some((h) => h.epoch === rotation.epoch && isHistoryKey(na, h, current.key)))
    return undefined;
  const older = keyring
    .all()
    .filter((k) => k.keyId !== current.keyId)
    .map((k) => k.key);
  if (older.length === 0) return undefined;
  return sealKeyHistory(na, { caseId, epoch: rotation.epoch, caseKey: current.key, older });
}
