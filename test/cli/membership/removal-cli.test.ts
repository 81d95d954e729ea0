/**
 * `casepact member remove` with key rotation, in separate processes over real WebRTC
 * (node-datachannel) through our signaling server on 127.0.0.1. A provider, a customer and a
 * partner share a case, each with `casepact serve` keeping it online. The provider removes the
 * partner: the remaining members' serves adopt the new key and move to its room, keeping the old
 * room open; the partner's serve learns of its removal and stops serving the case; the partner's
 * device, still on the old key, receives nothing new while the others keep writing, and what its
 * (modified) client writes is refused by every remaining member.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../../cli/signaling/index';
import { startSignalingServer } from '../../../cli/signaling/index';
import { inviteErrorMessage } from '../../../shared/invite/link-errors';
import { JsonChild, killAllChildren } from '../../integration/cli-harness';
import type { CaseView } from './harness';
import { casepact, helper, membersOf, online as meetPeers, untilStored, view } from './harness';

const base = mkdtempSync(join(tmpdir(), 'casepact-removal-'));
const homes = {
  provider: join(base, 'provider'),
  customer: join(base, 'customer'),
  partner: join(base, 'partner'),
};
const laterHomes = { late: join(base, 'late'), stale: join(base, 'stale') };
let linkBeforeRemoval: string;
let signaling: SignalingServer;
let signal: string;
let caseId: string;
let providerServe: JsonChild;
let ids: Record<keyof typeof homes, string>;

const started = Date.now();
const lap = (what: string) =>
  process.stdout.write(`[removal-cli] ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

beforeAll(async () => {
  signaling = await startSignalingServer({ port: 0, host: '127.0.0.1' });
  signal = `ws://127.0.0.1:${signaling.port}`;
  const made = await Promise.all([
    casepact(homes.provider, 'id', 'new', '--name', 'Pat Provider', '--org', 'PC Maker'),
    casepact(homes.customer, 'id', 'new', '--name', 'Cleo Customer', '--org', 'Contoso'),
    casepact(homes.partner, 'id', 'new', '--name', 'Olu Okafor', '--org', 'OS Vendor'),
  ]);
  for (const run of made) expect(run.code, run.stderr).toBe(0);
  const shown = await Promise.all(Object.values(homes).map((home) => casepact(home, 'id', 'show', '--json')));
  const [p, c, r] = shown.map((run) => (JSON.parse(run.stdout.join('\n')) as { id: string }).id);
  ids = { provider: p as string, customer: c as string, partner: r as string };
  const created = await casepact(
    homes.provider,
    'case',
    'new',
    '--title',
    'PC will not boot after OS update',
  );
  expect(created.code, created.stderr).toBe(0);
  caseId = created.stdout.at(-1) as string;
  const customerLink = await casepact(homes.provider, 'invite', caseId, '--role', 'customer', '--single-use');
  const partnerLink = await casepact(
    homes.provider,
    'invite',
    caseId,
    '--role',
    'partner',
    '--party',
    'OS Vendor',
  );
  const observerLink = await casepact(homes.provider, 'invite', caseId, '--role', 'observer');
  expect(customerLink.code, customerLink.stderr).toBe(0);
  expect(partnerLink.code, partnerLink.stderr).toBe(0);
  expect(observerLink.code, observerLink.stderr).toBe(0);
  linkBeforeRemoval = observerLink.stdout.at(-1) as string;
  providerServe = JsonChild.serve(homes.provider, signal);
  await providerServe.until((l) => l.type === 'online');
  for (const [home, link] of [
    [homes.customer, customerLink.stdout.at(-1)],
    [homes.partner, partnerLink.stdout.at(-1)],
  ] as const) {
    const joined = await casepact(home, 'join', link as string, ...meetPeers(signal));
    expect(joined.code, joined.stderr).toBe(0);
  }
  lap('both joined');
}, 240_000);

afterAll(async () => {
  await killAllChildren();
  await signaling?.close();
  rmSync(base, { recursive: true, force: true });
});

const texts = (copy: CaseView) => copy.messages.map((m) => m.text);
const refusedAsRemoved = (copy: CaseView) =>
  copy.verification.refused.some((q) => q.author === ids.partner && q.reason === 'author-removed');
/** A serve's JSON lines of one type. */
const linesOf = (serve: JsonChild, type: string) => serve.lines.filter((l) => l.type === type);

