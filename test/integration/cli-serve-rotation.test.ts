/**
 * A running `casepact serve` follows a key rotation made by another member (docs/invite-link.md
 * "Rooms after a rotation"), with real CLI processes over real WebRTC on 127.0.0.1: it adopts the
 * new key (stores it), moves its log to the new key's room and keeps the old room open, so it
 * keeps exchanging with a peer that is only in the new room, both ways.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonChild, PASSPHRASE, ok, show, sync } from './cli-harness';
import { caseForFile } from './case-fixture';

const OS_VENDOR = { role: 'partner', party: 'OS Vendor' };
const CHEN_FAMILY = { role: 'customer', party: 'Chen Family' };
const world = caseForFile(
  'casepact-serve-rotation-',
  'Priya',
  { Olu: OS_VENDOR, Chen: CHEN_FAMILY },
  240_000,
);
const { homes } = world;

/** Keys of the changes a serve received from peers, from line `from` on. */
const receivedKeys = (serve: JsonChild, from: number): Set<string> =>
  new Set(
    serve.lines
      .slice(from)
      .filter((line) => line.type === 'applied' && line.source === 'peer')
      .flatMap((line) => (line.changes as { key: string }[]).map((change) => change.key)),
  );

describe('casepact serve follows a key rotation made elsewhere', () => {
  it('adopts the new key, moves to its room, and exchanges with a peer only in the new room', async () => {
    const chen = JsonChild.serve(homes.Chen, world.signaling.url);
    const online = await chen.until((line) => line.type === 'online');
    expect(online.epoch).toBe(0);

    // Another member removes Olu on its own device, then syncs: the rotation reaches the old room.
    const removed = await ok(homes.Priya, 'member', 'remove', world.caseId, 'Olu');
    expect(removed.at(-1)).toContain('The case key was rotated (epoch 1)');
    const priyaSync = await sync(homes.Priya, world.caseId, world.signaling.url, '--timeout', '60');
    expect(priyaSync.end).toBe('idle');

    const rotated = await chen.until((line) => line.type === 'rotated', 45_000);
    expect(rotated.epoch).toBe(1);
    expect(rotated.room).not.toBe(online.room);
    const oldRoom = await chen.until((line) => line.type === 'old-room', 10_000);
    expect(oldRoom).toMatchObject({ epoch: 0, room: online.room });
    // The new key is stored: a restart (or any command of this home) uses it.
    const stored = JSON.parse(readFileSync(join(homes.Chen, 'cases', world.caseId, 'case.json'), 'utf8')) as {
      keys: unknown[];
    };
    expect(stored.keys).toHaveLength(2);

    // A device of Priya's with one transport, in the room of the key in force only, writes three
    // changes: serve meets it there and stores them.
    const from = chen.lines.length;
    const writer = new JsonChild(
      [
        '--import',
        'tsx',
        'test/integration/cli-writer-peer.ts',
        homes.Priya,
        world.caseId,
        world.signaling.url,
        '3',
        '300',
      ],
      { ...process.env, CASEPACT_PASSPHRASE: PASSPHRASE },
    );
    await writer.until((line) => line.type === 'connected', 45_000);
    await writer.until((line) => line.type === 'done', 30_000);
    const written = writer.lines.filter((line) => line.type === 'saved').map((line) => line.key as string);
    expect(written).toHaveLength(3);
    const deadline = Date.now() + 30_000;
    while (!written.every((key) => receivedKeys(chen, from).has(key)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...receivedKeys(chen, from)]).toEqual(expect.arrayContaining(written));
    await writer.stop();

    // The other way: a change made on serve's home is sealed with the new key, so it can reach
    // Priya only through the new room.
    await ok(homes.Chen, 'message', world.caseId, 'Chen: the new BIOS boots fine.');
    await chen.until((line) => line.type === 'applied' && line.source === 'disk', 10_000, from);
    const priyaAgain = await sync(homes.Priya, world.caseId, world.signaling.url, '--timeout', '60');
    expect(priyaAgain.received.changes).toBeGreaterThanOrEqual(1);
    const priya = await show(homes.Priya, world.caseId);
    expect(priya.messages.map((m) => m.text)).toContain('Chen: the new BIOS boots fine.');
    expect(priya.verification.refused).toEqual([]);
    expect(chen.lines.some((line) => line.type === 'removed')).toBe(false);
    expect(await chen.stop()).toBe(0);
  }, 240_000);
});
