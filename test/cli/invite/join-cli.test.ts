/**
 * `casepact invite / join / members / member remove` as separate processes over real WebRTC
 * (node-datachannel) through our signaling server on 127.0.0.1: a provider invites a partner,
 * the partner joins from the link; every bad link is refused with its sentence and leaves the
 * joiner's home untouched.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../../cli/signaling/index';
import { startSignalingServer } from '../../../cli/signaling/index';
import { inviteErrorMessage } from '../../../shared/invite/link-errors';
import { online } from '../membership/harness';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PASSPHRASE = 'correct horse battery staple';
const base = mkdtempSync(join(tmpdir(), 'casepact-invite-'));
const homes = {
  provider: join(base, 'provider'),
  partner: join(base, 'partner'),
  rival: join(base, 'rival'),
};

interface Run {
  readonly code: number;
  readonly stdout: string[];
  readonly stderr: string;
}

function casepact(home: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/casepact.mjs', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, CASEPACT_HOME: home, CASEPACT_PASSPHRASE: PASSPHRASE },
        timeout: 90_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: stdout.trim().split('\n'), stderr });
      },
    );
  });
}

/** A member device keeping the case online (test/cli/invite/member-peer.ts) in its own process. */
class MemberPeer {
  readonly lines: Record<string, unknown>[] = [];
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(home: string, caseId: string, signal: string) {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/cli/invite/member-peer.ts', home, caseId, signal],
      {
        cwd: ROOT,
        env: { ...process.env, CASEPACT_PASSPHRASE: PASSPHRASE },
      },
    );
    createInterface({ input: this.child.stdout }).on('line', (line) => this.lines.push(JSON.parse(line)));
  }

  async until(
    test: (line: Record<string, unknown>) => boolean,
    ms = 30_000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const found = this.lines.find(test);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`member peer: timed out; saw ${JSON.stringify(this.lines)}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

let signaling: SignalingServer;
let signal: string;
let caseId: string;
let link: string;
let peer: MemberPeer | undefined;

const storedCases = (home: string) =>
  existsSync(join(home, 'cases')) ? readdirSync(join(home, 'cases')) : [];

beforeAll(async () => {
  signaling = await startSignalingServer({ port: 0, host: '127.0.0.1' });
  signal = `ws://127.0.0.1:${signaling.port}`;
  const ids = await Promise.all([
    casepact(homes.provider, 'id', 'new', '--name', 'Pat Provider', '--org', 'PC Maker'),
    casepact(homes.partner, 'id', 'new', '--name', 'Olu Okafor', '--org', 'OS Vendor'),
    casepact(homes.rival, 'id', 'new', '--name', 'Rita Forwarded', '--org', 'Elsewhere'),
  ]);
  for (const run of ids) expect(run.code, run.stderr).toBe(0);
  const created = await casepact(
    homes.provider,
    'case',
    'new',
    '--title',
    'PC will not boot after OS update',
  );
  expect(created.code, created.stderr).toBe(0);
  caseId = created.stdout.at(-1) as string;
}, 120_000);

