/**
 * Removal and key rotation in the app's case session (docs/invite-link.md §3): three people, each
 * with their own BrowserCaseSession, device storage and network switch, in in-memory rooms named
 * as the y-webrtc rooms are (derived from the case key).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { standingOf } from '../../../shared/membership/key-adoption';
import { MemoryRooms, until, type World, world } from './session-world';

beforeAll(async () => {
  await sodiumReady();
});

const roomsOf = (w: World) => ({
  provider: w.provider.s.roomNames(),
  customer: w.customer.s.roomNames(),
  partner: w.partner.s.roomNames(),
});

describe('BrowserCaseSession removal', () => {
  it('removes the partner: new key stored, the others move rooms, the partner sees it and gets nothing new', async () => {
    const w = await world();
    const oldRoom = MemoryRooms.roomOf(w.k0);
    expect(roomsOf(w)).toEqual({ provider: [oldRoom], customer: [oldRoom], partner: [oldRoom] });
    w.provider.say('Before the removal');
    await until(() => w.partner.texts().includes('Before the removal'), 'partner has the first message');

    const removed = await w.provider.s.removeMember(w.partner.identity.id);
    expect(removed).toMatchObject({ ok: true, value: { memberId: w.partner.identity.id, leaving: false } });

    // The provider's keyring has the new key, stored on the device.
    const k1 = w.provider.s.replica.keyring.current;
    expect(k1.keyId).not.toBe(w.k0.keyId);
    const stored = w.provider.records.get(w.caseId);
    expect(stored?.keyring.current.keyId).toBe(k1.keyId);
    expect(stored?.keyring.get(w.k0.keyId)).toBeDefined();
    const newRoom = MemoryRooms.roomOf(k1);
    expect(w.provider.s.roomNames()).toEqual([newRoom, oldRoom]);

    // The customer opens its box, stores the key and follows; the partner learns it was removed.
    await until(() => w.customer.s.roomNames()[0] === newRoom, 'customer moves to the new room');
    expect(w.customer.s.roomNames()).toEqual([newRoom, oldRoom]);
    expect(w.customer.records.get(w.caseId)?.keyring.current.keyId).toBe(k1.keyId);
    await until(
      () => standingOf(w.partner.s.snapshot(), w.partner.identity.id).kind === 'removed',
      'removed',
    );
    await until(() => w.partner.s.roomNames().length === 0, 'the partner retires from its room');
    expect(w.partner.s.syncStatus().state).toBe('offline');
    expect(
      w.partner.records
        .get(w.caseId)
        ?.keyring.all()
        .map((k) => k.keyId),
    ).toEqual([w.k0.keyId]);

    // The remaining two keep syncing; nothing new reaches the partner, not even unreadable bytes.
    w.customer.say('After the removal');
    await until(() => w.provider.texts().includes('After the removal'), 'provider gets the message');
    expect(w.partner.texts()).not.toContain('After the removal');
    expect(w.partner.logKeyIds()).toEqual(new Set([w.k0.keyId]));
    expect(w.provider.s.rejected()).toEqual([]);
    expect(w.customer.s.rejected()).toEqual([]);
  });

  it('keeps the old room open: a member offline during the removal catches up and moves', async () => {
    const w = await world();
    w.customer.offline();
    expect(w.customer.s.syncStatus().state).toBe('offline');
    expect((await w.provider.s.removeMember(w.partner.identity.id)).ok).toBe(true);
    const newRoom = MemoryRooms.roomOf(w.provider.s.replica.keyring.current);
    w.provider.say('Written while the customer was away');
    // Still in the old room only, the customer cannot have anything written after the removal.
    expect(w.customer.texts()).not.toContain('Written while the customer was away');

    w.customer.online();
    await until(() => w.customer.s.roomNames()[0] === newRoom, 'customer gets the removal in the old room');
    await until(
      () => w.customer.texts().includes('Written while the customer was away'),
      'customer catches up in the new room',
    );
    w.customer.say('Back again');
    await until(() => w.provider.texts().includes('Back again'), 'provider hears the customer');
    expect(w.partner.texts()).not.toContain('Back again');
  });

  it('refuses, everywhere, what the removed partner wrote before it learned of its removal', async () => {
    const w = await world();
    w.partner.offline();
    expect((await w.provider.s.removeMember(w.partner.identity.id)).ok).toBe(true);
    await until(() => w.customer.s.roomNames().length === 2, 'customer moved');
    // Offline, the partner still believes it is a member: its app lets it write.
    w.partner.say('Late words from the removed partner');
    w.customer.say('For members only');

    w.partner.online();
    await until(() => w.partner.s.roomNames().length === 0, 'the partner learns of its removal and retires');
    expect(standingOf(w.partner.s.snapshot(), w.partner.identity.id).kind).toBe('removed');
    for (const device of [w.provider, w.customer]) {
      await until(
        () => device.s.rejected().some((r) => r.code === 'author-removed'),
        `${device.identity.displayName} refuses the late change`,
      );
      const [late] = device.s.rejected();
      expect(late).toMatchObject({ author: w.partner.identity.id, code: 'author-removed' });
      expect(late?.authorName).toBe('Priya Raman (Contoso OS)');
      expect(device.texts()).not.toContain('Late words from the removed partner');
    }
    expect(w.partner.texts()).not.toContain('For members only');
    expect(w.partner.logKeyIds().size).toBe(1);
  });

  it('lets a member leave: the departure reaches the others, who rotate; then the leaver stops syncing', async () => {
    const w = await world();
    const left = await w.partner.s.removeMember(w.partner.identity.id);
    expect(left).toMatchObject({ ok: true, value: { leaving: true } });
    if (left.ok) expect(left.value.detail).toMatch(/stops syncing/);
    expect(standingOf(w.partner.s.snapshot(), w.partner.identity.id).kind).toBe('left');
    await until(() => w.partner.s.roomNames().length === 0, 'the leaver retires');
    await until(() => w.provider.s.roomNames().length === 2, 'provider moves to the new key');
    await until(() => w.customer.s.roomNames().length === 2, 'customer moves to the new key');
    expect(w.provider.s.roomNames()[0]).toBe(w.customer.s.roomNames()[0]);
    w.provider.say('Thanks for your help');
    await until(() => w.customer.texts().includes('Thanks for your help'), 'customer hears the provider');
    expect(w.partner.texts()).not.toContain('Thanks for your help');
    // A leaver keeps no key of the new epoch.
    expect(w.partner.s.replica.keyring.all()).toHaveLength(1);
  });

  it('refuses a removal the role does not allow, and stays in the same room', async () => {
    const w = await world();
    const refused = await w.partner.s.removeMember(w.customer.identity.id);
    expect(refused).toMatchObject({ ok: false, error: 'forbidden' });
    expect(w.partner.s.roomNames()).toEqual([MemoryRooms.roomOf(w.k0)]);
    expect(w.partner.s.syncStatus().state).toBe('connected');
    w.partner.say('Still here');
    await until(() => w.customer.texts().includes('Still here'), 'the partner still syncs');
  });

  it('reopens after a rotation in the new room with the old one mirrored, and admits a member invited after it', async () => {
    const w = await world();
    expect((await w.provider.s.removeMember(w.partner.identity.id)).ok).toBe(true);
    await until(() => w.customer.s.roomNames().length === 2, 'customer moved');
    const before = w.customer.s.roomNames();
    await w.customer.reopen(w.caseId);
    await until(() => w.customer.s.roomNames().length === 2, 'customer reopened');
    expect(w.customer.s.roomNames()).toEqual(before);
    expect(w.customer.s.snapshot().case?.title).toBe('New desktop PC does not boot');

    // A link made now carries only the new key; the log before it is sealed with the old one.
    const { Device, person } = await import('./session-world');
    const auditor = new Device(person(24, 'Ines Auditor', 'Contoso OS'), w.rooms);
    await w.join(auditor, 'partner', w.parties.partner);
    await until(() => auditor.texts().length === 0 && auditor.s.snapshot().parties.length === 3, 'joined');
    expect(auditor.s.replica.keyring.all()).toHaveLength(2);
    expect(auditor.s.roomNames()).toEqual(before);
    w.customer.say('Welcome');
    await until(() => auditor.texts().includes('Welcome'), 'the new member syncs');
    expect(auditor.s.rejected()).toEqual([]);
  });
});
