/**
 * Key history: the older case keys, sealed under the key of one epoch, so that a member invited
 * after a rotation (its link carries the key in force) can open the whole signed log, which was
 * sealed with the keys of earlier epochs (docs/invite-link.md §3 "Key history").
 *
 * A rotation record travels in an entry sealed with the *previous* key (the remaining members
 * must open it to find their box), so it cannot tell holders of the new key anything; the history
 * record is written right after, in an entry sealed with the new key. It reveals nothing to a
 * removed member: it needs the new key to open.
 *
 * Stored form (a plain value of the contract's `keyHistory` map, bytes as base64url):
 *   { v: 1, caseId, epoch, keyCheck, box }
 *   keyCheck = rotation.ts keyCheckOf(sealing key, case id, epoch) (names the sealing key)
 *   box      = nonce (24) ‖ crypto_secretbox(older keys, 32 bytes each, nonce,
 *              BLAKE2b-256(sealing key, "casepact/key-history/v1" ‖ u32 epoch ‖ case id))
 */
import type { Sodium } from '../crypto/sodium';
import { concatBytes, constantTimeEqual, encodeUtf8, fromBase64Url, toBase64Url } from '../invite/bytes';
import { KEY_CHECK_BYTES, keyCheckOf } from './rotation';

export const KEY_HISTORY_DOMAIN = encodeUtf8('casepact/key-history/v1');
/** Most older keys one record carries (bounds the work a hostile record can cause). */
export const MAX_HISTORY_KEYS = 1024;
const NONCE_BYTES = 24;
const MAC_BYTES = 16;
const KEY_BYTES = 32;

export interface StoredKeyHistory {
  readonly v: 1;
  readonly caseId: string;
  /** Epoch of the key the history is sealed under. */
  readonly epoch: number;
  readonly keyCheck: string;
  readonly box: string;
}

function boxKey(na: Sodium, caseKey: Uint8Array, caseId: string, epoch: number): Uint8Array {
  const epochBytes = Uint8Array.of(epoch >>> 24, epoch >>> 16, epoch >>> 8, epoch);
  return na.crypto_generichash(32, concatBytes(KEY_HISTORY_DOMAIN, epochBytes, encodeUtf8(caseId)), caseKey);
}

/** Seals `older` keys under `caseKey` (the key of `epoch`). `older` must hold 1..1024 keys. */
export function sealKeyHistory(
  na: Sodium,
  input: {
    readonly caseId: string;
    readonly epoch: number;
    readonly caseKey: Uint8Array;
    readonly older: readonly Uint8Array[];
  },
): StoredKeyHistory | undefined {
  const { caseId, epoch, caseKey, older } = input;
  if (older.length === 0 || older.length > MAX_HISTORY_KEYS || older.some((k) => k.length !== KEY_BYTES))
    return undefined;
  if (!Number.isInteger(epoch) || epoch < 0 || epoch > 0xffffffff || caseKey.length !== KEY_BYTES)
    return undefined;
  const nonce = na.randombytes_buf(NONCE_BYTES);
  const plain = concatBytes(...older);
  const key = boxKey(na, caseKey, caseId, epoch);
  const sealed = na.crypto_secretbox_easy(plain, nonce, key);
  na.memzero(plain);
  na.memzero(key);
  return {
    v: 1,
    caseId,
    epoch,
    keyCheck: toBase64Url(keyCheckOf(na, caseKey, caseId, epoch)),
    box: toBase64Url(concatBytes(nonce, sealed)),
  };
}

/** Whether `caseKey` is the key `history` is sealed under. */
export function isHistoryKey(na: Sodium, history: StoredKeyHistory, caseKey: Uint8Array): boolean {
  const check = fromBase64Url(history.keyCheck);
  return check.ok && constantTimeEqual(keyCheckOf(na, caseKey, history.caseId, history.epoch), check.bytes);
}

/** The older keys, or `undefined` when `caseKey` is not the sealing key or the box was altered. */
export function openKeyHistory(
  na: Sodium,
  history: StoredKeyHistory,
  caseKey: Uint8Array,
): Uint8Array[] | undefined {
  if (!isHistoryKey(na, history, caseKey)) return undefined;
  const box = fromBase64Url(history.box);
  if (!box.ok || box.bytes.length < NONCE_BYTES + MAC_BYTES + KEY_BYTES) return undefined;
  const key = boxKey(na, caseKey, history.caseId, history.epoch);
  let plain: Uint8Array;
  try {
    plain = na.crypto_secretbox_open_easy(
      box.bytes.subarray(NONCE_BYTES),
      box.bytes.subarray(0, NONCE_BYTES),
      key,
    );
  } catch {
    return undefined; // libsodium throws when the box does not authenticate
  } finally {
    na.memzero(key);
  }
  if (plain.length === 0 || plain.length % KEY_BYTES !== 0) return undefined;
  const keys: Uint8Array[] = [];
  for (let at = 0; at < plain.length; at += KEY_BYTES) keys.push(plain.slice(at, at + KEY_BYTES));
  na.memzero(plain);
  return keys;
}

/** Reads a key history from an untrusted document value; `undefined` if it is not a valid record. */
export function parseStoredKeyHistory(value: unknown): StoredKeyHistory | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (
    r.v !== 1 ||
    typeof r.caseId !== 'string' ||
    r.caseId.length === 0 ||
    r.caseId.length > 200 ||
    !Number.isInteger(r.epoch) ||
    (r.epoch as number) < 0 ||
    (r.epoch as number) > 0xffffffff ||
    typeof r.keyCheck !== 'string' ||
    typeof r.box !== 'string' ||
    r.box.length > Math.ceil(((NONCE_BYTES + MAC_BYTES + KEY_BYTES * MAX_HISTORY_KEYS) * 4) / 3) + 4
  ) {
    return undefined;
  }
  const check = fromBase64Url(r.keyCheck);
  const box = fromBase64Url(r.box);
  if (!check.ok || check.bytes.length !== KEY_CHECK_BYTES || !box.ok) return undefined;
  const size = box.bytes.length - NONCE_BYTES - MAC_BYTES;
  if (size < KEY_BYTES || size % KEY_BYTES !== 0) return undefined;
  return { v: 1, caseId: r.caseId, epoch: r.epoch as number, keyCheck: r.keyCheck, box: r.box };
}
