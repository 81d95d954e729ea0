/**
 * Nothing reported saved is lost: a restart of every process, `kill -9` of the always-on peer
 * and of a writing party during a burst of changes streamed over real WebRTC, and commands of
 * one identity racing on one home (they may refuse, they must never fork the author's chain).
 */
import { statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLog } from '../../cli/store/log-file';
import { sodiumReady } from '../../shared/crypto/sodium';
import {
  JsonChild,
  PASSPHRASE,
  casepact,
  caseWithMembers,
  digest,
  identities,
  killAllChildren,
  ok,
  show,
  sync,
  tempBase,
} from './cli-harness';
import { SignalingFixture } from './signaling-fixture';

const base = tempBase('casepact-cli-durable-');
const homes = { Priya: join(base, 'priya'), Olu: join(base, 'olu') };
let signaling: SignalingFixture;
let caseId: string;

const logPath = (home: string) => join(home, 'cases', caseId, 'log.bin');
const stateSize = (home: string) => statSync(join(home, 'cases', caseId, 'sync-state.bin')).size;
const keysOnDisk = (home: string) => new Set(readLog(logPath(home)).records.map((r) => r.key));

function writer(count: number, intervalMs: number): JsonChild {
  return new JsonChild(
    [
      '--import',
      'tsx',
      'test/integration/cli-writer-peer.ts',
      homes.Olu,
      caseId,
      signaling.url,
      String(count),
      String(intervalMs),
    ],
    { ...process.env, CASEPACT_PASSPHRASE: PASSPHRASE },
  );
}

const savedBy = (child: JsonChild, field: 'key' | 'keys'): string[] =>
  child.lines
    .filter((line) => line.type === 'saved')
    .flatMap((line) => (field === 'key' ? [line.key as string] : (line.keys as string[])));

beforeAll(async () => {
  await sodiumReady();
  signaling = await SignalingFixture.start();
  await identities(homes);
  caseId = await caseWithMembers(
    homes.Priya,
    [{ home: homes.Olu, role: 'partner', party: 'OS Vendor' }],
    signaling.url,
  );
}, 180_000);

afterAll(async () => {
  await killAllChildren();
  await signaling?.stop();
  rmSync(base, { recursive: true, force: true });
});

