import { createCipheriv, createDecipheriv } from 'node:crypto';
import { sodium } from '../../shared/crypto/sodium';
import type { XChaChaProvider } from '../../shared/crypto/xchacha';
import { libsodiumXChaCha, setXChaCha } from '../../shared/crypto/xchacha';

/**
 * XChaCha20-Poly1305-IETF over Node's native ChaCha20-Poly1305 (OpenSSL), for messages large
 * enough to be worth it: the subkey is libsodium's HChaCha20(key, nonce[0..16]), the IETF nonce
 * 0⁴ ‖ nonce[16..24] — libsodium's own construction, so the bytes are the same
 * (test/cli/crypto/node-xchacha.test.ts compares both ways). Small messages (log entries,
 * presence) stay with libsodium: creating a native cipher costs more than sealing 500 bytes.
 * A 5 MB join message: ~25–30 ms each way in WebAssembly, a few ms here.
 */
const NATIVE_FROM_BYTES = 16 * 1024;

function native(key: Uint8Array, nonce: Uint8Array): { subkey: Uint8Array; iv: Uint8Array } {
  const subkey = sodium().crypto_core_hchacha20(nonce.subarray(0, 16), key, null);
  const iv = new Uint8Array(12);
  iv.set(nonce.subarray(16, 24), 4);
  return { subkey, iv };
}

export const nodeXChaCha: XChaChaProvider = {
  name: 'node-chacha20-poly1305',
  encrypt(message, ad, nonce, key) {
    if (message.length < NATIVE_FROM_BYTES) return libsodiumXChaCha.encrypt(message, ad, nonce, key);
    const { subkey, iv } = native(key, nonce);
    const cipher = createCipheriv('chacha20-poly1305', subkey, iv, { authTagLength: 16 });
    if (ad) cipher.setAAD(ad, { plaintextLength: message.length });
    const out = Buffer.concat([cipher.update(message), cipher.final(), cipher.getAuthTag()]);
    subkey.fill(0);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  },
  decrypt(sealed, ad, nonce, key) {
    if (sealed.length - 16 < NATIVE_FROM_BYTES) return libsodiumXChaCha.decrypt(sealed, ad, nonce, key);
    const { subkey, iv } = native(key, nonce);
    try {
      const decipher = createDecipheriv('chacha20-poly1305', subkey, iv, { authTagLength: 16 });
      if (ad) decipher.setAAD(ad, { plaintextLength: sealed.length - 16 });
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const out = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch {
      return null;
    } finally {
      subkey.fill(0);
    }
  },
};

/** Makes shared/ seal and open large messages with Node's crypto in this process. */
export function installNodeXChaCha(): void {
  setXChaCha(nodeXChaCha);
}
