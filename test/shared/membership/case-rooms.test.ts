/**
 * The shared room-following pieces every device uses after a rotation (the app's CaseSync and the
 * CLI's case peer): adoptKeys replays the log when keys arrive, CaseRooms moves the log to the new
 * key's room and mirrors the old one. In-memory rooms named like y-webrtc's; no network.
 */
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { postMessage } from '../../../shared/contract/index';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import type { RoomOpener, RoomTransport } from '../../../shared/membership/case-rooms';
import { CaseRooms } from '../../../shared/membership/case-rooms';
import { adoptKeys, epochsOf } from '../../../shared/membership/key-adoption';
import { sealedKeyIdOf } from '../../../shared/membership/old-rooms';
import { removeMemberWithRotation } from '../../../shared/membership/remove-member';
import type { CaseKey } from '../../../shared/signed/case-key';
import { caseKeyFromBytes } from '../../../shared/signed/case-key';
import { CaseReplica, LOG_MAP } from '../../../shared/signed/replica';
import { createMemoryNetwork, type MemoryNetwork } from '../../../shared/sync/memory-transport';
import { deriveRoomSecrets } from '../../../shared/sync/room-derivation';
import type { Identity } from '../../../shared/identity/identity';
import type { Member, RemovalWorld } from './removal-fixtures';
import { clock, K0, removalWorld, sync, texts } from './removal-fixtures';

let na: Sodium;
beforeAll(async () => {
  na = await sodiumReady();
});

const roomOf = (key: CaseKey): string => {
  const secrets = deriveRoomSecrets(key.key);
  if (!secrets.ok) throw new Error(secrets.error.message);
  return secrets.value.roomName;
};

/** In-memory rooms by name, like a signaling server's topics. */
function memoryRooms(): RoomOpener {
  const rooms = new Map<string, MemoryNetwork>();
  return (doc: Y.Doc, key: CaseKey): RoomTransport => {
    const roomName = roomOf(key);
    let network = rooms.get(roomName);
    if (!network) {
      network = createMemoryNetwork();
      rooms.set(roomName, network);
    }
    return Object.assign(network.join(doc), { roomName });
  };
}

type InvitedSelf = RemovalWorld['invitedSelf'];

/** A rebuild for adoptKeys: the same log replayed with the keyring as it is now. */
const replay =
  (identity: Identity, invitedSelf: InvitedSelf) =>
  (old: CaseReplica): CaseReplica => {
    old.destroy();
    return new CaseReplica({
      genesis: old.genesis,
      keyring: old.keyring,
      identity,
      log: old.log,
      invitedSelf,
      ...clock(),
    });
  };

/** What a device does after a batch: adopt keys (replaying the log), then follow with its rooms. */
async function follow(
  member: Member,
  rooms: CaseRooms,
  invitedSelf: InvitedSelf,
): Promise<ReturnType<typeof adoptKeys>> {
  const adoption = adoptKeys(member.replica, member.identity, replay(member.identity, invitedSelf));
  member.replica = adoption.replica;
  const keyring = member.replica.keyring;
  await rooms.follow(keyring.current, keyring.all(), epochsOf(member.replica));
  return adoption;
}

const sealedWith = (log: Y.Doc, keyId: string) =>
  [...log.getMap<Uint8Array>(LOG_MAP).values()].filter((sealed) => sealedKeyIdOf(sealed) === keyId).length;

