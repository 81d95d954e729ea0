/**
 * This file never awaits sodiumReady(): vitest isolates test files, so libsodium is not loaded
 * here, and commands that need the terms hash must refuse with a typed error instead of throwing.
 */
import { expect, test } from 'vitest';
import { recordSignature, setStatus } from '../../../shared/contract';
import { refusedWith, scenario } from './helpers';

test('hash-dependent commands refuse with crypto-not-ready when libsodium was not loaded', () => {
  const s = scenario();
  refusedWith(
    s.doc,
    () => recordSignature(s.alice, { termsHash: 'a'.repeat(64), signature: `${'A'.repeat(86)}==` }),
    'crypto-not-ready',
  );
  refusedWith(s.doc, () => setStatus(s.alice, { status: 'agreed' }), 'crypto-not-ready');
  // Commands that do not hash still work.
  expect(setStatus(s.alice, { status: 'negotiating' }).ok).toBe(true);
});
