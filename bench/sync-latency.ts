/**
 * Edit-to-visible latency between two peers in separate processes over loopback WebRTC
 * (node-datachannel), through our signaling server, in one run:
 *  - plain: stock y-webrtc, no password, a raw entry written into a plain Y.Doc (the transport
 *    alone: no contract, nothing to check);
 *  - contract: stock y-webrtc syncing the contract document itself, the founder running the same
 *    contract command as in `casepact` (postMessage), visible once the message is in the reader's
 *    contract: the same edit with no signature, no encryption and no verification;
 *  - sealed: our transport (derived room + password, connection guard), the entry sealed with
 *    XChaCha20-Poly1305 under a key derived from the case key (the cost of encryption alone);
 *  - casepact: the real path. The founder runs a contract command (postMessage) through
 *    shared/signed: signed envelope, sealed log entry, our transport; the reader's CaseReplica
 *    opens, verifies (signature, chain, rights on the decoded update) and applies it to its
 *    contract document; visible = the message is in the reader's contract.
 * Samples rotate between the pairs so all see the same machine load.
 * Latency = receiver's clock when the entry became visible − sender's clock before the edit;
 * both are performance.timeOrigin + performance.now() on the same host.
 * Output: JSON lines {"name","value","unit","target"?,"baseline"?,"ratio"?}.
 *   BENCH_SAMPLES (default 300) samples per variant.
 */
import { randomBytes } from 'node:crypto';
import { startSignalingServer } from '../cli/signaling/index';
import { PeerProcess, killAllPeers } from '../cli/peer/peer-driver';
import type { PeerEvent } from '../cli/peer/peer-protocol';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const GAP_MS = 5;

type Pair = {
  name: 'plain' | 'contract' | 'sealed' | 'casepact';
  sender: PeerProcess;
  receiver: PeerProcess;
  latencies: number[];
};
const MODES = { plain: 'plain', contract: 'contract', sealed: 'casepact', casepact: 'signed' } as const;
/** The pairs whose sender is a case founder (it needs an identity). */
const FOUNDS = new Set<Pair['name']>(['contract', 'casepact']);

function line(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let nextId = 1;
/** One edit on the sender, resolved with the latency at which the receiver saw it. */
async function ping(pair: Pair, timeoutMs: number): Promise<number> {
  const id = nextId++;
  const sentMark = pair.sender.events.length;
  const seenMark = pair.receiver.events.length;
  pair.sender.send({ cmd: 'ping', id });
  const isSent = (e: PeerEvent) => e.type === 'sent' && e.id === id;
  const isSeen = (e: PeerEvent) => e.type === 'seen' && e.id === id;
  const [sent, seen] = await Promise.all([
    pair.sender.waitFor(isSent, timeoutMs, `sent ${id}`, sentMark),
    pair.receiver.waitFor(isSeen, timeoutMs, `seen ${id}`, seenMark),
  ]);
  if (sent.type !== 'sent' || seen.type !== 'seen') throw new Error('unexpected event');
  return seen.at - sent.at;
}

async function openPair(name: Pair['name'], signalUrl: string): Promise<Pair> {
  const spec = { signalUrl, caseKeyHex: randomBytes(32).toString('hex'), mode: MODES[name] };
  // Staggered start: the receiver joins once the sender listens, so stock y-webrtc (which has
  // no glare handling) gets a clean offer/answer.
  const sender = await PeerProcess.start({
    ...spec,
    name: `${name}-a`,
    ...(FOUNDS.has(name) ? { identitySeedHex: randomBytes(32).toString('hex') } : {}),
  });
  await sleep(1000);
  const receiver = await PeerProcess.start({ ...spec, name: `${name}-b`, genesis: sender.genesis() });
  const pair: Pair = { name, sender, receiver, latencies: [] };
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        await ping(pair, 1000);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`${name} pair never connected: ${String(error)}`);
      }
    }
    for (let i = 0; i < 20; i++) await ping(pair, 5000); // warm-up, not recorded
    return pair;
  } catch (error) {
    for (const peer of [sender, receiver]) peer.kill();
    await Promise.all([sender.exited, receiver.exited]);
    throw error;
  }
}

