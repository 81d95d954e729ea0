/**
 * Holds the rotation record and key history formats to test/vectors/key-rotation-v1.json
 * (docs/invite-link.md §3). The file was generated once; a failure here means the wire format
 * changed.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { fromBase64Url, toBase64Url } from '../../../shared/invite/bytes';
import { checkRotationEnvelope } from '../../../shared/membership/epochs';
import { openKeyHistory, parseStoredKeyHistory } from '../../../shared/membership/key-history';
import {
  keyCheckOf,
  openKeyRotation,
  parseStoredKeyRotation,
  rotationRecordKey,
  toStoredKeyRotation,
} from '../../../shared/membership/rotation';

const vector = JSON.parse(
  readFileSync(new URL('../../vectors/key-rotation-v1.json', import.meta.url), 'utf8'),
);
let na: Sodium;
const bytes = (text: string) => {
  const decoded = fromBase64Url(text);
  if (!decoded.ok) throw new Error('vector');
  return decoded.bytes;
};
const keysOf = (seed: string) => {
  const pair = na.crypto_sign_seed_keypair(bytes(seed));
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
};

beforeAll(async () => {
  na = await sodiumReady();
});

describe('key rotation v1 vector', () => {
  it('the rotation record parses, round-trips, is stored under its key and opens for each remaining member', () => {
    const rotation = parseStoredKeyRotation(vector.rotation.stored);
    if (!rotation) throw new Error('the vector record does not parse');
    expect(toStoredKeyRotation(rotation)).toEqual(vector.rotation.stored);
    expect(rotationRecordKey(vector.rotation.stored)).toBe(vector.rotation.recordKey);
    expect(rotation).toMatchObject({ epoch: 1, reason: 'member-removed', lastSeqs: [4] });
    const [provider, customer, partner] = [
      vector.recipients.providerSeed,
      vector.recipients.customerSeed,
      vector.recipients.partnerSeed,
    ].map(keysOf) as [ReturnType<typeof keysOf>, ReturnType<typeof keysOf>, ReturnType<typeof keysOf>];
    for (const member of [provider, customer]) {
      const opened = openKeyRotation(na, rotation, member);
      expect(opened.ok && toBase64Url(opened.caseKey)).toBe(vector.rotation.caseKey);
    }
    expect(openKeyRotation(na, rotation, partner)).toMatchObject({ ok: false, error: 'not-a-recipient' });
    expect(toBase64Url(keyCheckOf(na, bytes(vector.rotation.caseKey), rotation.caseId, 1))).toBe(
      vector.rotation.stored.keyCheck,
    );
    expect(
      checkRotationEnvelope(rotation, {
        caseId: rotation.caseId,
        authorKey: provider.publicKey,
        removedInChange: [partner.publicKey],
      }),
    ).toEqual({ ok: true });
  });

  it('the key history opens with the key of its epoch only', () => {
    const history = parseStoredKeyHistory(vector.history.stored);
    if (!history) throw new Error('the vector history does not parse');
    expect(rotationRecordKey(history)).toBe(vector.history.recordKey);
    const older = openKeyHistory(na, history, bytes(vector.rotation.caseKey));
    expect(older?.map(toBase64Url)).toEqual(vector.history.older);
    expect(openKeyHistory(na, history, bytes(vector.history.older[0]))).toBeUndefined();
    const tampered = {
      ...history,
      box: `${history.box.slice(0, 40)}${history.box[40] === 'A' ? 'B' : 'A'}${history.box.slice(41)}`,
    };
    expect(openKeyHistory(na, tampered, bytes(vector.rotation.caseKey))).toBeUndefined();
  });
});
