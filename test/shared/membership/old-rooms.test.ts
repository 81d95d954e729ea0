/**
 * The old key's room after a rotation carries only entries sealed with that key or older ones,
 * and brings what arrives there (a straggler's or the removed member's changes) into the log.
 */
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { keyEpochs, readRotations } from '../../../shared/membership/case-keys';
import { OldRoomMirror, sealedKeyIdOf } from '../../../shared/membership/old-rooms';
import { removeMemberWithRotation } from '../../../shared/membership/remove-member';
import { caseKeyFromBytes } from '../../../shared/signed/case-key';
import { LOG_MAP } from '../../../shared/signed/replica';
import { postMessage } from '../../../shared/contract/index';
import { adopt, K0, refusedOf, removalWorld, sync, texts } from './removal-fixtures';

let na: Sodium;
beforeAll(async () => {
  na = await sodiumReady();
});

/** Syncs two documents both ways (what y-webrtc does inside one room). */
function meet(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('OldRoomMirror', () => {
  it('carries old-key entries only; the removed member gets nothing new, its changes reach the log', () => {
    const w = removalWorld();
    const { provider, customer, partner } = w;
    expect(removeMemberWithRotation(na, provider.replica, partner.identity.id, 1).ok).toBe(true);
    sync(provider.replica, customer.replica);
    adopt(na, customer, w.invitedSelf);
    expect(customer.replica.run((ctx) => postMessage(ctx, { text: 'sealed with the new key' })).ok).toBe(
      true,
    );
    sync(customer.replica, provider.replica);

    const oldKey = caseKeyFromBytes(K0);
    const epochs = keyEpochs(
      na,
      w.genesis.caseId,
      readRotations(provider.replica.contract),
      provider.replica.keyring.all(),
    );
    expect(epochs.get(oldKey.keyId)).toBe(0);
    expect(epochs.get(provider.replica.keyring.current.keyId)).toBe(1);
    const mirror = new OldRoomMirror(provider.replica.log, new Set([oldKey.keyId]));
    const all = provider.replica.log.getMap<Uint8Array>(LOG_MAP);
    const old = [...all.values()].filter((sealed) => sealedKeyIdOf(sealed) === oldKey.keyId);
    expect(mirror.size).toBe(old.length);
    expect(mirror.size).toBeLessThan(all.size);

    // The removed member, still in the old room, meets the mirror.
    const partnerState = Y.encodeStateVector(partner.replica.contract);
    sync(provider.replica, partner.replica); // what it had seen live: the removal itself
    expect(Y.encodeStateVector(partner.replica.contract)).not.toEqual(partnerState);
    partner.replica.contract.getArray('messages').push([
      {
        id: 'late',
        kind: 'message',
        author: partner.identity.id,
        party: w.parties.partner,
        at: 9,
        text: 'still here',
      },
    ]);
    const afterRemoval = Y.encodeStateVector(partner.replica.contract);
    meet(partner.replica.log, mirror.doc);
    expect(Y.encodeStateVector(partner.replica.contract)).toEqual(afterRemoval);
    expect(texts(partner.replica)).not.toContain('sealed with the new key');
    // Its change crossed into the provider's log and was refused there.
    expect(texts(provider.replica)).not.toContain('still here');
    expect(refusedOf(provider.replica, partner.identity.id)).toEqual(['author-removed']);
    // New entries of the current key never enter the old room.
    const before = mirror.size;
    expect(provider.replica.run((ctx) => postMessage(ctx, { text: 'after' })).ok).toBe(true);
    expect(mirror.size).toBe(before);
    mirror.destroy();
  });
});
