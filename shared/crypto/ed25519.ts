import { sodium } from './sodium';

/**
 * Ed25519 detached signatures behind a small port, so a runtime with a faster native
 * implementation can plug it in at start-up (the CLI and peer processes use Node's `crypto`,
 * cli/crypto/node-ed25519.ts) while the browser keeps libsodium. Ed25519 signing is
 * deterministic (RFC 8032): every provider produces byte-identical signatures for the same key
 * and message, so wire formats and test vectors do not depend on the provider.
 *
 * Verification must accept exactly the same signatures everywhere: peers that disagree on an
 * envelope's signature would hold different contracts. The reference is libsodium's strict
 * `crypto_sign_verify_detached` (it refuses small-order keys and R, non-canonical keys and S);
 * OpenSSL's check is looser (it accepts any signature under the identity point as key).
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
