import { randomFillSync } from 'node:crypto';
import { sodium } from '../../shared/crypto/sodium';

/**
 * Stand-in for shared/signed's sealed envelopes, used by the peer harness and the latency
 * bench until that module lands: the payload is encrypted with XChaCha20-Poly1305 under a key
 * derived from the case key, and filed in the log under the BLAKE2b hash of the sealed bytes,
 * i.e. the cryptographic work the signed, sealed log adds per change (minus the signature).
 * Not a wire format: nothing outside the harness may depend on it.
 */

const CONTEXT = 'cp-bench';
const NONCE_BYTES = 24;

/** Derives the interim sealing key (domain-separated from the room name and password). */
export function interimSealKey(caseKey: Uint8Array): Uint8Array {
  return sodium().crypto_kdf_derive_from_key(32, 0, CONTEXT, caseKey);
}

/** nonce ‖ ciphertext of `payload`. */
export function interimSeal(key: Uint8Array, payload: Uint8Array): Uint8Array {
  const na = sodium();
  // Not na.randombytes_buf: in Node, libsodium-wrappers draws it 4 bytes at a time through
  // require('crypto').randomBytes, ~0.2 ms per nonce (measured), which would dominate the bench.
  const nonce = randomFillSync(new Uint8Array(NONCE_BYTES));
  const cipher = na.crypto_aead_xchacha20poly1305_ietf_encrypt(payload, null, null, nonce, key);
  const sealed = new Uint8Array(NONCE_BYTES + cipher.length);
  sealed.set(nonce);
  sealed.set(cipher, NONCE_BYTES);
  return sealed;
}

/** The payload, or null when the bytes were not sealed under `key` (or were altered). */
export function interimOpen(key: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  if (sealed.length < NONCE_BYTES + 16) return null;
  try {
    return sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(NONCE_BYTES),
      null,
      sealed.subarray(0, NONCE_BYTES),
      key,
    );
  } catch {
    return null;
  }
}

/** Content hash used as the log key (hex BLAKE2b-256). */
export function contentKey(bytes: Uint8Array): string {
  return sodium().to_hex(sodium().crypto_generichash(32, bytes, null));
}
