import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../../shared/crypto/sodium';
import {
  channelCodec,
  deriveChannelKey,
  openChannelMessage,
  sealChannelMessage,
} from '../../../shared/sync/channel-seal';

interface Vector {
  caseKeyHex: string;
  nonceHex: string;
  messageHex: string;
  channelKeyHex: string;
  sealedHex: string;
}
const file = JSON.parse(
  readFileSync(new URL('../../vectors/channel-seal-v1.json', import.meta.url), 'utf8'),
) as { version: number; vectors: Vector[] };
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
const hex = (data: Uint8Array) => Buffer.from(data).toString('hex');

beforeAll(sodiumReady);

describe('channel seal v1', () => {
  it('matches every vector in test/vectors/channel-seal-v1.json, both ways', () => {
    expect(file.version).toBe(1);
    for (const v of file.vectors) {
      const key = deriveChannelKey(bytes(v.caseKeyHex));
      expect(hex(key)).toBe(v.channelKeyHex);
      expect(hex(sealChannelMessage(key, bytes(v.messageHex), bytes(v.nonceHex)))).toBe(v.sealedHex);
      expect(hex(openChannelMessage(key, bytes(v.sealedHex)) as Uint8Array)).toBe(v.messageHex);
    }
  });

  it('opens only what was sealed with the same case key, untouched', () => {
    const a = channelCodec(new Uint8Array(32).fill(1));
    const b = channelCodec(new Uint8Array(32).fill(2));
    const message = new TextEncoder().encode('awareness: Dana Whitfield, typing');
    const sealed = a.seal(message);
    expect(hex(a.open(sealed) as Uint8Array)).toBe(hex(message));
    expect(b.open(sealed)).toBeNull(); // another case's key
    expect(a.open(message)).toBeNull(); // what a stock y-webrtc client sends
    for (const at of [0, 1, 24, 25, sealed.length - 1]) {
      const flipped = sealed.slice();
      flipped[at] = (flipped[at] as number) ^ 1;
      expect(a.open(flipped)).toBeNull();
    }
    expect(a.open(sealed.subarray(0, 40))).toBeNull();
    expect(a.open(new Uint8Array(0))).toBeNull();
  });

  it('uses a fresh nonce per message: the same message never seals the same twice', () => {
    const codec = channelCodec(new Uint8Array(32).fill(3));
    const message = new Uint8Array([0, 0]);
    expect(hex(codec.seal(message))).not.toBe(hex(codec.seal(message)));
  });

  it('refuses a case key of the wrong size', () => {
    expect(() => deriveChannelKey(new Uint8Array(31))).toThrow(RangeError);
  });
});
