import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  type CanonicalTerms,
  type CanonicalValue,
  canonicalJson,
  canonicalTermsBytes,
  hashTerms,
  selectTerms,
  termsHashOf,
} from '../../../shared/contract';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { buildVectorDoc } from './terms-vector-doc';

const vector = JSON.parse(
  readFileSync(new URL('../../vectors/terms-hash.json', import.meta.url), 'utf8'),
) as {
  terms: CanonicalTerms;
  canonical: string;
  blake2b256: string;
};

beforeAll(async () => {
  await sodiumReady();
});

/** The same value with every object's keys in reverse insertion order. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reverseKeys(x)]),
    );
  return v;
}

describe('terms hash vector (test/vectors/terms-hash.json)', () => {
  test('the canonical form and hash of the vector terms match', () => {
    expect(canonicalJson(vector.terms as unknown as CanonicalValue)).toBe(vector.canonical);
    expect(canonicalJson(reverseKeys(vector.terms) as CanonicalValue)).toBe(vector.canonical);
    expect(new TextDecoder().decode(canonicalTermsBytes(vector.terms))).toBe(vector.canonical);
    expect(hashTerms(vector.terms)).toBe(vector.blake2b256);
  });

  test('the document built by commands projects to exactly the vector terms', () => {
    const { doc } = buildVectorDoc();
    expect(selectTerms(doc)).toEqual(vector.terms);
    expect(termsHashOf(doc)).toBe(vector.blake2b256);
  });

  test('replicas fed the per-command updates in reverse or shuffled order hash the same', () => {
    const { updates } = buildVectorDoc();
    expect(updates.length).toBe(15);
    const orders = [[...updates].reverse(), [...updates].sort((a, b) => a.length - b.length)];
    for (const order of orders) {
      const replica = new Y.Doc();
      for (const u of order) Y.applyUpdate(replica, u);
      expect(termsHashOf(replica)).toBe(vector.blake2b256);
    }
  });
});

describe('canonical JSON', () => {
  test('RFC 8785 rules: sorted keys, no whitespace, ECMAScript numbers and escapes', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], é: 0.1, A: 1e21, z: -0 })).toBe(
      '{"A":1e+21,"a":[true,null,"x"],"b":1,"z":0,"é":0.1}',
    );
    expect(canonicalJson('tab\t"q"\u0001€')).toBe('"tab\\t\\"q\\"\\u0001€"');
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ a: undefined } as never)).toThrow();
  });

  test('a different value gives a different hash', () => {
    const changed = {
      ...vector.terms,
      topics: vector.terms.topics.map((t) => ({ ...t, state: 'agreed' as const })),
    };
    expect(hashTerms(changed)).not.toBe(vector.blake2b256);
  });
});
