/**
 * `casepact serve`, the always-on peer, with real CLI processes over real WebRTC on 127.0.0.1:
 * parties never online at the same time converge through it; commands run on its own home
 * while it runs reach peers through it; it picks up new cases, survives a signaling restart and
 * shuts down cleanly on SIGINT.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { JsonChild, digest, ok, show, sync } from './cli-harness';
import { caseForFile } from './case-fixture';

const OS_VENDOR = { role: 'partner', party: 'OS Vendor' };
const CHEN_FAMILY = { role: 'customer', party: 'Chen Family' };
const world = caseForFile('casepact-cli-serve-', 'Priya', { Olu: OS_VENDOR, Chen: CHEN_FAMILY });
const { homes } = world;
let serve: JsonChild;
const appliedFrom = (source: 'peer' | 'disk') => (line: Record<string, unknown>) =>
  line.type === 'applied' && line.source === source;

beforeAll(async () => {
  // Olu joined before Chen: bring everyone up to date once, before the scenarios.
  serve = JsonChild.serve(homes.Priya, world.signaling.url);
  await serve.until((line) => line.type === 'online');
  await sync(homes.Olu, world.caseId, world.signaling.url);
  await sync(homes.Chen, world.caseId, world.signaling.url);
}, 240_000);

describe('casepact serve: the always-on peer', () => {
  it('two parties never online at the same time converge through serve', async () => {
    await ok(homes.Olu, 'message', world.caseId, 'Olu: driver 5.1 fixes the boot loop, please test.');
    await ok(
      homes.Olu,
      'action',
      'add',
      world.caseId,
      '--title',
      'Release driver 5.1',
      '--owner',
      'OS Vendor',
    );
    const oluFirst = await sync(homes.Olu, world.caseId, world.signaling.url);
    expect(oluFirst).toMatchObject({ end: 'idle', peersMet: 1 });
    // Olu is offline now; Chen comes online, meets only serve, and gets Olu's changes.
    await ok(homes.Chen, 'message', world.caseId, 'Chen: installed 5.1, it boots now.');
    const chen = await sync(homes.Chen, world.caseId, world.signaling.url);
    expect(chen).toMatchObject({ end: 'idle', peersMet: 1 });
    expect(chen.received.changes).toBe(2);
    const oluAgain = await sync(homes.Olu, world.caseId, world.signaling.url);
    expect(oluAgain.received.changes).toBe(1);
    const views = await Promise.all([
      show(homes.Olu, world.caseId),
      show(homes.Chen, world.caseId),
      show(homes.Priya, world.caseId),
    ]);
    expect(digest(views[0])).toEqual(digest(views[1]));
    expect(digest(views[2])).toEqual(digest(views[0]));
    expect(digest(views[0]).messages).toContain('Chen: installed 5.1, it boots now.');
  }, 120_000);

  it("commands run on serve's home while it runs reach peers through it", async () => {
    const mark = serve.lines.length;
    await ok(homes.Priya, 'message', world.caseId, 'Priya: closing once the customer confirms.');
    await ok(
      homes.Priya,
      'action',
      'add',
      world.caseId,
      '--title',
      'Confirm fix with customer',
      '--owner',
      'provider',
    );
    await ok(homes.Priya, 'sign', world.caseId);
    await ok(homes.Priya, 'invite', world.caseId, '--role', 'observer', '--party', 'Auditors');
    const exported = join(world.homes.Priya, '..', 'priya-copy.json');
    await ok(homes.Priya, 'export', world.caseId, '--out', exported);
    expect(existsSync(exported)).toBe(true);
    await serve.until(appliedFrom('disk'), 10_000, mark);
    const olu = await sync(homes.Olu, world.caseId, world.signaling.url);
    expect(olu.received.changes).toBe(4); // message, action, signature, party
    const [pv, ov] = await Promise.all([show(homes.Priya, world.caseId), show(homes.Olu, world.caseId)]);
    expect(digest(ov)).toEqual(digest(pv));
    expect(digest(ov).actions).toContain('Confirm fix with customer');
  }, 120_000);

  it('picks up a case created after it started', async () => {
    const created = (await ok(homes.Priya, 'case', 'new', '--title', 'Second case: dock flickers')).at(
      -1,
    ) as string;
    const online = await serve.until((line) => line.type === 'online' && line.caseId === created, 15_000);
    expect(online.title).toBe('Second case: dock flickers');
  }, 60_000);

  it('reconnects after the signaling server restarts', async () => {
    await world.signaling.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await world.signaling.restart();
    await ok(homes.Chen, 'message', world.caseId, 'Chen: still fine after a reboot.');
    const mark = serve.lines.length;
    const chen = await sync(homes.Chen, world.caseId, world.signaling.url);
    expect(chen).toMatchObject({ end: 'idle', peersMet: 1 });
    await serve.until(appliedFrom('peer'), 10_000, mark);
    const priya = await show(homes.Priya, world.caseId);
    expect(digest(priya).messages).toContain('Chen: still fine after a reboot.');
  }, 90_000);

  it('shuts down cleanly on SIGINT: exit 0, everything saved', async () => {
    const before = digest(await show(homes.Priya, world.caseId));
    const code = await serve.stop('SIGINT');
    expect(code).toBe(0);
    expect(serve.lines.at(-1)).toMatchObject({ type: 'stopped', signal: 'SIGINT', failed: 0 });
    expect(digest(await show(homes.Priya, world.caseId))).toEqual(before);
    expect(existsSync(join(homes.Priya, 'cases', world.caseId, 'lock'))).toBe(false);
  }, 60_000);
});
