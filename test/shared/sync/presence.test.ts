import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { sodiumReady } from '../../../shared/crypto/sodium';
import type { Sodium } from '../../../shared/crypto/sodium';
import {
  PRESENCE_FIELD,
  ed25519PresenceVerifier,
  publishPresence,
  readPresence,
} from '../../../shared/sync/presence';

const ROOM = 'cp1.room';
let na: Sodium;
beforeAll(async () => {
  na = await sodiumReady();
});

function member() {
  const keys = na.crypto_sign_keypair();
  return { keys, sign: (message: Uint8Array) => na.crypto_sign_detached(message, keys.privateKey) };
}

function setup(now = 1_000_000) {
  const ann = member();
  const awareness = new Awareness(new Y.Doc());
  const directory = new Map<string, Uint8Array>([['ann', ann.keys.publicKey]]);
  const verify = ed25519PresenceVerifier((id) => directory.get(id) ?? null);
  const read = (states: ReadonlyMap<number, unknown> = awareness.getStates(), at = now) =>
    readPresence(states, { selfClientId: awareness.clientID, roomName: ROOM, now: at, verify });
  return { ann, awareness, directory, verify, read, now };
}

describe('presence', () => {
  it('verifies a fresh claim signed by the claimed member', () => {
    const { ann, awareness, read, now } = setup();
    publishPresence(
      awareness,
      ROOM,
      { memberId: 'ann', displayName: 'Ann', activity: 'typing', at: now },
      ann.sign,
    );
    const [self] = read();
    expect(self).toMatchObject({
      self: true,
      memberId: 'ann',
      activity: 'typing',
      verified: true,
      reason: null,
    });
    awareness.destroy();
  });

  it('marks unsigned claims unverified, whatever name they carry', () => {
    const { awareness, read, now } = setup();
    publishPresence(awareness, ROOM, { memberId: 'ann', displayName: 'Ann', activity: 'active', at: now });
    expect(read()[0]).toMatchObject({ displayName: 'Ann', verified: false, reason: 'unsigned' });
    awareness.destroy();
  });

  it('refuses a claim signed by someone else for a member id (impersonation)', () => {
    const { awareness, read, now } = setup();
    const mallory = member();
    publishPresence(
      awareness,
      ROOM,
      { memberId: 'ann', displayName: 'Ann', activity: 'active', at: now },
      mallory.sign,
    );
    expect(read()[0]).toMatchObject({ verified: false, reason: 'bad-signature' });
    awareness.destroy();
  });

  it('refuses a signed claim replayed under another client id or in another room', () => {
    const { ann, awareness, read, verify, now } = setup();
    const claim = publishPresence(
      awareness,
      ROOM,
      { memberId: 'ann', displayName: 'Ann', activity: 'active', at: now },
      ann.sign,
    );
    const replayed = new Map<number, unknown>([[awareness.clientID + 1, { [PRESENCE_FIELD]: claim }]]);
    expect(read(replayed)[0]).toMatchObject({ verified: false, reason: 'bad-signature' });
    const otherRoom = readPresence(awareness.getStates(), {
      selfClientId: awareness.clientID,
      roomName: 'cp1.other',
      now,
      verify,
    });
    expect(otherRoom[0]).toMatchObject({ verified: false, reason: 'bad-signature' });
    awareness.destroy();
  });

  it('refuses an edited claim (activity changed after signing)', () => {
    const { ann, awareness, read, now } = setup();
    const claim = publishPresence(
      awareness,
      ROOM,
      { memberId: 'ann', displayName: 'Ann', activity: 'idle', at: now },
      ann.sign,
    );
    const edited = new Map<number, unknown>([
      [awareness.clientID, { [PRESENCE_FIELD]: { ...claim, activity: 'typing' } }],
    ]);
    expect(read(edited)[0]).toMatchObject({ verified: false, reason: 'bad-signature' });
    awareness.destroy();
  });

  it('marks stale, unknown-member, anonymous and malformed states', () => {
    const { ann, awareness, read, directory, now } = setup();
    publishPresence(
      awareness,
      ROOM,
      { memberId: 'ann', displayName: 'Ann', activity: 'active', at: now },
      ann.sign,
    );
    expect(read(awareness.getStates(), now + 61_000)[0]?.reason).toBe('stale');
    directory.delete('ann');
    expect(read()[0]?.reason).toBe('unknown-member');
    const odd = new Map<number, unknown>([
      [1, {}],
      [2, { [PRESENCE_FIELD]: { v: 1, memberId: 'x', displayName: 'X', activity: 'dancing', at: 1 } }],
      [
        3,
        { [PRESENCE_FIELD]: { v: 1, memberId: 'x'.repeat(500), displayName: 'X', activity: 'idle', at: 1 } },
      ],
      [4, null],
    ]);
    expect(read(odd).map((peer) => [peer.clientId, peer.reason, peer.memberId])).toEqual([
      [1, 'anonymous', null],
      [2, 'malformed', null],
      [3, 'malformed', null],
      [4, 'malformed', null],
    ]);
    awareness.destroy();
  });

  it('verifies nothing without a verifier (member list not loaded yet)', () => {
    const { ann, awareness, now } = setup();
    publishPresence(
      awareness,
      ROOM,
      { memberId: 'ann', displayName: 'Ann', activity: 'active', at: now },
      ann.sign,
    );
    const peers = readPresence(awareness.getStates(), {
      selfClientId: awareness.clientID,
      roomName: ROOM,
      now,
    });
    expect(peers[0]).toMatchObject({ verified: false });
    awareness.destroy();
  });
});
