import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import type { PeerEvent } from '../../cli/peer/peer-protocol';
import { PeerProcess, converged, killAllPeers, waitForStates } from '../../cli/peer/peer-driver';
import { SignalingFixture } from './signaling-fixture';

let signaling: SignalingFixture;
let dir: string;
beforeAll(async () => {
  signaling = await SignalingFixture.start();
  dir = mkdtempSync(path.join(tmpdir(), 'casepact-sync-'));
});
afterEach(async () => {
  await killAllPeers();
  await signaling.restart();
});
afterAll(async () => {
  await killAllPeers();
  await signaling.stop();
  rmSync(dir, { recursive: true, force: true });
});

const connectedTo = (n: number) => (event: PeerEvent) =>
  event.type === 'status' && event.state === 'connected' && event.peers === n;
const key = () => randomBytes(32).toString('hex');

describe('partitions and offline peers heal', () => {
  it('keeps syncing over open channels while signaling is down, then heals a partition', async () => {
    const spec = { signalUrl: signaling.url, caseKeyHex: key() };
    const [a, b] = await Promise.all([
      PeerProcess.start({ ...spec, name: 'A' }),
      PeerProcess.start({ ...spec, name: 'B' }),
    ]);
    await Promise.all([a.waitFor(connectedTo(1), 15_000, 'A up'), b.waitFor(connectedTo(1), 15_000, 'B up')]);
    await signaling.stop();
    // Established WebRTC channels do not need the signaling server.
    a.send({ cmd: 'add', count: 5, tag: 'no-signal' });
    await waitForStates([a, b], converged(5), 8_000, 'sync without signaling');
    // Partition: B leaves; both sides edit while apart.
    b.send({ cmd: 'disconnect' });
    await a.waitFor((e) => e.type === 'status' && e.peers === 0, 10_000, 'A sees B leave');
    a.send({ cmd: 'add', count: 7, tag: 'apart' });
    b.send({ cmd: 'add', count: 4, tag: 'apart' });
    const apart = await Promise.all([a.state(), b.state()]);
    if (apart[0].count !== 12 || apart[1].count !== 9) throw new Error('edits crossed the partition');
    // Heal: signaling comes back on the same port, B rejoins; A's client reconnects by itself.
    await signaling.restart();
    b.send({ cmd: 'connect' });
    await waitForStates([a, b], converged(16), 15_000, 'heal after partition');
  });

  it('peers that are never online together converge through an always-on peer', async () => {
    const spec = { signalUrl: signaling.url, caseKeyHex: key() };
    const aliceState = path.join(dir, 'alice.bin');
    const relay = await PeerProcess.start({ ...spec, name: 'relay' });
    // Alice works, syncs with the relay, leaves (state saved to disk).
    let alice = await PeerProcess.start({ ...spec, name: 'alice', stateFile: aliceState });
    alice.send({ cmd: 'add', count: 10, tag: 'monday' });
    await waitForStates([alice, relay], converged(10), 15_000, 'alice → relay');
    await alice.exit();
    // Carol comes later, edits offline first, then meets only the relay.
    const carol = await PeerProcess.start({ ...spec, name: 'carol', connect: false });
    carol.send({ cmd: 'add', count: 6, tag: 'tuesday' });
    carol.send({ cmd: 'connect' });
    await waitForStates([carol, relay], converged(16), 15_000, 'carol ↔ relay');
    await carol.exit();
    // Alice restarts from disk and gets Carol's work from the relay.
    alice = await PeerProcess.start({ ...spec, name: 'alice', stateFile: aliceState });
    await waitForStates([alice, relay], converged(16), 15_000, 'relay → alice');
  });

  it('two peers that join at the same instant connect and sync, round after round (glare)', async () => {
    const spec = { signalUrl: signaling.url, caseKeyHex: key(), connect: false };
    const [a, b] = await Promise.all([
      PeerProcess.start({ ...spec, name: 'A' }),
      PeerProcess.start({ ...spec, name: 'B' }),
    ]);
    let expected = 0;
    for (let round = 0; round < 4; round++) {
      a.send({ cmd: 'add', count: 2, tag: `r${round}` });
      b.send({ cmd: 'add', count: 3, tag: `r${round}` });
      expected += 5;
      a.send({ cmd: 'connect' });
      b.send({ cmd: 'connect' });
      await waitForStates([a, b], converged(expected), 6_000, `round ${round}`);
      a.send({ cmd: 'disconnect' });
      b.send({ cmd: 'disconnect' });
      await Promise.all([
        a.waitFor(
          (e) => e.type === 'status' && e.state === 'offline',
          5_000,
          'A offline',
          a.events.length - 1,
        ),
        b.waitFor(
          (e) => e.type === 'status' && e.state === 'offline',
          5_000,
          'B offline',
          b.events.length - 1,
        ),
      ]);
    }
  });
});
