import { sodium } from './sodium';

/**
 * Ed25519 detached signatures behind a small port, so a runtime with a faster native
 * implementation can plug it in at start-up (the CLI and peer processes use Node's `crypto`,
 * cli/crypto/node-ed25519.ts) while the browser keeps libsodium. Ed25519 signing is
 * deterministic (RFC 8032): every provider produces byte-identical signatures for the same key
 * and message, so wire formats and test vectors do not depend on the provider.
 *
 * Verification must also accept exactly the same signatures everywhere: peers that disagree on
 * an envelope's signature would hold different contracts. The reference is libsodium's strict
 * `crypto_sign_verify_detached`; a provider over another library runs {@link strictInputsProblem}
 * first, which refuses what libsodium refuses before the curve equation.
 */
export interface Ed25519Provider {
  /** A short name for diagnostics and benches. */
  readonly name: string;
  /** 64-byte signature. `secretKey` is libsodium's 64-byte form: seed || public key. */
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  /** True only for a valid signature under libsodium's strict rules; never throws. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

/** The default: libsodium (WebAssembly). Needs sodiumReady(). */
export const libsodiumEd25519: Ed25519Provider = {
  name: 'libsodium',
  sign: (message, secretKey) => sodium().crypto_sign_detached(message, secretKey),
  verify(signature, message, publicKey) {
    try {
      return sodium().crypto_sign_verify_detached(signature, message, publicKey);
    } catch {
      return false;
    }
  },
};

let provider: Ed25519Provider = libsodiumEd25519;

/** The Ed25519 implementation in use. */
export function ed25519(): Ed25519Provider {
  return provider;
}

/** Installs another implementation (once, at start-up); returns the previous one. */
export function setEd25519(next: Ed25519Provider): Ed25519Provider {
  const previous = provider;
  provider = next;
  return previous;
}

/**
 * Encodings of the points of small order (libsodium's `ge25519_has_small_order` blocklist;
 * the sign bit is ignored): 0 (order 4), 1 (order 1), two points of order 8, p − 1 (order 2),
 * and the non-canonical p and p + 1.
 */
export const SMALL_ORDER_POINTS: readonly string[] = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];
const SMALL_ORDER = SMALL_ORDER_POINTS.map((hex) =>
  Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16)),
);

/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const L = Uint8Array.from(
  'edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010'.match(/../g) ?? [],
  (byte) => Number.parseInt(byte, 16),
);

function hasSmallOrder(point: Uint8Array): boolean {
  return SMALL_ORDER.some((bad) => {
    for (let i = 0; i < 31; i++) if (point[i] !== bad[i]) return false;
    return ((point[31] as number) & 0x7f) === bad[31];
  });
}

/** A field element's encoding below p = 2^255 − 19 (libsodium's `ge25519_is_canonical`). */
function isCanonicalPoint(point: Uint8Array): boolean {
  if (((point[31] as number) & 0x7f) !== 0x7f) return true;
  for (let i = 30; i > 0; i--) if (point[i] !== 0xff) return true;
  return (point[0] as number) < 0xed;
}

/** S < L (libsodium's `sc25519_is_canonical`), compared little-endian from the top byte. */
function isCanonicalScalar(scalar: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if ((scalar[i] as number) < (L[i] as number)) return true;
    if ((scalar[i] as number) > (L[i] as number)) return false;
  }
  return false; // S = L
}

/**
 * What libsodium's strict verification refuses before it evaluates the curve equation, and
 * OpenSSL (Node's crypto) does not: a small-order R, a small-order or non-canonically encoded
 * public key (with the identity as key, anyone could sign anything). Also wrong lengths and a
 * non-canonical S. Undefined when the inputs may go to the equation.
 */
export function strictInputsProblem(signature: Uint8Array, publicKey: Uint8Array): string | undefined {
  if (signature.length !== 64) return 'signature length';
  if (publicKey.length !== 32) return 'public key length';
  if (!isCanonicalScalar(signature.subarray(32))) return 'non-canonical S';
  if (hasSmallOrder(signature.subarray(0, 32))) return 'small-order R';
  if (!isCanonicalPoint(publicKey)) return 'non-canonical public key';
  if (hasSmallOrder(publicKey)) return 'small-order public key';
  return undefined;
}
