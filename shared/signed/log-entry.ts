import { randomBytes } from '../crypto/random';
import { xchacha } from '../crypto/xchacha';
import { concatBytes, fromHex, toHex, utf8 } from '../identity/bytes';
import type { Result } from '../identity/result';
import { err, ok } from '../identity/result';
import type { CaseKey, CaseKeyring } from './case-key';

/**
 * A sealed log entry (docs/envelope.md "Log entries"): what the log document holds and the sync
 * layer carries, so transport and relays only ever see ciphertext.
 *
 *   u8 version=1 | keyId [8] | nonce [24] | XChaCha20-Poly1305-IETF(envelope bytes)
 *   associated data = "casepact/log-entry/v1" || 0x00 || caseId || 0x00 || entry key
 *
 * The entry key is the envelope's hash in lowercase hex; binding it as associated data means an
 * entry cannot be moved to another key or case without failing to open.
 */
export const LOG_ENTRY_VERSION = 1;
const AD_DOMAIN = utf8('casepact/log-entry/v1\u0000');
const HEADER = 1 + 8 + 24;

export type LogEntryError =
  | { readonly code: 'entry-malformed'; readonly message: string }
  | { readonly code: 'entry-unknown-key'; readonly message: string }
  | { readonly code: 'entry-undecryptable'; readonly message: string };

let adPrefix: { caseId: string; bytes: Uint8Array } | undefined;

function associatedData(caseId: string, entryKey: string): Uint8Array {
  // The prefix is the same for every entry of a case: build it once, not per entry.
  if (adPrefix?.caseId !== caseId)
    adPrefix = { caseId, bytes: concatBytes(AD_DOMAIN, utf8(caseId), new Uint8Array(1)) };
  return concatBytes(adPrefix.bytes, utf8(entryKey));
}

/** The 8 raw bytes of a key's id, once per key: every sealed entry starts with them. */
const keyIds = new WeakMap<CaseKey, Uint8Array>();
function keyIdBytes(key: CaseKey): Uint8Array {
  let bytes = keyIds.get(key);
  if (!bytes) {
    bytes = fromHex(key.keyId) as Uint8Array;
    keyIds.set(key, bytes);
  }
  return bytes;
}

/** Seals envelope bytes under the keyring's current key. `nonce` is for test vectors only. */
export function sealLogEntry(
  keyring: CaseKeyring,
  caseId: string,
  entryKey: string,
  envelope: Uint8Array,
  nonce: Uint8Array = randomBytes(24),
): Uint8Array {
  const key = keyring.current;
  const ciphertext = xchacha().encrypt(envelope, associatedData(caseId, entryKey), nonce, key.key);
  const out = new Uint8Array(HEADER + ciphertext.length);
  out[0] = LOG_ENTRY_VERSION;
  out.set(keyIdBytes(key), 1);
  out.set(nonce, 9);
  out.set(ciphertext, HEADER);
  return out;
}

/** Opens a sealed entry; typed errors for foreign versions, unknown keys and tampering. */
export function openLogEntry(
  keyring: CaseKeyring,
  caseId: string,
  entryKey: string,
  sealed: unknown,
): Result<Uint8Array, LogEntryError> {
  if (!(sealed instanceof Uint8Array) || sealed.length < HEADER + 16) {
    return err({ code: 'entry-malformed', message: 'the log entry is not a sealed envelope' });
  }
  if (sealed[0] !== LOG_ENTRY_VERSION) {
    return err({ code: 'entry-malformed', message: `unknown log entry version ${sealed[0]}` });
  }
  const keyId = toHex(sealed.subarray(1, 9));
  const key = keyring.get(keyId);
  if (!key)
    return err({
      code: 'entry-unknown-key',
      message: `sealed with a case key this replica lacks (${keyId})`,
    });
  const opened = xchacha().decrypt(
    sealed.subarray(HEADER),
    associatedData(caseId, entryKey),
    sealed.subarray(9, HEADER),
    key.key,
  );
  if (opened) return ok(opened);
  return err({
    code: 'entry-undecryptable',
    message: 'the log entry fails authentication (wrong key or tampered)',
  });
}
