import { sodium } from '../../shared/crypto/sodium';
import { openChannelMessage, sealChannelMessage } from '../../shared/sync/channel-seal';

/**
 * Stand-in for shared/signed's sealed envelopes, used by the peer harness and the latency
 * bench until that module lands: the payload is encrypted with XChaCha20-Poly1305 under a key
 * derived from the case key, and filed in the log under the BLAKE2b hash of the sealed bytes,
 * i.e. the cryptographic work the signed, sealed log adds per change (minus the signature).
 * Not a wire format: nothing outside the harness may depend on it.
 */

const CONTEXT = 'cp-bench';

/** Derives the interim sealing key (domain-separated from the room name and password). */
export function interimSealKey(caseKey: Uint8Array): Uint8Array {
  return sodium().crypto_kdf_derive_from_key(32, 0, CONTEXT, caseKey);
}

/** The payload sealed as one data-channel message is (channel-seal.ts), under the interim key. */
export function interimSeal(key: Uint8Array, payload: Uint8Array): Uint8Array {
  return sealChannelMessage(key, payload);
}

/** The payload, or null when the bytes were not sealed under `key` (or were altered). */
export function interimOpen(key: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  return openChannelMessage(key, sealed);
}

/** Content hash used as the log key (hex BLAKE2b-256). */
export function contentKey(bytes: Uint8Array): string {
  return sodium().to_hex(sodium().crypto_generichash(32, bytes, null));
}
