import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeerEvent } from '../../cli/peer/peer-protocol';
import { PeerProcess, converged, killAllPeers, waitForStates } from '../../cli/peer/peer-driver';
import { SignalingFixture } from './signaling-fixture';

let signaling: SignalingFixture;
beforeAll(async () => {
  signaling = await SignalingFixture.start();
});
afterAll(async () => {
  await killAllPeers();
  await signaling.stop();
});

const status = (event: PeerEvent) => (event.type === 'status' ? event : null);

describe('signaling server restart', () => {
  it('peers reconnect by themselves and meet again after the signaling server restarts', async () => {
    const spec = { signalUrl: signaling.url, caseKeyHex: randomBytes(32).toString('hex') };
    const a = await PeerProcess.start({ ...spec, name: 'A' });
    await a.waitFor((e) => status(e)?.signaling === 1, 10_000, 'A reaches signaling');
    a.send({ cmd: 'add', count: 3, tag: 'before' });

    await signaling.stop();
    await a.waitFor((e) => status(e)?.signaling === 0, 10_000, 'A notices signaling down');
    // B starts while signaling is down: nobody can introduce the two peers.
    const b = await PeerProcess.start({ ...spec, name: 'B' });
    b.send({ cmd: 'add', count: 2, tag: 'while-down' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const down = await Promise.all([a.state(), b.state()]);
    expect(down.map((s) => [s.count, s.state])).toEqual([
      [3, 'connecting'],
      [2, 'connecting'],
    ]);

    // Same port, no command to either peer: lib0's WebSocket client retries on its own.
    await signaling.restart();
    const mark = a.events.length;
    await waitForStates([a, b], converged(5), 15_000, 'convergence after restart');
    await a.waitFor((e) => status(e)?.state === 'connected', 5_000, 'A connected again', mark);
  });
});