describe('member remove rotates the case key (separate processes, real WebRTC)', () => {
  it("the removed member's device gets nothing new; its writes are refused by every remaining member", async () => {
    const provider = providerServe;
    const customer = JsonChild.serve(homes.customer, signal);
    const partner = JsonChild.serve(homes.partner, signal);
    await Promise.all([customer, partner].map((serve) => serve.until((l) => l.type === 'online')));
    const everyone = (copy: CaseView) => membersOf(copy).length === 3;
    await Promise.all(
      Object.values(homes).map((home) => untilStored(home, caseId, everyone, 'three members')),
    );
    const online = linesOf(provider, 'online')[0] as { room: string; epoch: number };
    expect(online.epoch).toBe(0);
    lap('three devices online');

    const removed = await casepact(homes.provider, 'member', 'remove', caseId, 'Olu Okafor');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout[0]).toMatch(/^Removed Olu Okafor/);
    expect(removed.stdout.at(-1)).toContain('The case key was rotated (epoch 1)');
    // The remover's home now holds the new key, last: its later syncs use the new room.
    const keys = (
      JSON.parse(readFileSync(join(homes.provider, 'cases', caseId, 'case.json'), 'utf8')) as {
        keys: unknown[];
      }
    ).keys;
    expect(keys).toHaveLength(2);

    // Both remaining serves adopt the new key and move to its room, keeping the old one open.
    const rotatedP = await provider.until((l) => l.type === 'rotated', 45_000);
    const rotatedC = await customer.until((l) => l.type === 'rotated', 45_000);
    expect(rotatedP.epoch).toBe(1);
    expect(rotatedC.room).toBe(rotatedP.room);
    expect(rotatedP.room).not.toBe(online.room);
    for (const serve of [provider, customer])
      expect(await serve.until((l) => l.type === 'old-room', 10_000)).toMatchObject({
        epoch: 0,
        room: online.room,
      });
    // The removed member's serve learns it, finishes the exchange in progress, and stops serving.
    expect(await partner.until((l) => l.type === 'removed', 45_000)).toMatchObject({
      standing: 'removed',
      by: ids.provider,
    });
    await partner.until((l) => l.type === 'retired', 30_000);
    await partner.until((l) => l.type === 'closed', 10_000);
    expect(linesOf(partner, 'rotated')).toEqual([]);
    const partnerAfterRemoval = await untilStored(
      homes.partner,
      caseId,
      (copy) => membersOf(copy, 'removed').includes('Olu Okafor'),
      'its own removal',
    );
    const partnerLines = partner.lines.length;
    lap('rotated');

    // The remaining members keep talking, in the new room.
    const said = await casepact(homes.customer, 'message', caseId, 'Which BIOS version is installed?');
    expect(said.code, said.stderr).toBe(0);
    await untilStored(
      homes.provider,
      caseId,
      (copy) => texts(copy).includes('Which BIOS version is installed?'),
      'the customer message',
    );
    const answered = await casepact(
      homes.provider,
      'message',
      caseId,
      'Version 1.0.7; update to 1.0.9 attached',
    );
    expect(answered.code, answered.stderr).toBe(0);
    await untilStored(
      homes.customer,
      caseId,
      (copy) => texts(copy).includes('Version 1.0.7; update to 1.0.9 attached'),
      'the provider answer',
    );

    // The removed member's modified client writes anyway; its device, still on the old key, syncs
    // it into the old room, where the remaining members' serves keep a mirror.
    const forged = await helper('forge-message.ts', homes.partner, caseId, 'I still have access');
    expect(forged.code, forged.stderr).toBe(0);
    const partnerSync = await casepact(homes.partner, 'sync', caseId, ...meetPeers(signal), '--json');
    expect(partnerSync.code, partnerSync.stderr).toBe(0);
    const summary = JSON.parse(partnerSync.stdout.at(-1) as string) as Record<string, unknown>;
    expect(summary).toMatchObject({
      end: 'idle',
      epoch: 0,
      rotated: false,
      received: { changes: 0 },
      noLongerMember: { standing: 'removed', by: ids.provider },
    });
    await Promise.all(
      [homes.provider, homes.customer].map((home) =>
        untilStored(home, caseId, refusedAsRemoved, 'the forged message refused'),
      ),
    );
    for (const home of [homes.provider, homes.customer])
      expect(texts(await view(home, caseId))).not.toContain('I still have access');
    lap('forged change refused by both');

    // The removed device learned nothing: no change from the others, and no entry sealed with a
    // key it lacks ever reached it (the key history the removal wrote stayed out of the old room).
    expect(partner.lines.slice(partnerLines).filter((l) => l.type === 'applied')).toEqual([]);
    const partnerNow = await view(homes.partner, caseId);
    expect(partnerNow.verification.changes).toBe(partnerAfterRemoval.verification.changes);
    expect(texts(partnerNow)).toEqual(texts(partnerAfterRemoval));
    expect(texts(partnerNow)).not.toContain('Which BIOS version is installed?');
    expect(texts(partnerNow)).not.toContain('Version 1.0.7; update to 1.0.9 attached');
    expect(partnerNow.verification.refused.filter((q) => q.reason === 'entry-unreadable')).toEqual([]);
    // Its own forged change is refused by its own device too.
    expect(partnerNow.verification.refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ author: ids.partner, reason: 'author-removed', seq: expect.any(Number) }),
      ]),
    );
    await Promise.all([provider, customer].map((serve) => serve.stop()));
  }, 240_000);

  it('stored copies agree: removed member listed, forged change quarantined, later syncs in the new room', async () => {
    for (const home of [homes.provider, homes.customer]) {
      const copy = await view(home, caseId);
      expect(texts(copy)).toEqual(
        expect.arrayContaining([
          'Which BIOS version is installed?',
          'Version 1.0.7; update to 1.0.9 attached',
        ]),
      );
      expect(texts(copy)).not.toContain('I still have access');
      expect(copy.verification.refused).toEqual(
        expect.arrayContaining([expect.objectContaining({ author: ids.partner, reason: 'author-removed' })]),
      );
      const members = await casepact(home, 'members', caseId);
      expect(members.stdout.join('\n')).toMatch(/Olu Okafor .*\[removed: removed by Pat Provider\]/);
      expect(members.stdout.at(-1)).toMatch(/^Case key: epoch 1 .*this device holds it/);
    }
    const partnerView = await casepact(homes.partner, 'members', caseId);
    expect(partnerView.stdout.at(-1)).toContain('this identity holds no key of it');
    // A serve of the provider started now meets in the new key's room, and keeps the old one open.
    const rotated = linesOf(providerServe, 'rotated')[0];
    const again = JsonChild.serve(homes.provider, signal);
    const online = await again.until((l) => l.type === 'online');
    expect(online).toMatchObject({ epoch: 1, room: rotated?.room });
    expect(await again.until((l) => l.type === 'old-room', 10_000)).toMatchObject({ epoch: 0 });
    expect(await again.stop()).toBe(0);
    expect(linesOf(again, 'rotated')).toEqual([]);
    expect(existsSync(join(homes.partner, 'cases', caseId))).toBe(true);
  }, 120_000);

  it('a member invited after the rotation reads the whole case; a link made before it is refused', async () => {
    for (const [home, name] of [
      [laterHomes.late, 'Lee Later'],
      [laterHomes.stale, 'Sam Stale'],
    ] as const) {
      const made = await casepact(home, 'id', 'new', '--name', name, '--org', 'Press');
      expect(made.code, made.stderr).toBe(0);
    }
    const fresh = await casepact(homes.provider, 'invite', caseId, '--role', 'observer');
    expect(fresh.code, fresh.stderr).toBe(0);
    const device = JsonChild.serve(homes.provider, signal);
    await device.until((l) => l.type === 'old-room', 30_000);
    const joined = await casepact(
      laterHomes.late,
      'join',
      fresh.stdout.at(-1) as string,
      ...meetPeers(signal),
    );
    expect(joined.code, joined.stderr).toBe(0);
    const copy = await view(laterHomes.late, caseId);
    // The history opened every older entry: the conversation from before the rotation is there.
    expect(texts(copy)).toEqual(
      expect.arrayContaining(['Which BIOS version is installed?', 'Version 1.0.7; update to 1.0.9 attached']),
    );
    expect(copy.verification.refused.filter((q) => q.reason === 'entry-unreadable')).toEqual([]);
    const members = await casepact(laterHomes.late, 'members', caseId);
    expect(members.stdout.join('\n')).toMatch(/Olu Okafor .*\[removed: removed by Pat Provider\]/);
    expect(members.stdout.at(-1)).toMatch(/^Case key: epoch 1 .*this device holds it/);
    await untilStored(
      homes.provider,
      caseId,
      (stored) => membersOf(stored).includes('Lee Later'),
      'the new member admitted',
    );

    const stale = await casepact(laterHomes.stale, 'join', linkBeforeRemoval, ...meetPeers(signal));
    expect(stale.code).toBe(1);
    expect(stale.stderr.trim().split('\n').at(-1)).toBe(`casepact: ${inviteErrorMessage('key-rotated')}`);
    expect(existsSync(join(laterHomes.stale, 'cases'))).toBe(false);
    await device.stop();
  }, 180_000);
});