afterAll(async () => {
  await peer?.stop();
  await signaling?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('casepact invite, join, members (separate processes, real WebRTC)', () => {
  it('invite prints the link alone on the last line', async () => {
    const run = await casepact(
      homes.provider,
      'invite',
      caseId,
      '--role',
      'partner',
      '--party',
      'OS Vendor',
      '--single-use',
    );
    expect(run.code, run.stderr).toBe(0);
    link = run.stdout.at(-1) as string;
    expect(link).toMatch(/^casepact:\/\/join\/[A-Za-z0-9_-]+#[A-Za-z0-9_-]{86}$/);
    expect(run.stdout[0]).toContain('as partner of OS Vendor, single use');
    expect(run.stderr).toContain('added the partner party "OS Vendor"');
  }, 60_000);

  it('bad links: each gets its sentence, exit 1, and nothing is stored', async () => {
    const [publicPart, secret] = link.slice('casepact://join/'.length).split('#') as [string, string];
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const cases: [string, string][] = [
      ['see you at the meeting', 'not-a-link'],
      [link.slice(0, -20), 'truncated'],
      [`casepact://join/${flip(publicPart, 150)}#${secret}`, 'bad-signature'],
      [`casepact://join/${publicPart}#${flip(secret, 5)}`, 'secret-mismatch'],
      [`casepact://join/${publicPart}`, 'missing-secret'],
    ];
    const runs = await Promise.all(
      cases.map(([text]) => casepact(homes.rival, 'join', text, '--signal', signal)),
    );
    runs.forEach((run, index) => {
      const code = (cases[index] as [string, string])[1] as Parameters<typeof inviteErrorMessage>[0];
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(`casepact: ${inviteErrorMessage(code)}`);
    });
    expect(storedCases(homes.rival)).toEqual([]);
  }, 120_000);

  it('the partner joins with the link while the provider is online; both see the partner as a member', async () => {
    peer = new MemberPeer(homes.provider, caseId, signal);
    await peer.until((line) => line.type === 'ready');
    const joined = await casepact(homes.partner, 'join', link, ...online(signal));
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stdout.at(-1)).toBe(caseId);
    expect(joined.stdout[0]).toContain('as partner');
    await peer.until(
      (line) => Array.isArray(line.members) && (line.members as string[]).includes('Olu Okafor'),
    );
    await peer.stop();
    peer = undefined;
    const seenByProvider = await casepact(homes.provider, 'members', caseId, '--json');
    const seenByPartner = await casepact(homes.partner, 'members', caseId, '--json');
    for (const run of [seenByProvider, seenByPartner]) {
      expect(run.code, run.stderr).toBe(0);
      const members = JSON.parse(run.stdout.join('\n')) as {
        displayName: string;
        role: string;
        status: string;
        joinedByInvite: boolean;
      }[];
      expect(members.map((m) => [m.displayName, m.role, m.status, m.joinedByInvite]).sort()).toEqual([
        ['Olu Okafor', 'partner', 'active', true],
        ['Pat Provider', 'provider', 'active', false],
      ]);
    }
  }, 180_000);

  it('already a member: joining again is refused; already used: a second person is refused; nothing stored', async () => {
    peer = new MemberPeer(homes.provider, caseId, signal);
    await peer.until((line) => line.type === 'ready');
    const again = await casepact(homes.partner, 'join', link, '--signal', signal, '--bind', '127.0.0.1');
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(`casepact: ${inviteErrorMessage('already-member')}`);
    const rival = await casepact(homes.rival, 'join', link, ...online(signal));
    expect(rival.code).toBe(1);
    expect(rival.stderr.trim().split('\n').at(-1)).toBe(`casepact: ${inviteErrorMessage('already-used')}`);
    expect(storedCases(homes.rival)).toEqual([]);
    await peer.stop();
    peer = undefined;
  }, 180_000);

  it('member remove: a partner may not remove the provider; a member leaves, rotating the key', async () => {
    const forbidden = await casepact(homes.partner, 'member', 'remove', caseId, 'Pat Provider');
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('a party removes its own members');
    const unknown = await casepact(homes.provider, 'member', 'remove', caseId, 'Nobody');
    expect(unknown.code).toBe(2);
    const left = await casepact(homes.partner, 'member', 'remove', caseId, 'Olu Okafor');
    expect(left.code, left.stderr).toBe(0);
    expect(left.stdout[0]).toContain('You left the case');
    expect(left.stdout.at(-1)).toContain('The case key was rotated (epoch 1)');
    const listed = await casepact(homes.partner, 'members', caseId);
    expect(listed.stdout.join('\n')).toMatch(/Olu Okafor .*\[removed: left, you\]/);
  }, 60_000);
});
