import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PeerProcess, killAllPeers, waitForStates } from '../../cli/peer/peer-driver';
import { SignalingFixture } from './signaling-fixture';

// The real Casepact path over real WebRTC: the founder's contract commands become signed,
// sealed log entries; every other process verifies them with its own CaseReplica.
let signaling: SignalingFixture;
beforeAll(async () => {
  signaling = await SignalingFixture.start();
});
afterEach(killAllPeers);
afterAll(async () => {
  await killAllPeers();
  await signaling.stop();
});

type State = Awaited<ReturnType<PeerProcess['state']>>;
const sameContract = (messages: number) => (states: State[]) =>
  states.every(
    (s) => s.facts.messages === messages && s.rejected === 0 && s.facts.terms === states[0]?.facts.terms,
  );

async function founderAndReaders(readers: string[]) {
  const caseKeyHex = randomBytes(32).toString('hex');
  const spec = { signalUrl: signaling.url, caseKeyHex, mode: 'signed' as const };
  const founder = await PeerProcess.start({
    ...spec,
    name: 'founder',
    identitySeedHex: randomBytes(32).toString('hex'),
  });
  const genesis = founder.genesis();
  expect(genesis).toMatchObject({ caseId: expect.any(String), founder: expect.any(String) });
  const others = await Promise.all(readers.map((name) => PeerProcess.start({ ...spec, name, genesis })));
  // Founding the case already wrote messages (system events); count ours on top of them.
  const base = Number((await founder.state()).facts.messages);
  return { caseKeyHex, founder, others, base };
}

describe('signed, sealed log over real WebRTC', () => {
  it('readers verify and apply the founder’s changes: identical terms hash and messages', async () => {
    const { founder, others, base } = await founderAndReaders(['r1', 'r2']);
    founder.send({ cmd: 'add', count: 12, tag: 'msg' });
    const states = await waitForStates(
      [founder, ...others],
      sameContract(base + 12),
      15_000,
      'signed convergence',
    );
    expect(states.every((s) => s.facts.applied === states[0]?.facts.applied)).toBe(true);
    expect(states[0]?.facts.terms).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a peer holding the case key (channel sealed, no verification) changes nothing; its writes are quarantined', async () => {
    const { caseKeyHex, founder, others, base } = await founderAndReaders(['reader']);
    const reader = others[0] as PeerProcess;
    founder.send({ cmd: 'add', count: 3, tag: 'before' });
    const before = await waitForStates([founder, reader], sameContract(base + 3), 15_000, 'before the rogue');
    const rogue = await PeerProcess.start({
      signalUrl: signaling.url,
      caseKeyHex,
      mode: 'rogue',
      name: 'rogue',
    });
    rogue.send({ cmd: 'add', count: 5, tag: 'junk' });
    await waitForStates(
      [founder, reader],
      (states) => states.every((s) => s.rejected === 5),
      15_000,
      'junk reaches both honest peers and is refused',
    );
    const after = await Promise.all([founder.state(), reader.state()]);
    for (const state of after) {
      expect(state.facts.terms).toBe(before[0]?.facts.terms);
      expect(state.facts.messages).toBe(base + 3);
    }
    // Honest work still flows with the rogue in the room.
    founder.send({ cmd: 'add', count: 2, tag: 'after' });
    await waitForStates(
      [founder, reader],
      (states) =>
        states.every((s) => s.facts.messages === base + 5 && s.facts.terms === states[0]?.facts.terms),
      15_000,
      'honest changes after the rogue',
    );
  });

  it('a stock y-webrtc client with the room password gets nothing in and nothing out: its messages are dropped unopened', async () => {
    const { caseKeyHex, founder, others, base } = await founderAndReaders(['reader']);
    const reader = others[0] as PeerProcess;
    founder.send({ cmd: 'add', count: 2, tag: 'before' });
    const before = await waitForStates(
      [founder, reader],
      sameContract(base + 2),
      15_000,
      'before the stock client',
    );
    const stock = await PeerProcess.start({
      signalUrl: signaling.url,
      caseKeyHex,
      mode: 'stock',
      name: 'stock',
    });
    // It gets WebRTC connections (it knows the signaling password) and writes into its log.
    await stock.waitFor((e) => e.type === 'status' && e.peers > 0, 15_000, 'stock client connected');
    stock.send({ cmd: 'add', count: 5, tag: 'junk' });
    founder.send({ cmd: 'add', count: 1, tag: 'during' });
    const during = await waitForStates(
      [founder, reader],
      sameContract(base + 3),
      15_000,
      'honest work flows',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await Promise.all([founder.state(), reader.state()]);
    for (const [i, state] of after.entries()) {
      expect(state.rejected).toBe(0); // nothing of it was even readable, so nothing to quarantine
      expect(state.count).toBe(during[i]?.count); // its entries never reached the log document
      expect(state.facts.messages).toBe(base + 3);
      expect(state.facts.terms).toBe(before[0]?.facts.terms);
    }
    // It cannot read the case either: stock y-webrtc throws on a sealed message (here its process
    // exits on the uncaught error), which honest peers never see.
  });
});