describe('durability of the CLI peers', () => {
  it('a restart of every process loses nothing and duplicates nothing', async () => {
    let serve = JsonChild.serve(homes.Priya, signaling.url);
    await serve.until((line) => line.type === 'online');
    await ok(homes.Olu, 'message', caseId, 'Olu: logs attached.');
    await ok(homes.Olu, 'action', 'add', caseId, '--title', 'Collect crash dumps', '--owner', 'OS Vendor');
    await sync(homes.Olu, caseId, signaling.url);
    expect(await serve.stop()).toBe(0);
    const before = await Promise.all([show(homes.Priya, caseId), show(homes.Olu, caseId)]);
    expect(digest(before[0])).toEqual(digest(before[1]));
    const sizes = [statSync(logPath(homes.Priya)).size, statSync(logPath(homes.Olu)).size];
    const states = [stateSize(homes.Priya), stateSize(homes.Olu)];

    serve = JsonChild.serve(homes.Priya, signaling.url);
    const online = await serve.until((line) => line.type === 'online');
    expect(online.changes).toBe(before[0].verification.changes);
    const again = await sync(homes.Olu, caseId, signaling.url);
    expect(again).toMatchObject({ end: 'idle', saved: 0, rejected: [] });
    expect(again.received.changes).toBe(0);
    expect(await serve.stop()).toBe(0);
    const after = await Promise.all([show(homes.Priya, caseId), show(homes.Olu, caseId)]);
    expect(after.map(digest)).toEqual(before.map(digest));
    expect([statSync(logPath(homes.Priya)).size, statSync(logPath(homes.Olu)).size]).toEqual(sizes);
    // Peers kept their Yjs items across the restarts (sync-state.bin): nothing was sent again as new.
    expect([stateSize(homes.Priya), stateSize(homes.Olu)]).toEqual(states);
  }, 150_000);

  it('kill -9 of serve during a burst loses nothing it reported saved; the store reopens', async () => {
    const serve = JsonChild.serve(homes.Priya, signaling.url);
    await serve.until((line) => line.type === 'online');
    const burst = writer(120, 20);
    await burst.until((line) => line.type === 'connected', 30_000);
    // Kill once serve has reported a good part of the burst saved, while more is streaming in.
    const deadline = Date.now() + 60_000;
    while (savedBy(serve, 'keys').length < 25 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await serve.kill9();
    const reported = savedBy(serve, 'keys');
    expect(reported.length).toBeGreaterThanOrEqual(25);
    const onDisk = keysOnDisk(homes.Priya);
    expect(reported.filter((key) => !onDisk.has(key))).toEqual([]);
    const reopened = await show(homes.Priya, caseId);
    expect(reopened.verification.refused).toEqual([]);
    expect(reopened.verification.forks).toEqual([]);

    // A new serve takes over (stale lock and all), gets the rest of the burst, and both copies meet.
    const next = JsonChild.serve(homes.Priya, signaling.url);
    await burst.until((line) => line.type === 'done', 90_000);
    const written = savedBy(burst, 'key');
    const until = Date.now() + 30_000;
    const missing = () => written.filter((key) => !keysOnDisk(homes.Priya).has(key));
    while (missing().length > 0 && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(missing()).toEqual([]);
    await burst.stop();
    const final = await sync(homes.Olu, caseId, signaling.url);
    expect(final.end).toBe('idle');
    expect(await next.stop()).toBe(0);
    const [pv, ov] = await Promise.all([show(homes.Priya, caseId), show(homes.Olu, caseId)]);
    expect(digest(pv)).toEqual(digest(ov));
    expect(digest(pv).messages.filter((text) => text.startsWith('burst message '))).toHaveLength(120);
  }, 240_000);

  it('kill -9 of a party mid-burst loses nothing it reported saved; the store reopens', async () => {
    const serve = JsonChild.serve(homes.Priya, signaling.url);
    await serve.until((line) => line.type === 'online');
    const burst = writer(400, 2);
    await burst.until((line) => line.type === 'connected', 30_000);
    await burst.until((line) => line.type === 'saved' && (line.n as number) >= 40, 60_000);
    await burst.kill9();
    await serve.stop();
    const reported = savedBy(burst, 'key');
    const onDisk = keysOnDisk(homes.Olu);
    expect(reported.filter((key) => !onDisk.has(key))).toEqual([]);
    const view = await show(homes.Olu, caseId);
    expect(view.verification.refused).toEqual([]);
    expect(view.verification.forks).toEqual([]);
    const texts = new Set(view.messages.map((m) => m.text));
    const lastN = Math.max(...burst.lines.filter((l) => l.type === 'saved').map((l) => l.n as number));
    for (let n = 1; n <= lastN; n++) expect(texts.has(`burst message ${n}`)).toBe(true);
  }, 150_000);

  it('commands of one identity racing on one home never fork its chain', async () => {
    const runs = await Promise.all(
      [1, 2, 3, 4].map((n) => casepact(homes.Olu, ['message', caseId, `race ${n}`], { timeoutMs: 60_000 })),
    );
    const refused = 'another casepact command changed this case at the same time';
    for (const run of runs) {
      if (run.code !== 0) expect(run.stderr).toContain(refused);
    }
    const view = await show(homes.Olu, caseId);
    expect(view.verification.forks).toEqual([]);
    expect(view.verification.refused).toEqual([]);
    expect(view.verification.waiting).toEqual([]);
    const texts = view.messages.map((m) => m.text);
    runs.forEach((run, index) => {
      expect(texts.includes(`race ${index + 1}`)).toBe(run.code === 0);
    });
  }, 120_000);
});
