/**
 * Issue 6, "done when": a provider creates a case, invites the customer and a partner by link;
 * both join; all three sign the same terms version (`casepact sign`); `casepact verify` on each
 * party's export succeeds and lists three signers. Separate processes, real WebRTC
 * (node-datachannel), our signaling server on 127.0.0.1; each party's device online through
 * `casepact serve` while the one-shot commands run on the same home.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../../cli/signaling/index';
import { startSignalingServer } from '../../../cli/signaling/index';
import { JsonChild, killAllChildren } from '../../integration/cli-harness';
import type { CaseView } from './harness';
import { casepact, membersOf, online, untilStored } from './harness';

const base = mkdtempSync(join(tmpdir(), 'casepact-three-'));
const parties = [
  { key: 'provider', name: 'Pat Provider', org: 'PC Maker' },
  { key: 'customer', name: 'Cleo Customer', org: 'Contoso' },
  { key: 'partner', name: 'Olu Okafor', org: 'OS Vendor' },
] as const;
const homeOf = (key: string) => join(base, key);
let signaling: SignalingServer;
let signal: string;
const started = Date.now();
const lap = (what: string) =>
  process.stdout.write(`[three-party] ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

beforeAll(async () => {
  signaling = await startSignalingServer({ port: 0, host: '127.0.0.1' });
  signal = `ws://127.0.0.1:${signaling.port}`;
  const made = await Promise.all(
    parties.map((p) => casepact(homeOf(p.key), 'id', 'new', '--name', p.name, '--org', p.org)),
  );
  for (const run of made) expect(run.code, run.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await killAllChildren();
  await signaling?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('three parties agree on one signed version (separate processes, real WebRTC)', () => {
  it('provider invites customer and partner by link, all three sign, every export verifies with three signers', async () => {
    const provider = homeOf('provider');
    const created = await casepact(
      provider,
      'case',
      'new',
      '--title',
      'Laptop does not boot after BIOS update',
    );
    expect(created.code, created.stderr).toBe(0);
    const caseId = created.stdout.at(-1) as string;
    const links: Record<string, string> = {};
    for (const role of ['customer', 'partner'] as const) {
      const made = await casepact(
        provider,
        'invite',
        caseId,
        '--role',
        role,
        ...(role === 'partner' ? ['--party', 'OS Vendor'] : ['--party', 'Contoso']),
        '--single-use',
      );
      expect(made.code, made.stderr).toBe(0);
      links[role] = made.stdout.at(-1) as string;
    }
    const action = await casepact(
      provider,
      'action',
      'add',
      caseId,
      '--title',
      'Ship a replacement boot drive',
      '--owner',
      'provider',
      '--due',
      '2030-01-15T17:00:00Z',
    );
    expect(action.code, action.stderr).toBe(0);
    const devices = new Map<string, JsonChild>();
    devices.set('provider', JsonChild.serve(provider, signal));
    await devices.get('provider')?.until((l) => l.type === 'online');
    for (const role of ['customer', 'partner'] as const) {
      const joined = await casepact(homeOf(role), 'join', links[role] as string, ...online(signal));
      expect(joined.code, joined.stderr).toBe(0);
      expect(joined.stdout.at(-1)).toBe(caseId);
      devices.set(role, JsonChild.serve(homeOf(role), signal));
    }
    lap('customer and partner joined');
    const all = [...devices.values()];
    const homes = parties.map((p) => homeOf(p.key));
    const members = parties.map((p) => p.name).sort();
    const copies = await Promise.all(
      homes.map((home) =>
        untilStored(
          home,
          caseId,
          (copy) => JSON.stringify(membersOf(copy)) === JSON.stringify(members),
          'three members',
        ),
      ),
    );
    const terms = copies[0]?.agreements.currentTermsHash as string;
    await Promise.all(
      homes.map((home) =>
        untilStored(home, caseId, (copy) => copy.agreements.currentTermsHash === terms, 'the same terms'),
      ),
    );
    lap('three devices agree on the terms');

    // Each signs in turn once the previous signature reached everyone (one version, three signatures).
    for (const [index, party] of parties.entries()) {
      const signed = await casepact(homeOf(party.key), 'sign', caseId);
      expect(signed.code, signed.stderr).toBe(0);
      expect(signed.stdout[0]).toMatch(/^Signed version 1 /);
      if (index === parties.length - 1)
        expect(signed.stdout.at(-1)).toBe('Version 1 is agreed by every party');
      const signatures = (copy: CaseView) =>
        copy.agreements.versions.flatMap((v) => v.signatures.filter((s) => s.current)).length;
      await Promise.all(
        homes.map((home) =>
          untilStored(home, caseId, (copy) => signatures(copy) === index + 1, `${index + 1} signatures`),
        ),
      );
    }
    lap('three signatures everywhere');
    await Promise.all(all.map((d) => d.stop()));

    for (const party of parties) {
      const file = join(base, `${party.key}.casepact`);
      const exported = await casepact(homeOf(party.key), 'export', caseId, '--out', file);
      expect(exported.code, exported.stderr).toBe(0);
      // Anyone verifies it offline, without an identity of their own.
      const verified = await casepact(join(base, 'auditor'), 'verify', file, '--json');
      expect(verified.code, verified.stderr).toBe(0);
      const copy = JSON.parse(verified.stdout.join('\n')) as {
        valid: boolean;
        exportedBy: { displayName: string };
        versions: {
          version: number;
          agreed: boolean;
          termsHash: string;
          signers: { displayName: string; current: boolean }[];
        }[];
      };
      expect(copy.valid).toBe(true);
      expect(copy.exportedBy.displayName).toBe(party.name);
      expect(copy.versions).toHaveLength(1);
      expect(copy.versions[0]).toMatchObject({ version: 1, agreed: true, termsHash: terms });
      expect(copy.versions[0]?.signers.map((s) => s.displayName).sort()).toEqual(members);
      expect(copy.versions[0]?.signers.every((s) => s.current)).toBe(true);
      const text = await casepact(join(base, 'auditor'), 'verify', file);
      expect(text.stdout[0]).toMatch(/^VALID signed copy/);
      expect(text.stdout.filter((line) => line.trim().startsWith('signed by'))).toHaveLength(3);
    }
    lap('three exports verified');
  }, 300_000);
});
