/**
 * `casepact member remove` with key rotation, in separate processes over real WebRTC
 * (node-datachannel) through our signaling server on 127.0.0.1. A provider, a customer and a
 * partner share a case, each with a device online (rotating-peer.ts). The provider removes the
 * partner: the partner's device, still running with the old key, receives nothing new while the
 * others keep writing, and what its (modified) client writes is refused by every remaining member.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../../cli/signaling/index';
import { startSignalingServer } from '../../../cli/signaling/index';
import { inviteErrorMessage } from '../../../shared/invite/link-errors';
import type { PeerLine } from './harness';
import { casepact, has, helper, RotatingPeer } from './harness';

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
const peers: RotatingPeer[] = [];
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
  const provider = new RotatingPeer('provider', homes.provider, caseId, signal);
  peers.push(provider);
  await provider.until((l) => l.type === 'ready', 'ready');
  for (const [home, link] of [
    [homes.customer, customerLink.stdout.at(-1)],
    [homes.partner, partnerLink.stdout.at(-1)],
  ] as const) {
    const joined = await casepact(
      home,
      'join',
      link as string,
      '--signal',
      signal,
      '--bind',
      '127.0.0.1',
      '--timeout',
      '60',
    );
    expect(joined.code, joined.stderr).toBe(0);
  }
  lap('both joined');
}, 240_000);

afterAll(async () => {
  await Promise.all(peers.map((peer) => peer.stop()));
  await signaling?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('member remove rotates the case key (separate processes, real WebRTC)', () => {
  it("the removed member's device gets nothing new; its writes are refused by every remaining member", async () => {
    const [provider] = peers as [RotatingPeer];
    const customer = new RotatingPeer('customer', homes.customer, caseId, signal);
    const partner = new RotatingPeer('partner', homes.partner, caseId, signal);
    peers.push(customer, partner);
    const everyone = (s: PeerLine) => (s.members as string[]).length === 3;
    await Promise.all(
      [provider, customer, partner].map((peer) => peer.untilState(everyone, 'three members')),
    );
    const roomBefore = provider.state()?.room;
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

    const rotatedP = await provider.until((l) => l.type === 'rotated', 'provider rotation');
    const rotatedC = await customer.until((l) => l.type === 'rotated', 'customer rotation');
    expect(rotatedP.epoch).toBe(1);
    expect(rotatedC.room).toBe(rotatedP.room);
    expect(rotatedP.room).not.toBe(roomBefore);
    await partner.untilState((s) => has(s.removed, 'Olu Okafor') && s.excluded === true, 'its own removal');
    expect(partner.state()?.room).toBe(roomBefore);
    const partnerAfterRemoval = partner.state()?.contract;
    const partnerLines = partner.lines.length;
    lap('rotated');

    // The remaining members keep talking, in the new room.
    const said = await casepact(homes.customer, 'message', caseId, 'Which BIOS version is installed?');
    expect(said.code, said.stderr).toBe(0);
    await provider.untilState(
      (s) => has(s.texts, 'Which BIOS version is installed?'),
      'the customer message',
    );
    const answered = await casepact(
      homes.provider,
      'message',
      caseId,
      'Version 1.0.7; update to 1.0.9 attached',
    );
    expect(answered.code, answered.stderr).toBe(0);
    await customer.untilState(
      (s) => has(s.texts, 'Version 1.0.7; update to 1.0.9 attached'),
      'the provider answer',
    );

    // The removed member's modified client writes anyway; its device sends it into the old room.
    const forged = await helper('forge-message.ts', homes.partner, caseId, 'I still have access');
    expect(forged.code, forged.stderr).toBe(0);
    const refusedBy = (peer: RotatingPeer) =>
      peer.untilState(
        (s) =>
          (s.refused as { author: string; reason: string }[]).some(
            (q) => q.author === ids.partner && q.reason === 'author-removed',
          ),
        'the forged message refused',
      );
    await Promise.all([refusedBy(provider), refusedBy(customer)]);
    for (const peer of [provider, customer]) expect(peer.state()?.texts).not.toContain('I still have access');
    lap('forged change refused by both');

    // Give the old room time to deliver anything it would: the removed device learns nothing.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const later = partner.lines.slice(partnerLines).filter((l) => l.type === 'state');
    for (const state of later) expect(state.contract).toBe(partnerAfterRemoval);
    expect(partner.state()?.texts).not.toContain('Which BIOS version is installed?');
    expect(partner.state()?.texts).not.toContain('Version 1.0.7; update to 1.0.9 attached');
    // Its own forged change is refused by its own device too.
    expect(later.at(-1)?.refused).toEqual(
      expect.arrayContaining([{ author: ids.partner, reason: 'author-removed', seq: expect.any(Number) }]),
    );
    await Promise.all([provider, customer, partner].map((peer) => peer.stop()));
  }, 240_000);

  it('stored copies agree: removed member listed, forged change quarantined, later syncs in the new room', async () => {
    for (const home of [homes.provider, homes.customer]) {
      const shown = await casepact(home, 'show', caseId, '--json');
      expect(shown.code, shown.stderr).toBe(0);
      const copy = JSON.parse(shown.stdout.join('\n')) as {
        messages: { text: string }[];
        verification: { refused: { author: string; reason: string }[] };
      };
      const texts = copy.messages.map((m) => m.text);
      expect(texts).toEqual(
        expect.arrayContaining([
          'Which BIOS version is installed?',
          'Version 1.0.7; update to 1.0.9 attached',
        ]),
      );
      expect(texts).not.toContain('I still have access');
      expect(copy.verification.refused).toEqual(
        expect.arrayContaining([expect.objectContaining({ author: ids.partner, reason: 'author-removed' })]),
      );
      const members = await casepact(home, 'members', caseId);
      expect(members.stdout.join('\n')).toMatch(/Olu Okafor .*\[removed: removed by Pat Provider\]/);
      expect(members.stdout.at(-1)).toMatch(/^Case key: epoch 1 .*this device holds it/);
    }
    const partnerView = await casepact(homes.partner, 'members', caseId);
    expect(partnerView.stdout.at(-1)).toContain('this identity holds no key of it');
    // A device of the provider started now meets in the new key's room.
    const again = new RotatingPeer('provider-again', homes.provider, caseId, signal);
    peers.push(again);
    const ready = await again.until((l) => l.type === 'ready', 'ready');
    const rotated = peers[0]?.lines.find((l) => l.type === 'rotated');
    expect(ready.room).toBe(rotated?.room);
    await again.stop();
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
    const device = new RotatingPeer('provider-invites', homes.provider, caseId, signal);
    peers.push(device);
    await device.until((l) => l.type === 'old-room', 'the old room open');
    const joined = await casepact(
      laterHomes.late,
      'join',
      fresh.stdout.at(-1) as string,
      '--signal',
      signal,
      '--bind',
      '127.0.0.1',
      '--timeout',
      '60',
    );
    expect(joined.code, joined.stderr).toBe(0);
    const shown = await casepact(laterHomes.late, 'show', caseId, '--json');
    const copy = JSON.parse(shown.stdout.join('\n')) as {
      messages: { text: string }[];
      verification: { refused: unknown[] };
    };
    // The history opened every older entry: the conversation from before the rotation is there.
    expect(copy.messages.map((m) => m.text)).toEqual(
      expect.arrayContaining(['Which BIOS version is installed?', 'Version 1.0.7; update to 1.0.9 attached']),
    );
    const members = await casepact(laterHomes.late, 'members', caseId);
    expect(members.stdout.join('\n')).toMatch(/Olu Okafor .*\[removed: removed by Pat Provider\]/);
    expect(members.stdout.at(-1)).toMatch(/^Case key: epoch 1 .*this device holds it/);
    await device.untilState((s) => has(s.members, 'Lee Later'), 'the new member admitted');

    const stale = await casepact(
      laterHomes.stale,
      'join',
      linkBeforeRemoval,
      '--signal',
      signal,
      '--bind',
      '127.0.0.1',
      '--timeout',
      '60',
    );
    expect(stale.code).toBe(1);
    expect(stale.stderr.trim().split('\n').at(-1)).toBe(`casepact: ${inviteErrorMessage('key-rotated')}`);
    expect(existsSync(join(laterHomes.stale, 'cases'))).toBe(false);
    await device.stop();
  }, 180_000);
});
