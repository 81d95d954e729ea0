/**
 * Case key rotation (design.md §6: removing a member rotates the case key; the removed member
 * can read nothing written after). A rotation record starts a new key epoch: a fresh random
 * 32-byte case key, sealed to every remaining active member (sealed-key.ts), with a key check
 * that binds the one key every box must contain, so a rotator cannot hand different members
 * different keys without each of them noticing.
 *
 * The record is written in the same signed change as the removal (JSON-safe form,
 * StoredKeyRotation) and travels in the old epoch's room, where the removed member can see it
 * but open none of its boxes. Peers then move to the room derived from the new key.
 * docs/invite-link.md §"Removal and key rotation" has the format.
 */
import type { Sodium } from '../crypto/sodium';
import {
  concatBytes,
  constantTimeEqual,
  encodeUtf8,
  fromBase64Url,
  toBase64Url,
  toHex,
} from '../invite/bytes';
import type { SealRecipientKeys } from './sealed-key';
import { openSealedCaseKey, SEALED_CASE_KEY_BYTES, sealCaseKey } from './sealed-key';

export const KEY_CHECK_DOMAIN = encodeUtf8('casepact/key-rotation/v1/key-check');
export const KEY_CHECK_BYTES = 16;

export type RotationReason = 'member-removed' | 'member-left' | 'scheduled';
const REASONS: readonly RotationReason[] = ['member-removed', 'member-left', 'scheduled'];

/** One rotation, decoded. Keys are raw 32-byte Ed25519 identity keys. */
export interface KeyRotation {
  readonly v: 1;
  readonly caseId: string;
  /** The epoch this record starts (the case's creation key is epoch 0). */
  readonly epoch: number;
  readonly rotatedBy: Uint8Array;
  readonly rotatedAt: number;
  readonly reason: RotationReason;
  /** Identities removed by the change that carries this rotation. */
  readonly removed: readonly Uint8Array[];
  /**
   * For each removed identity (same order), the sequence number of its last change the rotator
   * had seen. Its changes up to that number stay valid wherever they arrive late; every later
   * one is refused as 'author-removed' (shared/signed/rotation-check.ts), whatever the order.
   */
  readonly lastSeqs: readonly number[];
  readonly keyCheck: Uint8Array;
  readonly sealed: readonly { readonly recipient: Uint8Array; readonly box: Uint8Array }[];
}

/** The same record as a plain JSON-safe object (a Yjs ContentAny value): bytes as base64url. */
export interface StoredKeyRotation {
  readonly v: 1;
  readonly caseId: string;
  readonly epoch: number;
  readonly rotatedBy: string;
  readonly rotatedAt: number;
  readonly reason: RotationReason;
  readonly removed: readonly string[];
  readonly lastSeqs: readonly number[];
  readonly keyCheck: string;
  readonly sealed: readonly { readonly recipient: string; readonly box: string }[];
}

/** BLAKE2b-128 keyed by the case key over KEY_CHECK_DOMAIN ‖ u32 epoch ‖ case id. */
export function keyCheckOf(na: Sodium, caseKey: Uint8Array, caseId: string, epoch: number): Uint8Array {
  const epochBytes = Uint8Array.of(epoch >>> 24, epoch >>> 16, epoch >>> 8, epoch);
  return na.crypto_generichash(
    KEY_CHECK_BYTES,
    concatBytes(KEY_CHECK_DOMAIN, epochBytes, encodeUtf8(caseId)),
    caseKey,
  );
}

export interface CreateKeyRotationInput {
  readonly caseId: string;
  readonly epoch: number;
  readonly rotatedBy: Uint8Array;
  readonly rotatedAt: number;
  readonly reason: RotationReason;
  readonly removed: readonly Uint8Array[];
  /** Last seen sequence number of each removed identity (same order; default 0 each). */
  readonly lastSeqs?: readonly number[];
  /** Every identity that stays an active member (the rotator included). */
  readonly recipients: readonly Uint8Array[];
}

