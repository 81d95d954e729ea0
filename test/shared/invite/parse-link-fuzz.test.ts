import { beforeAll, describe, expect, it } from 'vitest';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { toHex } from '../../../shared/invite/bytes';
import { inviteErrorMessage } from '../../../shared/invite/link-errors';
import type { ParseInviteLinkResult } from '../../../shared/invite/parse-link';
import { parseInviteLink } from '../../../shared/invite/parse-link';
import { DAY, identity, makeLink, T0 } from './fixtures';

const CODES = new Set([
  'not-a-link',
  'missing-secret',
  'truncated',
  'bad-encoding',
  'unsupported-version',
  'malformed',
  'bad-signature',
  'secret-mismatch',
  'expired',
]);

/** Small deterministic PRNG (mulberry32) so a failure names its seed and can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=#:% \n\t\u00e9\u200b\ud83d\ude00';

type Mutation = (text: string, random: () => number) => string;

const pick = (random: () => number, n: number) => Math.floor(random() * n);
const randomChar = (random: () => number) => ALPHABET[pick(random, ALPHABET.length)] as string;

const MUTATIONS: Record<string, Mutation> = {
  replaceChar: (text, r) => {
    const i = pick(r, text.length);
    return text.slice(0, i) + randomChar(r) + text.slice(i + 1);
  },
  insertChar: (text, r) => {
    const i = pick(r, text.length + 1);
    return text.slice(0, i) + randomChar(r) + text.slice(i);
  },
  deleteRange: (text, r) => {
    const i = pick(r, text.length);
    return text.slice(0, i) + text.slice(i + 1 + pick(r, 8));
  },
  truncate: (text, r) => text.slice(0, pick(r, text.length)),
  flipCharBit: (text, r) => {
    const i = pick(r, text.length);
    return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << pick(r, 7))) + text.slice(i + 1);
  },
  swapAdjacent: (text, r) => {
    const i = pick(r, text.length - 1);
    return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
  },
  standardBase64: (text) => text.replace(/-/g, '+').replace(/_/g, '/'),
  duplicateRange: (text, r) => {
    const i = pick(r, text.length);
    const j = i + pick(r, 40);
    return text.slice(0, j) + text.slice(i, j) + text.slice(j);
  },
  randomText: (_text, r) => Array.from({ length: pick(r, 500) }, () => randomChar(r)).join(''),
  prefixedGarbage: (_text, r) =>
    `casepact://join/${Array.from({ length: pick(r, 400) }, () => randomChar(r)).join('')}`,
};

describe('parseInviteLink fuzz', () => {
  let na: Sodium;
  let link: string;
  let reference: ParseInviteLinkResult;

  beforeAll(async () => {
    na = await sodiumReady();
    link = makeLink({ inviter: identity(na, 3), party: 'acme-hardware' });
    reference = parseInviteLink(link, { now: T0 + DAY });
    expect(reference.ok).toBe(true);
  });

  it('thousands of random and mutated links: never a throw, always a typed error or the very same invite', () => {
    const started = Date.now();
    const names = Object.keys(MUTATIONS);
    const seen = new Map<string, number>();
    const iterations = 6000;
    for (let seed = 1; seed <= iterations; seed++) {
      const random = prng(seed);
      let text = link;
      const rounds = 1 + pick(random, 3);
      for (let round = 0; round < rounds; round++) {
        text = (MUTATIONS[names[pick(random, names.length)] as string] as Mutation)(text, random);
      }
      let result: ParseInviteLinkResult;
      try {
        result = parseInviteLink(text, { now: T0 + DAY });
      } catch (error) {
        throw new Error(`seed ${seed} threw: ${String(error)}`);
      }
      if (result.ok) {
        // A mutation the parser accepts must not change anything: same signed bytes, same secrets.
        if (!reference.ok) throw new Error('unreachable');
        expect(toHex(result.invite.publicPart), `seed ${seed}`).toBe(toHex(reference.invite.publicPart));
        expect(toHex(result.invite.caseKey), `seed ${seed}`).toBe(toHex(reference.invite.caseKey));
        expect(toHex(result.invite.inviteSecret), `seed ${seed}`).toBe(toHex(reference.invite.inviteSecret));
        seen.set('ok', (seen.get('ok') ?? 0) + 1);
      } else {
        expect(CODES.has(result.error), `seed ${seed}: ${result.error}`).toBe(true);
        if (result.error !== 'expired' && result.error !== 'unsupported-version') {
          expect(result.message).toBe(inviteErrorMessage(result.error));
        }
        seen.set(result.error, (seen.get(result.error) ?? 0) + 1);
      }
    }
    const elapsed = Date.now() - started;
    console.log(JSON.stringify({ iterations, elapsedMs: elapsed, outcomes: Object.fromEntries(seen) }));
    expect(elapsed).toBeLessThan(10_000);
    // The mutations reach every layer of the parser, not just the first check.
    for (const code of ['not-a-link', 'truncated', 'bad-encoding', 'bad-signature', 'secret-mismatch']) {
      expect(seen.get(code) ?? 0, code).toBeGreaterThan(10);
    }
  });

  it('random bytes behind a valid prefix and version are typed errors', () => {
    const random = prng(42);
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: pick(random, 600) }, () => pick(random, 256));
      if (bytes.length > 0) bytes[0] = 1;
      const secret = Uint8Array.from({ length: 64 }, () => pick(random, 256));
      const text = `casepact://join/${na.to_base64(bytes, na.base64_variants.URLSAFE_NO_PADDING)}#${na.to_base64(secret, na.base64_variants.URLSAFE_NO_PADDING)}`;
      const result = parseInviteLink(text, { now: T0 + DAY });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(CODES.has(result.error)).toBe(true);
    }
  });
});
