import { sodium } from './sodium';

/**
 * XChaCha20-Poly1305-IETF behind a small port, like ed25519.ts: the browser keeps libsodium
 * (WebAssembly); the CLI and peer processes plug in Node's native ChaCha20-Poly1305
 * (cli/crypto/node-xchacha.ts), ~10× faster on the large messages a join moves. Every provider
 * gives byte-identical output (the construction is fixed: HChaCha20 subkey, then the IETF AEAD),
 * so wire formats and vectors do not depend on the provider.
 */
export interface XChaChaProvider {
  readonly name: string;
  /** ciphertext ‖ 16-byte tag. `nonce`: 24 bytes; `key`: 32 bytes. */
  encrypt(message: Uint8Array, ad: Uint8Array | null, nonce: Uint8Array, key: Uint8Array): Uint8Array;
  /** The message, or null when the tag does not verify (never throws on bad input). */
  decrypt(sealed: Uint8Array, ad: Uint8Array | null, nonce: Uint8Array, key: Uint8Array): Uint8Array | null;
}

export const libsodiumXChaCha: XChaChaProvider = {
  name: 'libsodium',
  encrypt: (message, ad, nonce, key) =>
    sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(message, ad, null, nonce, key),
  decrypt(sealed, ad, nonce, key) {
    try {
      return sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed, ad, nonce, key);
    } catch {
      return null;
    }
  },
};

let provider: XChaChaProvider = libsodiumXChaCha;

/** The XChaCha20-Poly1305 implementation in use. */
export function xchacha(): XChaChaProvider {
  return provider;
}

/** Installs another implementation (once, at start-up); returns the previous one. */
export function setXChaCha(next: XChaChaProvider): XChaChaProvider {
  const previous = provider;
  provider = next;
  return previous;
}
