import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { Ed25519Provider } from '../../shared/crypto/ed25519';
import { libsodiumEd25519, strictInputsProblem, setEd25519 } from '../../shared/crypto/ed25519';

/**
 * Ed25519 over Node's native `crypto` (OpenSSL), for the CLI and peer processes: the per-change
 * signature and its check cost less than libsodium's WebAssembly (bench/signed-latency-stages.ts).
 * Same keys, byte-identical signatures (Ed25519 is deterministic), and the same accepted set as
 * libsodium: OpenSSL's check is preceded by libsodium's strict input rules (strictInputsProblem),
 * without which OpenSSL would accept e.g. any signature under the identity point as a key.
 * test/cli/crypto/node-ed25519.test.ts holds both to the same answers.
 */

/** DER prefixes that wrap a raw 32-byte Ed25519 seed (PKCS#8) or public key (SPKI). */
const PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

function der(prefix: Uint8Array, raw: Uint8Array): Buffer {
  const out = Buffer.alloc(prefix.length + raw.length);
  out.set(prefix, 0);
  out.set(raw, prefix.length);
  return out;
}

/**
 * Key objects cost more to build than a signature: one per secret key array (an identity's).
 * `key` is null when the array's public half is not the seed's key: libsodium signs with the
 * stored half, OpenSSL would derive it, so such a key stays with libsodium to sign the same.
 */
const privateKeys = new WeakMap<Uint8Array, { seed: Uint8Array; key: KeyObject | null }>();
/** Public keys by their bytes: a case has few authors, envelopes bring fresh arrays each time. */
const publicKeys = new Map<string, KeyObject>();
const MAX_PUBLIC_KEYS = 1024;

function privateKeyOf(secretKey: Uint8Array): KeyObject | null {
  const known = privateKeys.get(secretKey);
  // The cache is keyed by the array; a caller that rewrites it in place gets a fresh key object.
  if (known && Buffer.compare(known.seed, secretKey.subarray(0, 32)) === 0) return known.key;
  const seed = secretKey.slice(0, 32);
  const key = createPrivateKey({ key: der(PKCS8_PREFIX, seed), format: 'der', type: 'pkcs8' });
  const derived = createPublicKey(key).export({ format: 'der', type: 'spki' });
  const matches = Buffer.compare(derived.subarray(SPKI_PREFIX.length), secretKey.subarray(32)) === 0;
  privateKeys.set(secretKey, { seed, key: matches ? key : null });
  return matches ? key : null;
}

function publicKeyOf(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, 32).toString('latin1');
  let key = publicKeys.get(id);
  if (!key) {
    key = createPublicKey({ key: der(SPKI_PREFIX, publicKey), format: 'der', type: 'spki' });
    if (publicKeys.size >= MAX_PUBLIC_KEYS) publicKeys.clear();
    publicKeys.set(id, key);
  }
  return key;
}

export const nodeEd25519: Ed25519Provider = {
  name: 'node-crypto',
  sign(message, secretKey) {
    const key = secretKey.length === 64 ? privateKeyOf(secretKey) : null;
    if (!key) return libsodiumEd25519.sign(message, secretKey);
    const signature = sign(null, message, key);
    return new Uint8Array(signature.buffer, signature.byteOffset, signature.length);
  },
  verify(signature, message, publicKey) {
    if (strictInputsProblem(signature, publicKey) !== undefined) return false;
    try {
      return verify(null, message, publicKeyOf(publicKey), signature);
    } catch {
      return false; // a key OpenSSL cannot decode (not on the curve)
    }
  },
};

/** Makes shared/ sign and verify with Node's crypto in this process. */
export function installNodeEd25519(): void {
  setEd25519(nodeEd25519);
}
