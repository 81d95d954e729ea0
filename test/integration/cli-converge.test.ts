/**
 * `casepact sync` between CLI peers, each its own CASEPACT_HOME and process, over real WebRTC on
 * 127.0.0.1: two and then three parties edit the same case concurrently while offline, sync at
 * the same time, and end with identical copies (terms hash, actions, messages, change count).
 */
import { describe, expect, it } from 'vitest';
import type { SyncJson } from './cli-harness';
import { digest, ok, show, sync } from './cli-harness';
import { caseForFile } from './case-fixture';

const OS_VENDOR = { role: 'partner', party: 'OS Vendor' };
const CHEN_FAMILY = { role: 'customer', party: 'Chen Family' };
const world = caseForFile('casepact-cli-converge-', 'Priya', { Olu: OS_VENDOR, Chen: CHEN_FAMILY });
const { homes } = world;

describe('casepact sync: CLI peers converge', () => {
  it('two peers converge after concurrent offline edits', async () => {
    const before = await show(homes.Priya, world.caseId);
    await Promise.all([
      ok(homes.Priya, 'action', 'add', world.caseId, '--title', 'Reflash BIOS 1.2.3', '--owner', 'provider'),
      // One person's two commands run one after the other: run at once, the second may be
      // refused as a concurrent change of the same author's chain (case-store.ts), by design.
      ok(
        homes.Olu,
        'action',
        'add',
        world.caseId,
        '--title',
        'Ship boot-chip driver hotfix',
        '--owner',
        'OS Vendor',
      ).then(() =>
        ok(homes.Olu, 'message', world.caseId, 'The crash is in the storage driver, not the firmware.'),
      ),
    ]);
    await ok(homes.Priya, 'message', world.caseId, 'Customer tried safe mode twice, no luck.');
    const [a, b] = await Promise.all([
      sync(homes.Priya, world.caseId, world.signaling.url),
      sync(homes.Olu, world.caseId, world.signaling.url),
    ]);
    for (const summary of [a, b]) expect(summary).toMatchObject({ end: 'idle', rejected: [] });
    expect(a.received.changes).toBe(2); // Olu's action and message
    // Priya's action and message, and Chen's party and join (Olu joined before Chen).
    expect(b.received.changes).toBe(4);
    const [pv, ov] = await Promise.all([show(homes.Priya, world.caseId), show(homes.Olu, world.caseId)]);
    expect(digest(pv)).toEqual(digest(ov));
    expect(pv.agreements.currentTermsHash).not.toBe(before.agreements.currentTermsHash);
    expect(digest(pv).actions).toEqual(['Reflash BIOS 1.2.3', 'Ship boot-chip driver hotfix']);
  }, 120_000);

  it('three peers converge after concurrent offline edits', async () => {
    await Promise.all([
      ok(homes.Priya, 'message', world.caseId, 'Priya: replacement board ordered.'),
      ok(homes.Olu, 'action', 'add', world.caseId, '--title', 'Publish KB article', '--owner', 'OS Vendor'),
      ok(homes.Chen, 'message', world.caseId, 'Chen: I need the laptop by Friday for exams.'),
    ]);
    const runs: SyncJson[] = await Promise.all(
      Object.values(homes).map((home) => sync(home, world.caseId, world.signaling.url, '--quiet', '3')),
    );
    for (const run of runs) {
      expect(run.end).toBe('idle');
      expect(run.rejected).toEqual([]);
    }
    const views = await Promise.all(Object.values(homes).map((home) => show(home, world.caseId)));
    const [first, ...rest] = views.map(digest);
    for (const other of rest) expect(other).toEqual(first);
    expect(first?.messages).toContain('Chen: I need the laptop by Friday for exams.');
    expect(first?.actions).toContain('Publish KB article');
    for (const view of views) expect(view.verification.refused).toEqual([]);
  }, 120_000);
});