export type CreateKeyRotationResult =
  | {
      readonly ok: true;
      readonly rotation: KeyRotation;
      readonly stored: StoredKeyRotation;
      readonly caseKey: Uint8Array;
    }
  | { readonly ok: false; readonly error: 'invalid-input'; readonly message: string };

/** Generates the next epoch's key and seals it to each recipient. */
export function createKeyRotation(na: Sodium, input: CreateKeyRotationInput): CreateKeyRotationResult {
  if (!Number.isInteger(input.epoch) || input.epoch < 1 || input.epoch > 0xffffffff) {
    return { ok: false, error: 'invalid-input', message: 'the new epoch must be a whole number from 1' };
  }
  if (input.recipients.length === 0) {
    return { ok: false, error: 'invalid-input', message: 'a rotation needs at least one remaining member' };
  }
  const lastSeqs = input.lastSeqs ?? input.removed.map(() => 0);
  if (lastSeqs.length !== input.removed.length || !lastSeqs.every(isSeq)) {
    return { ok: false, error: 'invalid-input', message: 'give one last sequence number per removed member' };
  }
  const recipients = dedupe(input.recipients);
  for (const removed of input.removed) {
    if (recipients.some((key) => constantTimeEqual(key, removed))) {
      return { ok: false, error: 'invalid-input', message: 'a removed member cannot receive the new key' };
    }
  }
  const caseKey = na.randombytes_buf(32);
  const sealed: { recipient: Uint8Array; box: Uint8Array }[] = [];
  for (const recipient of recipients) {
    const box = sealCaseKey(na, caseKey, recipient, input);
    if (!box)
      return { ok: false, error: 'invalid-input', message: 'a recipient key is not a valid identity key' };
    sealed.push({ recipient: recipient.slice(), box });
  }
  const rotation: KeyRotation = {
    v: 1,
    caseId: input.caseId,
    epoch: input.epoch,
    rotatedBy: input.rotatedBy.slice(),
    rotatedAt: input.rotatedAt,
    reason: input.reason,
    removed: input.removed.map((key) => key.slice()),
    lastSeqs: [...lastSeqs],
    keyCheck: keyCheckOf(na, caseKey, input.caseId, input.epoch),
    sealed,
  };
  return { ok: true, rotation, stored: toStoredKeyRotation(rotation), caseKey };
}

function isSeq(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;
}

function dedupe(keys: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  return keys.filter((key) => {
    const hex = toHex(key);
    if (seen.has(hex)) return false;
    seen.add(hex);
    return true;
  });
}

export type OpenKeyRotationResult =
  | { readonly ok: true; readonly caseKey: Uint8Array; readonly epoch: number }
  | { readonly ok: false; readonly error: 'not-a-recipient' | 'key-mismatch'; readonly message: string };

/**
 * A member opens its box. 'not-a-recipient' is what a removed member gets; 'key-mismatch'
 * means the box does not hold the key the record commits to (a faulty or dishonest rotator):
 * report it, do not use the key.
 */
export function openKeyRotation(
  na: Sodium,
  rotation: KeyRotation,
  me: SealRecipientKeys,
): OpenKeyRotationResult {
  const mine = rotation.sealed.find((entry) => constantTimeEqual(entry.recipient, me.publicKey));
  if (!mine) {
    return {
      ok: false,
      error: 'not-a-recipient',
      message:
        'This identity is not among the members the new case key was sealed to: it was removed from the case.',
    };
  }
  const caseKey = openSealedCaseKey(na, mine.box, me, rotation);
  if (
    !caseKey ||
    !constantTimeEqual(keyCheckOf(na, caseKey, rotation.caseId, rotation.epoch), rotation.keyCheck)
  ) {
    return {
      ok: false,
      error: 'key-mismatch',
      message:
        'The new case key sealed to this identity does not match the key the rotation announces. Ask the member who removed someone to rotate again.',
    };
  }
  return { ok: true, caseKey, epoch: rotation.epoch };
}

