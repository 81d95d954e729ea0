import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { fromBase32, toBase32 } from '../../../shared/identity/base32';
import { createIdentity, identityFromSeed } from '../../../shared/identity/identity';
import { fingerprint, memberIdFromPublicKey, parseMemberId } from '../../../shared/identity/member-id';

beforeAll(async () => {
  await sodiumReady();
});

describe('base32', () => {
  it('round-trips every length and refuses foreign characters and stray bits', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 255);
      expect(fromBase32(toBase32(bytes))).toEqual(bytes);
    }
    expect(toBase32(new TextEncoder().encode('foobar'))).toBe('mzxw6ytboi');
    expect(fromBase32('mzxw6ytboi1')).toBeUndefined();
    expect(fromBase32('mzxw6ytboj')).toBeUndefined();
  });
});

describe('member id', () => {
  const seed = new Uint8Array(32).fill(7);

  it('is "cp" + 56 base32 characters and parses back to the key', () => {
    const identity = identityFromSeed(seed, 'Ada', 'Engines');
    if (!identity.ok) throw new Error(identity.error.message);
    const { id, publicKey } = identity.value;
    expect(id).toMatch(/^cp[a-z2-7]{56}$/);
    expect(memberIdFromPublicKey(publicKey)).toBe(id);
    const parsed = parseMemberId(id);
    expect(parsed.ok && parsed.value.publicKey).toEqual(publicKey);
  });

  it('refuses a single mistyped character with a checksum error', () => {
    const identity = identityFromSeed(seed, 'Ada', 'Engines');
    if (!identity.ok) throw new Error(identity.error.message);
    const id = identity.value.id;
    for (let position = 2; position < id.length; position += 5) {
      const swapped = id[position] === 'a' ? 'b' : 'a';
      const typo = id.slice(0, position) + swapped + id.slice(position + 1);
      const parsed = parseMemberId(typo);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(['member-id-checksum', 'member-id-shape']).toContain(parsed.error.code);
    }
    expect(parseMemberId(id.slice(0, -1)).ok).toBe(false);
    expect(parseMemberId(`${id}a`).ok).toBe(false);
    expect(parseMemberId(id.toUpperCase()).ok).toBe(false);
    const shape = parseMemberId('hello');
    expect(!shape.ok && shape.error.code).toBe('member-id-shape');
  });

  it('shows an 80-bit fingerprint in four groups that differs between keys', () => {
    const a = createIdentity('A', 'Org');
    const b = createIdentity('B', 'Org');
    if (!a.ok || !b.ok) throw new Error('identity');
    expect(fingerprint(a.value.publicKey)).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(fingerprint(a.value.publicKey)).not.toBe(fingerprint(b.value.publicKey));
  });
});

describe('identity', () => {
  it('refuses empty, over-long and control-character names', () => {
    const seed = new Uint8Array(32);
    expect(identityFromSeed(seed, '   ', 'Org').ok).toBe(false);
    expect(identityFromSeed(seed, 'x'.repeat(101), 'Org').ok).toBe(false);
    expect(identityFromSeed(seed, 'Eve\nAdmin', 'Org').ok).toBe(false);
    const bad = identityFromSeed(seed, 'Ada', '');
    expect(!bad.ok && bad.error.code).toBe('organisation-invalid');
    expect(identityFromSeed(new Uint8Array(31), 'Ada', 'Org').ok).toBe(false);
  });

  it('signs with a key pair that verifies under the id key', async () => {
    const s = await sodiumReady();
    const identity = createIdentity('  Ada  ', 'Engines');
    if (!identity.ok) throw new Error(identity.error.message);
    expect(identity.value.displayName).toBe('Ada');
    const message = new TextEncoder().encode('hello');
    const signature = s.crypto_sign_detached(message, identity.value.secretKey);
    const parsed = parseMemberId(identity.value.id);
    expect(parsed.ok && s.crypto_sign_verify_detached(signature, message, parsed.value.publicKey)).toBe(true);
  });
});