describe('adoptKeys', () => {
  it('replays the log with the new key: entries unreadable when they arrived are applied', () => {
    const w = removalWorld();
    expect(removeMemberWithRotation(na, w.provider.replica, w.partner.identity.id, 1).ok).toBe(true);
    // The customer gets the removal and the key history (sealed with the new key) in one batch.
    sync(w.provider.replica, w.customer.replica);
    const before = w.customer.replica;
    expect(before.quarantine().refused.map((q) => q.reason)).toContain('entry-unreadable');
    let rebuilt = 0;
    const adoption = adoptKeys(before, w.customer.identity, (old) => {
      rebuilt += 1;
      return replay(w.customer.identity, w.invitedSelf)(old);
    });
    expect(rebuilt).toBe(1);
    expect(adoption).toMatchObject({ added: 1, currentChanged: true, excluded: false });
    expect(adoption.replica).not.toBe(before);
    expect(adoption.replica.quarantine().refused).toEqual([]);
    expect(epochsOf(adoption.replica).get(adoption.replica.keyring.current.keyId)).toBe(1);
  });

  it('reports a removed member as excluded and leaves its key alone', () => {
    const w = removalWorld();
    expect(removeMemberWithRotation(na, w.provider.replica, w.partner.identity.id, 1).ok).toBe(true);
    sync(w.provider.replica, w.partner.replica);
    const current = w.partner.replica.keyring.current.keyId;
    const adoption = adoptKeys(w.partner.replica, w.partner.identity, () => {
      throw new Error('nothing to replay with');
    });
    expect(adoption).toMatchObject({ added: 0, currentChanged: false, excluded: true });
    expect(w.partner.replica.keyring.current.keyId).toBe(current);
  });
});

describe('CaseRooms after a rotation', () => {
  it('moves the log to the new key’s room and mirrors the old one; the removed member gets nothing new', async () => {
    const w = removalWorld();
    const open = memoryRooms();
    const oldKey = caseKeyFromBytes(K0);
    const devices = new Map<Member, CaseRooms>();
    const moved: string[] = [];
    for (const member of [w.provider, w.customer, w.partner]) {
      const rooms = new CaseRooms(member.replica.log, open, (transport) => {
        if (transport && member === w.customer) moved.push(transport.roomName);
      });
      devices.set(member, rooms);
      await follow(member, rooms, w.invitedSelf);
    }
    const roomsOf = (member: Member) => devices.get(member) as CaseRooms;
    expect(roomsOf(w.customer).roomNames()).toEqual([roomOf(oldKey)]);

    // The provider removes the partner on its device (holding its room first, like the app).
    roomsOf(w.provider).hold();
    expect(removeMemberWithRotation(na, w.provider.replica, w.partner.identity.id, 1).ok).toBe(true);
    const newKey = w.provider.replica.keyring.current;
    await follow(w.provider, roomsOf(w.provider), w.invitedSelf);
    expect(roomsOf(w.provider).roomNames()).toEqual([roomOf(newKey), roomOf(oldKey)]);
    expect(roomsOf(w.provider).keyId).toBe(newKey.keyId);

    // The customer got the removal in the old room (from the provider's mirror) and follows.
    const customerAdoption = await follow(w.customer, roomsOf(w.customer), w.invitedSelf);
    expect(customerAdoption.currentChanged).toBe(true);
    expect(moved).toEqual([roomOf(oldKey), roomOf(newKey)]);
    expect(roomsOf(w.customer).roomNames()).toEqual([roomOf(newKey), roomOf(oldKey)]);
    // The removed member learns of its removal and stays on the old key.
    expect((await follow(w.partner, roomsOf(w.partner), w.invitedSelf)).excluded).toBe(true);
    expect(roomsOf(w.partner).roomNames()).toEqual([roomOf(oldKey)]);

    // A peer only in the new room exchanges with the customer, both ways.
    const newcomer = new Y.Doc();
    const only = open(newcomer, newKey) as RoomTransport;
    only.connect();
    expect(w.customer.replica.run((ctx) => postMessage(ctx, { text: 'new room only' })).ok).toBe(true);
    w.customer.replica.flush();
    expect(sealedWith(newcomer, newKey.keyId)).toBeGreaterThan(0);
    expect(texts(w.provider.replica)).toContain('new room only');
    // Nothing sealed with the new key ever reached the removed member's log.
    expect(sealedWith(w.partner.replica.log, newKey.keyId)).toBe(0);
    expect(texts(w.partner.replica)).not.toContain('new room only');

    only.destroy();
    for (const rooms of devices.values()) rooms.close();
    expect(roomsOf(w.customer).roomNames()).toEqual([]);
  });
});