/**
 * The key of a record in the contract's `keyRotations` map: "<epoch>.<keyCheck base64url>".
 * Epoch first so the map reads as epoch → record; the key check makes two rotations to the same
 * epoch made concurrently (two removals in a partition) two records instead of one overwriting
 * the other, so nobody loses the boxes of a key some members already use.
 */
export function rotationRecordKey(rotation: { readonly epoch: number; readonly keyCheck: string }): string {
  return `${rotation.epoch}.${rotation.keyCheck}`;
}

export function toStoredKeyRotation(rotation: KeyRotation): StoredKeyRotation {
  return {
    v: 1,
    caseId: rotation.caseId,
    epoch: rotation.epoch,
    rotatedBy: toBase64Url(rotation.rotatedBy),
    rotatedAt: rotation.rotatedAt,
    reason: rotation.reason,
    removed: rotation.removed.map(toBase64Url),
    lastSeqs: [...rotation.lastSeqs],
    keyCheck: toBase64Url(rotation.keyCheck),
    sealed: rotation.sealed.map((entry) => ({
      recipient: toBase64Url(entry.recipient),
      box: toBase64Url(entry.box),
    })),
  };
}

function bytesOf(value: unknown, length: number): Uint8Array | undefined {
  if (typeof value !== 'string' || value.length > 200) return undefined;
  const decoded = fromBase64Url(value);
  return decoded.ok && decoded.bytes.length === length ? decoded.bytes : undefined;
}

/** Hard cap on recipients a record may list (bounds the work an untrusted record can cause). */
export const MAX_ROTATION_RECIPIENTS = 1024;

/** Reads a rotation from an untrusted document value; `undefined` if it is not a valid record. */
export function parseStoredKeyRotation(value: unknown): KeyRotation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const rotatedBy = bytesOf(r.rotatedBy, 32);
  const keyCheck = bytesOf(r.keyCheck, KEY_CHECK_BYTES);
  if (
    r.v !== 1 ||
    typeof r.caseId !== 'string' ||
    r.caseId.length === 0 ||
    !Number.isInteger(r.epoch) ||
    (r.epoch as number) < 1 ||
    (r.epoch as number) > 0xffffffff ||
    !Number.isSafeInteger(r.rotatedAt) ||
    !REASONS.includes(r.reason as RotationReason) ||
    !rotatedBy ||
    !keyCheck ||
    !Array.isArray(r.removed) ||
    !Array.isArray(r.lastSeqs) ||
    r.lastSeqs.length !== r.removed.length ||
    !r.lastSeqs.every(isSeq) ||
    !Array.isArray(r.sealed) ||
    r.sealed.length === 0 ||
    r.sealed.length > MAX_ROTATION_RECIPIENTS ||
    r.removed.length > MAX_ROTATION_RECIPIENTS
  ) {
    return undefined;
  }
  const removed = r.removed.map((key) => bytesOf(key, 32));
  const sealed = (r.sealed as unknown[]).map((entry) => {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const e = entry as Record<string, unknown>;
    const recipient = bytesOf(e.recipient, 32);
    const box = bytesOf(e.box, SEALED_CASE_KEY_BYTES);
    return recipient && box ? { recipient, box } : undefined;
  });
  if (removed.some((key) => !key) || sealed.some((entry) => !entry)) return undefined;
  return {
    v: 1,
    caseId: r.caseId,
    epoch: r.epoch as number,
    rotatedBy,
    rotatedAt: r.rotatedAt as number,
    reason: r.reason as RotationReason,
    removed: removed as Uint8Array[],
    lastSeqs: [...(r.lastSeqs as number[])],
    keyCheck,
    sealed: sealed as { recipient: Uint8Array; box: Uint8Array }[],
  };
}
