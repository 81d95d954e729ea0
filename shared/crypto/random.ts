import { sodium } from './sodium';

/**
 * Random bytes from the platform's CSPRNG (crypto.getRandomValues: Node 20+, browsers,
 * Electron). libsodium-wrappers' randombytes_buf goes through a slow JS bridge in Node
 * (~150 µs for 24 bytes against ~7 µs), and hot paths — a nonce per signed change, ids per
 * command — pay it on every edit. libsodium stays the fallback where no Web Crypto exists.
 *
 * Small requests are served from a pool filled 4 KiB at a time: one getRandomValues call costs
 * microseconds whatever its size, and a signed change needs two small draws. Every pooled byte
 * is handed out once and wiped from the pool as it goes.
 */
const POOL_BYTES = 4096;
const POOLED_MAX = 64;
let pool: Uint8Array | undefined;
let used = POOL_BYTES;

export function randomBytes(length: number): Uint8Array {
  if (typeof crypto === 'undefined' || typeof crypto.getRandomValues !== 'function') {
    return sodium().randombytes_buf(length);
  }
  if (length <= POOLED_MAX) {
    if (!pool) pool = new Uint8Array(POOL_BYTES);
    if (used + length > POOL_BYTES) {
      crypto.getRandomValues(pool);
      used = 0;
    }
    const drawn = pool.slice(used, used + length);
    pool.fill(0, used, used + length);
    used += length;
    return drawn;
  }
  const bytes = new Uint8Array(length);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let offset = 0; offset < length; offset += 65_536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + 65_536)));
  }
  return bytes;
}
