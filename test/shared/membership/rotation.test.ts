import { beforeAll, describe, expect, it } from 'vitest';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { toHex } from '../../../shared/invite/bytes';
import { adoptRotations } from '../../../shared/membership/adopt-rotations';
import {
  checkRotationEnvelope,
  currentEpoch,
  rotationInForce,
  rotationNeeded,
} from '../../../shared/membership/epochs';
import { planRemoval } from '../../../shared/membership/removal';
import type { KeyRotation } from '../../../shared/membership/rotation';
import {
  openKeyRotation,
  parseStoredKeyRotation,
  toStoredKeyRotation,
} from '../../../shared/membership/rotation';
import { openSealedCaseKey, sealCaseKey } from '../../../shared/membership/sealed-key';
import { CaseKeyring, caseKeyFromBytes } from '../../../shared/signed/case-key';
import { openLogEntry, sealLogEntry } from '../../../shared/signed/log-entry';
import { deriveRoomSecrets } from '../../../shared/sync/room-derivation';

interface Keys {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

let na: Sodium;
let provider: Keys;
let customer: Keys;
let partner: Keys;
const CASE = 'cexamplecaseid';

beforeAll(async () => {
  na = await sodiumReady();
  const keys = (seed: number): Keys => {
    const pair = na.crypto_sign_seed_keypair(new Uint8Array(32).fill(seed));
    return { publicKey: pair.publicKey, secretKey: pair.privateKey };
  };
  provider = keys(1);
  customer = keys(2);
  partner = keys(3);
});

function removePartner(epoch = 1) {
  const result = planRemoval(na, {
    caseId: CASE,
    currentEpoch: epoch - 1,
    remover: provider.publicKey,
    removed: partner.publicKey,
    activeMembers: [provider.publicKey, customer.publicKey, partner.publicKey],
    mayRemove: true,
    now: 1_000,
  });
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('sealed case keys', () => {
  it('open only for their recipient, case and epoch', () => {
    const key = na.randombytes_buf(32);
    const box = sealCaseKey(na, key, customer.publicKey, { caseId: CASE, epoch: 4 });
    if (!box) throw new Error('fixture');
    expect(toHex(openSealedCaseKey(na, box, customer, { caseId: CASE, epoch: 4 }) ?? new Uint8Array())).toBe(
      toHex(key),
    );
    expect(openSealedCaseKey(na, box, partner, { caseId: CASE, epoch: 4 })).toBeUndefined();
    expect(openSealedCaseKey(na, box, customer, { caseId: 'cother', epoch: 4 })).toBeUndefined();
    expect(openSealedCaseKey(na, box, customer, { caseId: CASE, epoch: 5 })).toBeUndefined();
    const flipped = box.slice();
    flipped[60] = (flipped[60] as number) ^ 1;
    expect(openSealedCaseKey(na, flipped, customer, { caseId: CASE, epoch: 4 })).toBeUndefined();
    expect(sealCaseKey(na, key, new Uint8Array(32).fill(0xff), { caseId: CASE, epoch: 4 })).toBeUndefined();
  });
});

describe('removal and key rotation', () => {
  it('every remaining member opens the same new key; the removed member opens nothing', () => {
    const { rotation, caseKey } = removePartner();
    expect(rotation).toMatchObject({ epoch: 1, reason: 'member-removed' });
    for (const member of [provider, customer]) {
      const opened = openKeyRotation(na, rotation, member);
      expect(opened.ok && toHex(opened.caseKey)).toBe(toHex(caseKey));
    }
    expect(openKeyRotation(na, rotation, partner)).toMatchObject({ ok: false, error: 'not-a-recipient' });
  });

  it('the removed member can read nothing written after: new entries, new room', () => {
    const oldKey = caseKeyFromBytes(new Uint8Array(32).fill(42));
    const { rotation } = removePartner();
    const opened = openKeyRotation(na, rotation, customer);
    if (!opened.ok) throw new Error(opened.message);
    const remaining = new CaseKeyring(oldKey);
    remaining.rotateTo(caseKeyFromBytes(opened.caseKey));
    const removed = new CaseKeyring(oldKey);
    const sealed = sealLogEntry(remaining, CASE, 'k1', new TextEncoder().encode('the fix is a BIOS update'));
    expect(openLogEntry(removed, CASE, 'k1', sealed)).toMatchObject({
      ok: false,
      error: { code: 'entry-unknown-key' },
    });
    expect(openLogEntry(remaining, CASE, 'k1', sealed).ok).toBe(true);
    const oldRoom = deriveRoomSecrets(oldKey.key);
    const newRoom = deriveRoomSecrets(opened.caseKey);
    if (!oldRoom.ok || !newRoom.ok) throw new Error('fixture');
    expect(newRoom.value.roomName).not.toBe(oldRoom.value.roomName);
    expect(newRoom.value.password).not.toBe(oldRoom.value.password);
  });

  it('a box that does not hold the announced key is detected by its recipient', () => {
    const { rotation } = removePartner();
    const boxes = rotation.sealed;
    const swapped: KeyRotation = {
      ...rotation,
      sealed: [
        { recipient: boxes[0]?.recipient as Uint8Array, box: boxes[1]?.box as Uint8Array },
        ...boxes.slice(1),
      ],
    };
    expect(openKeyRotation(na, swapped, provider)).toMatchObject({ ok: false, error: 'key-mismatch' });
    // A dishonest rotator sealing a different key to one member.
    const other = sealCaseKey(na, na.randombytes_buf(32), customer.publicKey, { caseId: CASE, epoch: 1 });
    const split: KeyRotation = {
      ...rotation,
      sealed: rotation.sealed.map((entry) =>
        toHex(entry.recipient) === toHex(customer.publicKey) ? { ...entry, box: other as Uint8Array } : entry,
      ),
    };
    expect(openKeyRotation(na, split, customer)).toMatchObject({ ok: false, error: 'key-mismatch' });
  });

  it('the stored form round-trips and untrusted values are refused', () => {
    const { rotation, stored } = removePartner();
    const parsed = parseStoredKeyRotation(JSON.parse(JSON.stringify(stored)));
    expect(parsed && toStoredKeyRotation(parsed)).toEqual(stored);
    const bad = [
      null,
      'rotation',
      { ...stored, v: 2 },
      { ...stored, epoch: 0 },
      { ...stored, keyCheck: 'AAAA' },
      { ...stored, sealed: [] },
      { ...stored, sealed: [{ recipient: stored.sealed[0]?.recipient, box: 'short' }] },
      { ...stored, removed: ['not-a-key'] },
      { ...stored, reason: 'because' },
      { ...stored, sealed: Array.from({ length: 2000 }, () => stored.sealed[0]) },
    ];
    for (const value of bad) expect(parseStoredKeyRotation(value)).toBeUndefined();
    expect(rotation.sealed).toHaveLength(2);
  });

  it('peers check what does not depend on arrival order', () => {
    const { rotation } = removePartner();
    const context = { caseId: CASE, authorKey: provider.publicKey, removedInChange: [partner.publicKey] };
    expect(checkRotationEnvelope(rotation, context)).toEqual({ ok: true });
    expect(checkRotationEnvelope(rotation, { ...context, caseId: 'cother' })).toMatchObject({
      error: 'wrong-case',
    });
    expect(checkRotationEnvelope(rotation, { ...context, authorKey: customer.publicKey })).toMatchObject({
      error: 'author-mismatch',
    });
    expect(checkRotationEnvelope(rotation, { ...context, removedInChange: [] })).toMatchObject({
      error: 'removed-mismatch',
    });
    const leaky: KeyRotation = {
      ...rotation,
      sealed: [
        ...rotation.sealed,
        { recipient: partner.publicKey, box: rotation.sealed[0]?.box as Uint8Array },
      ],
    };
    expect(checkRotationEnvelope(leaky, context)).toMatchObject({ error: 'removed-recipient' });
  });

  it('concurrent rotations: every order picks the same key in force, and a leak to a removed member asks for another rotation', () => {
    // Provider removes the partner while the customer removes... the provider's colleague? Here:
    // two rotations to epoch 1 made at once, each unaware of the other's removal.
    const a = removePartner();
    const b = planRemoval(na, {
      caseId: CASE,
      currentEpoch: 0,
      remover: customer.publicKey,
      removed: provider.publicKey,
      activeMembers: [provider.publicKey, customer.publicKey, partner.publicKey],
      mayRemove: true,
      now: 1_000,
    });
    if (!b.ok) throw new Error(b.message);
    const forward = rotationInForce([a.rotation, b.rotation]);
    const backward = rotationInForce([b.rotation, a.rotation]);
    expect(forward).toBe(backward);
    expect(currentEpoch([a.rotation, b.rotation])).toBe(1);
    // After both removals only the customer is active: whichever key won was sealed to a removed member.
    const active = (key: Uint8Array) => toHex(key) === toHex(customer.publicKey);
    expect(rotationNeeded([a.rotation, b.rotation], active, [partner.publicKey, provider.publicKey])).toBe(
      true,
    );
    expect(
      rotationNeeded([a.rotation], (key) => toHex(key) !== toHex(partner.publicKey), [partner.publicKey]),
    ).toBe(false);
    expect(rotationNeeded([], () => true, [partner.publicKey])).toBe(true);
  });

  it('who may remove whom', () => {
    const base = {
      caseId: CASE,
      currentEpoch: 2,
      remover: customer.publicKey,
      removed: partner.publicKey,
      activeMembers: [provider.publicKey, customer.publicKey, partner.publicKey],
      mayRemove: false,
      now: 5,
    };
    expect(planRemoval(na, base)).toMatchObject({ ok: false, error: 'forbidden' });
    expect(planRemoval(na, { ...base, remover: new Uint8Array(32) })).toMatchObject({
      error: 'not-a-member',
    });
    expect(planRemoval(na, { ...base, removed: new Uint8Array(32) })).toMatchObject({
      error: 'unknown-member',
    });
    const leave = planRemoval(na, { ...base, removed: customer.publicKey });
    expect(leave).toMatchObject({ ok: true, rotation: { epoch: 3, reason: 'member-left' } });
    expect(
      planRemoval(na, { ...base, activeMembers: [customer.publicKey], removed: customer.publicKey }),
    ).toMatchObject({ error: 'last-member' });
  });
});

describe('adoptRotations', () => {
  it('remaining members move to the key in force; the removed member is told it is excluded', () => {
    const oldKey = caseKeyFromBytes(new Uint8Array(32).fill(42));
    const first = removePartner(1);
    const second = planRemoval(na, {
      caseId: CASE,
      currentEpoch: 1,
      remover: provider.publicKey,
      removed: customer.publicKey,
      activeMembers: [provider.publicKey, customer.publicKey],
      mayRemove: true,
      now: 2_000,
    });
    if (!second.ok) throw new Error(second.message);
    const providerRing = new CaseKeyring(oldKey);
    const report = adoptRotations(na, [second.rotation, first.rotation], provider, providerRing, 0);
    expect(report).toEqual({ epoch: 2, added: 2, mismatched: [], excluded: false });
    expect(providerRing.current.keyId).toBe(caseKeyFromBytes(second.caseKey).keyId);
    expect(providerRing.get(caseKeyFromBytes(first.caseKey).keyId)).toBeDefined();
    expect(providerRing.get(oldKey.keyId)).toBeDefined();
    // The customer was removed by the second rotation: it keeps epoch 1 and learns it is out.
    const customerRing = new CaseKeyring(oldKey);
    expect(adoptRotations(na, [first.rotation, second.rotation], customer, customerRing, 0)).toEqual({
      epoch: 0,
      added: 1,
      mismatched: [],
      excluded: true,
    });
    expect(customerRing.get(caseKeyFromBytes(second.caseKey).keyId)).toBeUndefined();
  });
});
