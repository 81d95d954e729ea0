import { sodium } from './sodium';

/**
 * Random bytes from the platform's CSPRNG (crypto.getRandomValues: Node 20+, browsers,
 * Electron). libsodium-wrappers' randombytes_buf goes through a slow JS bridge in Node
 * (~150 µs for 24 bytes against ~7 µs), and hot paths — a nonce per signed change, ids per
 * command — pay it on every edit. libsodium stays the fallback where no Web Crypto exists.
 */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    // getRandomValues fills at most 65,536 bytes per call.
    for (let offset = 0; offset < length; offset += 65_536) {
      crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + 65_536)));
    }
    return bytes;
  }
  return sodium().randombytes_buf(length);
}
