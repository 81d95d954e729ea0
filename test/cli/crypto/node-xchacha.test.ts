/**
 * Node's XChaCha20-Poly1305 (cli/crypto/node-xchacha.ts) gives libsodium's bytes exactly, both
 * ways, at every size around its native threshold, with and without associated data; tampering
 * and wrong keys give null, never a throw. And the vectors of the formats that use it still hold
 * with it installed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeXChaCha } from '../../../cli/crypto/node-xchacha';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { libsodiumXChaCha, setXChaCha } from '../../../shared/crypto/xchacha';
import { deriveChannelKey, openChannelMessage, sealChannelMessage } from '../../../shared/sync/channel-seal';

beforeAll(sodiumReady);
afterAll(() => setXChaCha(libsodiumXChaCha));

const bytes = (n: number) => new Uint8Array(randomBytes(n));
const hex = (data: Uint8Array | null) => (data ? Buffer.from(data).toString('hex') : 'null');

describe('Node XChaCha20-Poly1305', () => {
  it('seals and opens exactly as libsodium, below and above the native threshold', () => {
    for (const size of [0, 1, 500, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 300_000]) {
      for (const ad of [null, bytes(20)]) {
        const key = bytes(32);
        const nonce = bytes(24);
        const message = bytes(size);
        const sealed = nodeXChaCha.encrypt(message, ad, nonce, key);
        expect(hex(sealed)).toBe(hex(libsodiumXChaCha.encrypt(message, ad, nonce, key)));
        expect(hex(nodeXChaCha.decrypt(sealed, ad, nonce, key))).toBe(hex(message));
        expect(hex(libsodiumXChaCha.decrypt(sealed, ad, nonce, key))).toBe(hex(message));
      }
    }
  });

  it('refuses a flipped byte, another key, other associated data or nonce: null, no throw', () => {
    const key = bytes(32);
    const nonce = bytes(24);
    const ad = bytes(8);
    const sealed = nodeXChaCha.encrypt(bytes(100_000), ad, nonce, key);
    for (const at of [0, 50_000, sealed.length - 1]) {
      const flipped = sealed.slice();
      flipped[at] = (flipped[at] as number) ^ 0x40;
      expect(nodeXChaCha.decrypt(flipped, ad, nonce, key)).toBeNull();
    }
    expect(nodeXChaCha.decrypt(sealed, ad, nonce, bytes(32))).toBeNull();
    expect(nodeXChaCha.decrypt(sealed, bytes(8), nonce, key)).toBeNull();
    expect(nodeXChaCha.decrypt(sealed, ad, bytes(24), key)).toBeNull();
    expect(nodeXChaCha.decrypt(sealed.subarray(0, 10), ad, nonce, key)).toBeNull();
  });

  it('keeps the channel seal vectors when installed', () => {
    setXChaCha(nodeXChaCha);
    const file = JSON.parse(
      readFileSync(new URL('../../vectors/channel-seal-v1.json', import.meta.url), 'utf8'),
    ) as { vectors: { caseKeyHex: string; nonceHex: string; messageHex: string; sealedHex: string }[] };
    const from = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
    for (const v of file.vectors) {
      const key = deriveChannelKey(from(v.caseKeyHex));
      expect(hex(sealChannelMessage(key, from(v.messageHex), from(v.nonceHex)))).toBe(v.sealedHex);
      expect(hex(openChannelMessage(key, from(v.sealedHex)))).toBe(v.messageHex);
    }
    const big = bytes(1_000_000);
    const key = deriveChannelKey(bytes(32));
    const sealed = sealChannelMessage(key, big);
    setXChaCha(libsodiumXChaCha);
    expect(hex(openChannelMessage(key, sealed))).toBe(hex(big)); // a browser opens what a CLI sealed
  });
});