/**
 * Stock y-webrtc (the plain pair) has no recovery from a failed first handshake (docs/sync.md §6,
 * "Failed attempts"): such a pair is started afresh, up to three times, instead of failing the run.
 */
async function openPairRetrying(name: Pair['name'], signalUrl: string): Promise<Pair> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openPair(name, signalUrl);
    } catch (error) {
      if (attempt >= 3) throw error;
      process.stderr.write(`# ${name} pair did not connect (attempt ${attempt}); starting it again\n`);
    }
  }
}

async function main(): Promise<void> {
  const server = await startSignalingServer({ port: 0, host: '127.0.0.1' });
  try {
    const plain = await openPairRetrying('plain', server.url);
    const contract = await openPairRetrying('contract', server.url);
    const sealed = await openPairRetrying('sealed', server.url);
    const casepact = await openPairRetrying('casepact', server.url);
    const pairs = [plain, contract, sealed, casepact];
    for (let i = 0; i < SAMPLES; i++) {
      const order = [...pairs.slice(i % pairs.length), ...pairs.slice(0, i % pairs.length)];
      for (const pair of order) {
        pair.latencies.push(await ping(pair, 5000));
        await sleep(GAP_MS);
      }
    }
    const stats = (pair: Pair) => {
      const sorted = [...pair.latencies].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
    };
    const p = stats(plain);
    const k = stats(contract);
    const e = stats(sealed);
    const c = stats(casepact);
    const base = { unit: 'ms', samples: SAMPLES };
    const vs = (value: number, baseline: number) => ({
      baseline: round(baseline),
      ratio: round(value / baseline),
    });
    line({ name: 'sync-latency.plain.p50', value: round(p.p50), ...base });
    line({ name: 'sync-latency.plain.p95', value: round(p.p95), ...base });
    line({ name: 'sync-latency.contract.p50', value: round(k.p50), ...base, ...vs(k.p50, p.p50) });
    line({ name: 'sync-latency.contract.p95', value: round(k.p95), ...base, ...vs(k.p95, p.p95) });
    line({ name: 'sync-latency.sealed.p50', value: round(e.p50), ...base, ...vs(e.p50, p.p50) });
    line({ name: 'sync-latency.sealed.p95', value: round(e.p95), ...base, ...vs(e.p95, p.p95) });
    line({ name: 'sync-latency.casepact.p50', value: round(c.p50), ...base, ...vs(c.p50, p.p50) });
    line({
      name: 'sync-latency.casepact.p95',
      value: round(c.p95),
      ...base,
      ...vs(c.p95, p.p95),
      target: '< 50 ms',
    });
    // The target compares the same edit with and without Casepact (signing, encryption, checks).
    line({
      name: 'sync-latency.p50-ratio',
      value: round(c.p50 / k.p50),
      unit: 'x',
      baseline: 'contract (same edit, stock y-webrtc)',
      target: '<= 1.5',
    });
    line({ name: 'sync-latency.p50-ratio.vs-raw-entry', value: round(c.p50 / p.p50), unit: 'x' });
    line({ name: 'sync-latency.casepact.max', value: round(c.max), unit: 'ms', baseline: round(k.max) });
    const negative = pairs.flatMap((pair) => pair.latencies).filter((v) => v < 0).length;
    if (negative > 0)
      process.stderr.write(`# warning: ${negative} negative samples (clock skew between processes)\n`);
    await Promise.all(pairs.flatMap((pair) => [pair.sender, pair.receiver]).map((peer) => peer.exit()));
  } finally {
    await killAllPeers();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`sync-latency failed: ${error instanceof Error ? error.message : String(error)}\n`);
    void killAllPeers().finally(() => process.exit(1));
  },
);
