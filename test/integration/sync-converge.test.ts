import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PeerEvent } from '../../cli/peer/peer-protocol';
import { PeerProcess, converged, killAllPeers, waitForStates } from '../../cli/peer/peer-driver';
import { SignalingFixture } from './signaling-fixture';

// Peers are separate Node processes talking real WebRTC (node-datachannel) on 127.0.0.1,
// introduced by our signaling server; each holds a log document of sealed entries.
let signaling: SignalingFixture;
beforeAll(async () => {
  signaling = await SignalingFixture.start();
});
afterEach(killAllPeers);
afterAll(async () => {
  await killAllPeers();
  await signaling.stop();
});

const connectedTo = (n: number) => (event: PeerEvent) =>
  event.type === 'status' && event.state === 'connected' && event.peers === n;

describe('peers converge over real WebRTC', () => {
  it('two peers converge after concurrent edits, made both offline and online', async () => {
    const caseKeyHex = randomBytes(32).toString('hex');
    const spec = { signalUrl: signaling.url, caseKeyHex, connect: false };
    const [a, b] = await Promise.all([
      PeerProcess.start({ ...spec, name: 'A' }),
      PeerProcess.start({ ...spec, name: 'B' }),
    ]);
    // Offline edits first, then both connect, then a concurrent burst while connected.
    a.send({ cmd: 'add', count: 15, tag: 'offline' });
    b.send({ cmd: 'add', count: 10, tag: 'offline' });
    a.send({ cmd: 'connect' });
    b.send({ cmd: 'connect' });
    await Promise.all([
      a.waitFor(connectedTo(1), 15_000, 'A connected'),
      b.waitFor(connectedTo(1), 15_000, 'B connected'),
    ]);
    a.send({ cmd: 'add', count: 20, tag: 'online' });
    b.send({ cmd: 'add', count: 20, tag: 'online' });
    const states = await waitForStates([a, b], converged(65), 10_000, 'two-peer convergence');
    expect(states[0]?.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('three peers converge after concurrent edits', async () => {
    const caseKeyHex = randomBytes(32).toString('hex');
    const spec = { signalUrl: signaling.url, caseKeyHex };
    const peers = await Promise.all(['A', 'B', 'C'].map((name) => PeerProcess.start({ ...spec, name })));
    await Promise.all(peers.map((peer) => peer.waitFor(connectedTo(2), 20_000, `${peer.spec.name} meshed`)));
    for (const peer of peers) peer.send({ cmd: 'add', count: 25, tag: 'burst' });
    for (const peer of peers) peer.send({ cmd: 'add', count: 5, tag: 'second' });
    await waitForStates(peers, converged(90), 10_000, 'three-peer convergence');
  });

  it('peers of another case (different key) never see the entries', async () => {
    const spec = { signalUrl: signaling.url };
    const [a, b] = await Promise.all([
      PeerProcess.start({ ...spec, name: 'A', caseKeyHex: randomBytes(32).toString('hex') }),
      PeerProcess.start({ ...spec, name: 'B', caseKeyHex: randomBytes(32).toString('hex') }),
    ]);
    a.send({ cmd: 'add', count: 3, tag: 'mine' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [sa, sb] = [await a.state(), await b.state()];
    expect([sa.count, sb.count]).toEqual([3, 0]);
    expect([sa.state, sb.state]).toEqual(['connecting', 'connecting']);
  });

  it('presence crosses WebRTC and is verified only when signed by a known member', async () => {
    const caseKeyHex = randomBytes(32).toString('hex');
    const seed = randomBytes(32);
    const { default: sodium } = await import('libsodium-wrappers-sumo');
    await sodium.ready;
    const annKey = sodium.to_hex(sodium.crypto_sign_seed_keypair(seed).publicKey);
    const spec = { signalUrl: signaling.url, caseKeyHex };
    const [ann, bob] = await Promise.all([
      PeerProcess.start({ ...spec, name: 'ann', identitySeedHex: seed.toString('hex') }),
      PeerProcess.start({ ...spec, name: 'bob' }),
    ]);
    await Promise.all([
      ann.waitFor(connectedTo(1), 15_000, 'ann'),
      bob.waitFor(connectedTo(1), 15_000, 'bob'),
    ]);
    ann.send({ cmd: 'presence', displayName: 'Ann', activity: 'typing' });
    bob.send({ cmd: 'presence', displayName: 'Ann (really Bob)', activity: 'active' });
    bob.send({ cmd: 'members', keys: { ann: annKey } });
    type Seen = {
      memberId: string | null;
      verified: boolean;
      reason: string | null;
      self: boolean;
      activity: string;
    };
    const deadline = Date.now() + 10_000;
    let others: Seen[] = [];
    while (Date.now() < deadline) {
      const mark = bob.events.length;
      bob.send({ cmd: 'peers' });
      const event = await bob.waitFor((e) => e.type === 'presence', 5_000, 'presence', mark);
      others = event.type === 'presence' ? (event.peers as Seen[]) : [];
      if (others.some((p) => !p.self && p.memberId === 'ann')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(others.find((p) => !p.self)).toMatchObject({
      memberId: 'ann',
      verified: true,
      activity: 'typing',
    });
    expect(others.find((p) => p.self)).toMatchObject({
      memberId: 'bob',
      verified: false,
      reason: 'unsigned',
    });
  });
});
