import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../../../shared/crypto/random';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { toBase64Url } from '../../../shared/identity/bytes';

let na: Sodium;
beforeAll(async () => {
  na = await sodiumReady();
});

describe('randomBytes (shared/crypto/random.ts)', () => {
  it('hands out each pooled byte once: draws across pool refills never repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const draw = randomBytes(24);
      expect(draw.length).toBe(24);
      const text = toBase64Url(draw);
      expect(seen.has(text)).toBe(false);
      seen.add(text);
    }
  });

  it('returns independent copies, and large requests in full', () => {
    const a = randomBytes(16);
    const before = a.slice();
    randomBytes(16);
    expect(a).toEqual(before);
    const big = randomBytes(70_000);
    expect(big.length).toBe(70_000);
    expect(big.subarray(66_000).some((byte) => byte !== 0)).toBe(true);
    expect(randomBytes(0).length).toBe(0);
  });
});

describe('toBase64Url (shared/identity/bytes.ts)', () => {
  it("matches libsodium's URL-safe base64 without padding for every length", () => {
    for (let length = 0; length < 70; length++) {
      const bytes = randomBytes(length);
      expect(toBase64Url(bytes)).toBe(na.to_base64(bytes, na.base64_variants.URLSAFE_NO_PADDING));
    }
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
  });
});
