import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeEd25519 } from '../../../cli/crypto/node-ed25519';
import { ed25519, libsodiumEd25519, setEd25519 } from '../../../shared/crypto/ed25519';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { fromHex } from '../../../shared/identity/bytes';
import { identityFromSeed } from '../../../shared/identity/identity';
import { signEnvelope, verifyEnvelopeSignature } from '../../../shared/signed/envelope';

let na: Sodium;
beforeAll(async () => {
  na = await sodiumReady();
});
afterEach(() => {
  setEd25519(libsodiumEd25519);
});

const hex = (text: string) => fromHex(text) as Uint8Array;
/** Encodings of the small-order points (libsodium's blocklist; it ignores the sign bit). */
const SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];
/** The same encodings with the sign bit set: libsodium ignores it when matching the blocklist. */
const withSignBit = (text: string) => {
  const bytes = hex(text);
  bytes[31] = (bytes[31] as number) | 0x80;
  return bytes;
};

/** Both providers must give the same answer: peers that disagree would hold different contracts. */
function agree(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  const reference = libsodiumEd25519.verify(signature, message, publicKey);
  expect(nodeEd25519.verify(signature, message, publicKey)).toBe(reference);
  return reference;
}

describe('Ed25519 over Node crypto (cli/crypto/node-ed25519.ts)', () => {
  it('signs byte-identically to libsodium, and each verifies the other', () => {
    for (let i = 0; i < 20; i++) {
      const keys = na.crypto_sign_seed_keypair(new Uint8Array(randomBytes(32)));
      const message = new Uint8Array(randomBytes(i * 37));
      const fromNode = nodeEd25519.sign(message, keys.privateKey);
      const fromSodium = libsodiumEd25519.sign(message, keys.privateKey);
      expect(Buffer.from(fromNode).toString('hex')).toBe(Buffer.from(fromSodium).toString('hex'));
      expect(libsodiumEd25519.verify(fromNode, message, keys.publicKey)).toBe(true);
      expect(nodeEd25519.verify(fromSodium, message, keys.publicKey)).toBe(true);
    }
  });

  it('signed envelopes are the same bytes whichever provider signs, and verify under both', () => {
    const made = identityFromSeed(new Uint8Array(32).fill(9), 'Ada', 'Engines');
    if (!made.ok) throw new Error(made.error.message);
    const fields = {
      caseId: 'c-test',
      authorKey: made.value.publicKey,
      seq: 1,
      prev: new Uint8Array(32),
      timestamp: 1_750_000_000_000,
      clients: [],
      update: new Uint8Array([0, 0]),
    };
    const bySodium = signEnvelope(fields, made.value.secretKey);
    setEd25519(nodeEd25519);
    expect(ed25519().name).toBe('node-crypto-sign');
    const byNode = signEnvelope(fields, made.value.secretKey);
    expect(byNode.hashHex).toBe(bySodium.hashHex);
    expect(verifyEnvelopeSignature(bySodium)).toBe(true);
    setEd25519(libsodiumEd25519);
    expect(verifyEnvelopeSignature(byNode)).toBe(true);
  });

  it("refuses a forgery under the identity point as key (OpenSSL's own check would accept it)", () => {
    // With A = identity the equation is S·B = R: anyone can "sign" anything for that key.
    const identityKey = hex(SMALL_ORDER[1] as string);
    const s = na.crypto_core_ed25519_scalar_random();
    const signature = new Uint8Array(64);
    signature.set(na.crypto_scalarmult_ed25519_base_noclamp(s), 0);
    signature.set(s, 32);
    const message = new TextEncoder().encode('forged envelope');
    expect(agree(signature, message, identityKey)).toBe(false);
  });

  it('agrees with libsodium on small-order and non-canonical keys and R, and on S ≥ L', () => {
    const keys = na.crypto_sign_seed_keypair(new Uint8Array(32).fill(4));
    const message = new TextEncoder().encode('edge cases');
    const valid = libsodiumEd25519.sign(message, keys.privateKey);
    expect(agree(valid, message, keys.publicKey)).toBe(true);
    for (const point of [...SMALL_ORDER.map(hex), ...SMALL_ORDER.map(withSignBit)]) {
      expect(agree(valid, message, point)).toBe(false); // as the key
      const badR = valid.slice();
      badR.set(point, 0);
      expect(agree(badR, message, keys.publicKey)).toBe(false); // as R
    }
    // Non-canonical field elements (y ≥ p) as the key.
    for (const low of [0xed, 0xef, 0xf0, 0xff]) {
      const key = hex(`${low.toString(16)}${'ff'.repeat(30)}7f`);
      expect(agree(valid, message, key)).toBe(false);
    }
    // S + L: the same point equation, a second encoding of the signature; both refuse it.
    const L = hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
    const malleable = valid.slice();
    let carry = 0;
    for (let i = 0; i < 32; i++) {
      const sum = (valid[32 + i] as number) + (L[i] as number) + carry;
      malleable[32 + i] = sum & 0xff;
      carry = sum >> 8;
    }
    expect(carry).toBe(0);
    expect(agree(malleable, message, keys.publicKey)).toBe(false);
  });

  it('agrees with libsodium on random damage to signatures, keys and messages', () => {
    const keys = na.crypto_sign_seed_keypair(new Uint8Array(32).fill(5));
    for (let i = 0; i < 300; i++) {
      const message = new Uint8Array(randomBytes(1 + (i % 64)));
      const signature = libsodiumEd25519.sign(message, keys.privateKey);
      const key = keys.publicKey.slice();
      const target = [signature, key, message][i % 3] as Uint8Array;
      const at = (i * 7) % target.length;
      target[at] = (target[at] as number) ^ (1 << (i % 8));
      agree(signature, message, key);
      agree(new Uint8Array(randomBytes(64)), message, new Uint8Array(randomBytes(32)));
    }
    expect(agree(new Uint8Array(63), new Uint8Array(1), keys.publicKey)).toBe(false);
    expect(agree(new Uint8Array(64), new Uint8Array(1), new Uint8Array(31))).toBe(false);
  });
});
