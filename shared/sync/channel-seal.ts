import { randomBytes } from '../crypto/random';
import { sodium } from '../crypto/sodium';
import { xchacha } from '../crypto/xchacha';
import { utf8 } from '../identity/bytes';
import { CASE_KEY_BYTES } from './room-derivation';

/**
 * Channel seal v1 (docs/sync.md §6, vector test/vectors/channel-seal-v1.json): every message on a
 * case's data channels — y-sync steps and updates, awareness (presence), whatever y-webrtc sends —
 * travels as XChaCha20-Poly1305 ciphertext under a key derived from the case key. DTLS already
 * hides the channel from the network; this keeps the payload unreadable to anything that reaches
 * the channel without the case key, and makes "all traffic is encrypted with the case key" hold
 * for presence too (log entries are sealed on their own as well: shared/signed/log-entry.ts).
 *
 *   message = 0x01 | nonce (24 random bytes) | XChaCha20-Poly1305-IETF(plaintext, ad, nonce, channelKey)
 *   ad = "casepact/channel/v1" | 0x00
 *   channelKey = crypto_kdf_derive_from_key(32, 0, "cp-chan1", caseKey)
 */
export const CHANNEL_SEAL_VERSION = 1;
/** libsodium KDF context of the channel key (8 bytes), apart from the room name's and password's. */
export const CHANNEL_KEY_CONTEXT = 'cp-chan1';
const AD = utf8('casepact/channel/v1\u0000');
const HEADER = 1 + 24;
const TAG = 16;

/** Seals and opens one data-channel message; `open` returns null for anything not sealed for this room. */
export interface ChannelCodec {
  seal(message: Uint8Array): Uint8Array;
  open(sealed: Uint8Array): Uint8Array | null;
}

/** The channel key of a case key. Requires `await sodiumReady()`. */
export function deriveChannelKey(caseKey: Uint8Array): Uint8Array {
  if (!(caseKey instanceof Uint8Array) || caseKey.length !== CASE_KEY_BYTES)
    throw new RangeError(`a case key must be ${CASE_KEY_BYTES} bytes`);
  return sodium().crypto_kdf_derive_from_key(32, 0, CHANNEL_KEY_CONTEXT, caseKey);
}

/** `nonce` is for test vectors only. */
export function sealChannelMessage(
  channelKey: Uint8Array,
  message: Uint8Array,
  nonce: Uint8Array = randomBytes(24),
): Uint8Array {
  const ciphertext = xchacha().encrypt(message, AD, nonce, channelKey);
  const out = new Uint8Array(HEADER + ciphertext.length);
  out[0] = CHANNEL_SEAL_VERSION;
  out.set(nonce, 1);
  out.set(ciphertext, HEADER);
  return out;
}

/** The plaintext, or null when the message is not one sealed with this key (never throws). */
export function openChannelMessage(channelKey: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  if (!(sealed instanceof Uint8Array) || sealed.length < HEADER + TAG || sealed[0] !== CHANNEL_SEAL_VERSION)
    return null;
  return xchacha().decrypt(sealed.subarray(HEADER), AD, sealed.subarray(1, HEADER), channelKey);
}

/** The codec a transport puts on every data channel of the case key's room. */
export function channelCodec(caseKey: Uint8Array): ChannelCodec {
  const key = deriveChannelKey(caseKey);
  return {
    seal: (message) => sealChannelMessage(key, message),
    open: (sealed) => openChannelMessage(key, sealed),
  };
}
