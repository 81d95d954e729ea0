import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { Ed25519Provider } from '../../shared/crypto/ed25519';
import { libsodiumEd25519, setEd25519 } from '../../shared/crypto/ed25519';

/**
 * Ed25519 signing over Node's native `crypto` (OpenSSL), for the CLI and peer processes: ~20 %
 * less CPU per signed change than libsodium's WebAssembly (bench/signed-latency-stages.ts).
 * Same keys, byte-identical signatures (Ed25519 is deterministic: no peer can tell).
 *
 * Verification stays with libsodium: OpenSSL's check was no faster here (~105 µs either way) and
 * is looser (it accepts any signature under the identity point as key), while every peer must
 * accept exactly the same signatures. test/cli/crypto/node-ed25519.test.ts checks both.
 */

/** DER prefixes around a raw 32-byte Ed25519 seed (PKCS#8) and public key (SPKI). */
const PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
const SPKI_PREFIX_LENGTH = 12;

/**
 * Key objects cost more to build than a signature: one per secret key array (an identity's).
 * `key` is null when the array's public half is not the seed's key: libsodium signs with the
 * stored half, OpenSSL would derive it, so such a key stays with libsodium to sign the same.
 */
const privateKeys = new WeakMap<Uint8Array, { seed: Uint8Array; key: KeyObject | null }>();

function privateKeyOf(secretKey: Uint8Array): KeyObject | null {
  const known = privateKeys.get(secretKey);
  // The cache is keyed by the array; a caller that rewrites it in place gets a fresh key object.
  if (known && Buffer.compare(known.seed, secretKey.subarray(0, 32)) === 0) return known.key;
  const seed = secretKey.slice(0, 32);
  const der = Buffer.alloc(PKCS8_PREFIX.length + 32);
  der.set(PKCS8_PREFIX, 0);
  der.set(seed, PKCS8_PREFIX.length);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  der.fill(0);
  const derived = createPublicKey(key).export({ format: 'der', type: 'spki' });
  const matches = Buffer.compare(derived.subarray(SPKI_PREFIX_LENGTH), secretKey.subarray(32)) === 0;
  privateKeys.set(secretKey, { seed, key: matches ? key : null });
  return matches ? key : null;
}

export const nodeEd25519: Ed25519Provider = {
  name: 'node-crypto-sign',
  sign(message, secretKey) {
    const key = secretKey.length === 64 ? privateKeyOf(secretKey) : null;
    if (!key) return libsodiumEd25519.sign(message, secretKey);
    const signature = sign(null, message, key);
    return new Uint8Array(signature.buffer, signature.byteOffset, signature.length);
  },
  verify: libsodiumEd25519.verify,
};

/** Makes shared/ sign with Node's crypto in this process (verification stays libsodium's). */
export function installNodeEd25519(): void {
  setEd25519(nodeEd25519);
}
