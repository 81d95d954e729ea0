/**
 * Time for a fresh peer to join a case of 10,000 changes and be fully verified and current, over
 * loopback WebRTC (node-datachannel) through our signaling server. Target: under 2 s.
 *
 *  - The case is built by signing 10,000 envelopes (two members alternating realistic commands),
 *    stored in the founder's CASEPACT_HOME, and kept online by a real `casepact serve` process.
 *  - The fresh peer is another member's device in its own process: the case key and genesis
 *    stored, no log yet. It runs the code `casepact sync` runs (cli/sync/case-peer.ts): y-webrtc
 *    sync of the log document, every entry opened and verified (signature, chain, rights) before
 *    it reaches the contract, and everything fsynced to its own store.
 *  - "current" = all 10,000 changes applied and on disk; timed from connect().
 *
 *   npx tsx bench/join-large-case.ts   (BENCH_CHANGES, BENCH_ROUNDS=5; BENCH_PROFILE=DIR, BENCH_KEEP=1)
 * Output: JSON lines {"name","value","unit","target"?}.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import { installNodeCrypto } from '../cli/crypto/install';
import { nodePeerOptions } from '../cli/peer/node-webrtc';
import { startSignalingServer } from '../cli/signaling/index';
import { CaseStore } from '../cli/store/case-store';
import { unlockHomeIdentity, writeIdentity } from '../cli/store/identity-store';
import { CasePeer } from '../cli/sync/case-peer';
import { addMember, createCase, postMessage, proposeChange, setActionStatus } from '../shared/contract/index';
import { sodiumReady } from '../shared/crypto/sodium';
import type { Identity } from '../shared/identity/identity';
import { identityFromSeed } from '../shared/identity/identity';
import { CaseKeyring, caseKeyFromBytes } from '../shared/signed/case-key';
import { foundCase } from '../shared/signed/found';
import { CaseReplica } from '../shared/signed/replica';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 10_000);
const TARGET_MS = 2000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PASSPHRASE = 'bench passphrase, not a secret';
const line = (record: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(record)}\n`);

function person(seed: number, name: string): Identity {
  const made = identityFromSeed(new Uint8Array(32).fill(seed), name, 'Acme Support');
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

/** The founder's and a colleague's replicas writing CHANGES signed changes between them. */
function buildCase(priya: Identity, pat: Identity) {
  const keyring = new CaseKeyring(caseKeyFromBytes(new Uint8Array(32).fill(9)));
  const founded = foundCase({
    identity: priya,
    keyring,
    create: (ctx) =>
      createCase(ctx, {
        title: 'Laptop does not boot',
        party: { name: 'Acme Support', role: 'provider' },
        member: { displayName: 'Priya' },
      }),
  });
  if (!founded.result.ok) throw new Error(founded.result.message);
  const party = founded.result.value.partyId;
  const a = founded.replica;
  a.run((ctx) => addMember(ctx, { memberId: pat.id, displayName: 'Pat' }));
  const b = new CaseReplica({ genesis: founded.genesis, keyring, identity: pat });
  const exchange = (from: CaseReplica, to: CaseReplica) =>
    Y.applyUpdate(to.log, Y.encodeStateAsUpdate(from.log, Y.encodeStateVector(to.log)));
  exchange(a, b);
  const actions: string[] = [];
  let writer = a;
  let n = a.applied().length;
  while (n < CHANGES) {
    if (n % 50 === 0) {
      exchange(writer, writer === a ? b : a);
      writer = writer === a ? b : a;
    }
    const kind = n % 10;
    if (kind < 7 || (kind === 9 && actions.length === 0)) {
      writer.run((ctx) =>
        postMessage(ctx, { text: `Update ${n}: checked the BIOS log, rebooted, no POST beep.` }),
      );
    } else if (kind === 8 || actions.length === 0) {
      const id = writer.context().newId();
      writer.run((ctx) =>
        proposeChange(ctx, {
          changes: [{ kind: 'add-action', action: { id, title: `Action ${n}`, party } }],
        }),
      );
      actions.push(id);
    } else {
      const id = actions.shift() as string;
      writer.run((ctx) => setActionStatus(ctx, { actionId: id, status: 'in-progress' }));
    }
    n++;
  }
  exchange(b, a);
  if (a.applied().length !== CHANGES || a.quarantine().refused.length > 0) {
    throw new Error(`built ${a.applied().length} changes, ${a.quarantine().refused.length} refused`);
  }
  b.destroy();
  return { founded, keyring, replica: a };
}

/** What the fresh peer measures, in ms from connect(). */
interface JoinResult {
  readonly connectMs: number;
  readonly messageMs: number;
  readonly messageBytes: number;
  readonly receivedMs: number;
  readonly verifyMs: number;
  readonly verifyCpuMs: number;
  readonly verifiedMs: number;
  readonly currentMs: number;
  readonly cpuMs: number;
  readonly applied: number;
  readonly refused: number;
  readonly reopenMs: number;
  readonly reopenedApplied: number;
}

/** Hooks a y-webrtc connection's data channel: when it opened, when the largest message came. */
function watchChannels(
  peer: CasePeer,
  seen: { open: number | null; bytes: number; at: number },
  hooked: WeakSet<object>,
) {
  for (const conn of peer.transport?.provider?.room?.webrtcConns.values() ?? []) {
    const channel = conn.peer as {
      once(event: 'connect', f: () => void): void;
      prependListener(event: 'data', f: (data: Uint8Array) => void): void;
    };
    if (hooked.has(channel)) continue;
    hooked.add(channel);
    channel.once('connect', () => {
      seen.open ??= performance.now();
    });
    // Before y-webrtc's own listener, which applies and verifies the message synchronously.
    channel.prependListener('data', (data) => {
      if (data.length > seen.bytes) Object.assign(seen, { bytes: data.length, at: performance.now() });
    });
  }
}

/** Child mode: the fresh peer. Prints one JSON result line. */
async function child(home: string, caseId: string, signal: string, expected: number): Promise<void> {
  await sodiumReady();
  installNodeCrypto(); // as bin/casepact.mjs does
  const io = { out: () => {}, err: () => {}, env: { CASEPACT_PASSPHRASE: PASSPHRASE } };
  const identity = await unlockHomeIdentity(home, io);
  const opened = CasePeer.open({
    home,
    caseId,
    identity,
    signalingUrls: [signal],
    peerOpts: nodePeerOptions({ bindAddress: '127.0.0.1' }),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const peer = opened.peer;
  const log = peer.replica.log;
  const envelopes = log.getMap('envelopes') as unknown as Y.AbstractType<Y.YEvent<Y.Map<unknown>>>;
  // The bulk of the log = the remote transaction changing most keys; its observers = verification.
  let bulk = { keys: 0, at: 0 };
  let observing: { at: number; cpu: NodeJS.CpuUsage } | null = null;
  let verifyMs = 0;
  let verifyCpuMs = 0;
  const onIntegrated = (tr: Y.Transaction) => {
    if (tr.local) return;
    const keys = tr.changed.get(envelopes)?.size ?? 0;
    if (keys > bulk.keys) bulk = { keys, at: performance.now() };
    observing = { at: performance.now(), cpu: process.cpuUsage() };
  };
  const onObserved = () => {
    if (!observing) return;
    const cpu = process.cpuUsage(observing.cpu);
    verifyMs += performance.now() - observing.at;
    verifyCpuMs += (cpu.user + cpu.system) / 1000;
    observing = null;
  };
  log.on('beforeObserverCalls', onIntegrated);
  log.on('afterTransaction', onObserved);
  // Counted from events: replica.applied() copies the whole list, too costly to poll.
  let appliedCount = peer.replica.applied().length;
  peer.replica.onChange((event) => {
    appliedCount += event.applied.length;
  });
  const channels = { open: null as number | null, bytes: 0, at: 0 };
  const hooked = new WeakSet<object>();
  let verified: number | null = null;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  peer.start();
  for (;;) {
    const now = performance.now();
    watchChannels(peer, channels, hooked);
    if (verified === null && appliedCount >= expected) verified = now;
    if (verified !== null && peer.flush(1000)) break;
    if (now - t0 > 120_000) throw new Error(`stuck at ${appliedCount} of ${expected} changes`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const current = performance.now();
  const cpu = process.cpuUsage(cpu0);
  log.off('beforeObserverCalls', onIntegrated);
  log.off('afterTransaction', onObserved);
  const refused = peer.tally().refused.length;
  peer.close();
  // Reopening the stored case from disk: read, open, verify and replay all of it.
  const r0 = performance.now();
  const reopened = CaseStore.open(home, caseId).load(identity);
  const result: JoinResult = {
    connectMs: (channels.open ?? current) - t0,
    messageMs: channels.at - t0,
    messageBytes: channels.bytes,
    receivedMs: bulk.at - t0,
    verifyMs,
    verifyCpuMs,
    verifiedMs: (verified ?? current) - t0,
    currentMs: current - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    applied: appliedCount,
    refused,
    reopenMs: performance.now() - r0,
    reopenedApplied: reopened.replica.applied().length,
  };
  line({ type: 'result', ...result });
  process.exit(0);
}

/** Runs one fresh peer to completion (it exits by itself, writing its profile if asked). */
async function joinOnce(home: string, caseId: string, signal: string): Promise<JoinResult> {
  const fresh = spawn(
    process.execPath,
    [
      // BENCH_PROFILE=DIR writes a V8 CPU profile of the fresh peer there.
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
      '--import',
      'tsx',
      'bench/join-large-case.ts',
      '--child',
      home,
      caseId,
      signal,
      String(CHANGES),
    ],
    { env: process.env },
  );
  let stderr = '';
  fresh.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let result: JoinResult | null = null;
  createInterface({ input: fresh.stdout }).on('line', (text) => {
    const parsed = JSON.parse(text) as JoinResult & { type?: string };
    if (parsed.type === 'result') result = parsed;
  });
  const timer = setTimeout(() => fresh.kill('SIGKILL'), 180_000);
  const code = await new Promise((resolve) => fresh.once('exit', resolve));
  clearTimeout(timer);
  if (!result) throw new Error(`fresh peer exited ${code}: ${stderr.slice(-400)}`);
  return result;
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function parent(): Promise<void> {
  await sodiumReady();
  const priya = person(1, 'Priya');
  const pat = person(2, 'Pat');
  const base = mkdtempSync(join(tmpdir(), 'casepact-bench-join-'));
  const homes = { priya: join(base, 'priya'), pat: join(base, 'pat') };
  let serve: ChildProcessWithoutNullStreams | null = null;
  const signaling = await startSignalingServer({ port: 0, host: '127.0.0.1' });
  const signal = `ws://127.0.0.1:${signaling.port}`;
  try {
    const b0 = performance.now();
    const { founded, keyring, replica } = buildCase(priya, pat);
    line({
      name: 'join-large-case.build',
      value: Math.round(performance.now() - b0),
      unit: 'ms',
      changes: CHANGES,
    });
    await writeIdentity(homes.priya, priya, PASSPHRASE, Date.now());
    await writeIdentity(homes.pat, pat, PASSPHRASE, Date.now());
    CaseStore.create(homes.priya, priya, founded.genesis, keyring, Date.now()).attach(replica)();
    const caseId = founded.genesis.caseId;
    const env = { ...process.env, CASEPACT_HOME: homes.priya, CASEPACT_PASSPHRASE: PASSPHRASE };
    const source = spawn(
      process.execPath,
      ['bin/casepact.mjs', 'serve', '--signal', signal, '--bind', '127.0.0.1', '--json'],
      { env },
    );
    serve = source;
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: source.stdout }).on('line', (text) => {
        if (text.includes('"type":"online"')) resolve();
      });
      source.once('exit', () => reject(new Error('serve exited')));
    });
    const results: JoinResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A fresh device each round: the case key and genesis stored, no log, no sync state.
      rmSync(join(homes.pat, 'cases'), { recursive: true, force: true });
      CaseStore.create(homes.pat, pat, founded.genesis, keyring, Date.now());
      const result = await joinOnce(homes.pat, caseId, signal);
      if (result.applied !== CHANGES || result.reopenedApplied !== CHANGES || result.refused > 0) {
        throw new Error(
          `round ${round}: applied ${result.applied}, reopened ${result.reopenedApplied}, refused ${result.refused}`,
        );
      }
      results.push(result);
    }
    const figure = (
      name: string,
      key: keyof JoinResult,
      note: string,
      extra: Record<string, unknown> = {},
    ) => {
      const values = results.map((r) => r[key] as number);
      line({
        name,
        value: Math.round(median(values)),
        unit: 'ms',
        ...extra,
        best: Math.round(Math.min(...values)),
        rounds: values.map(Math.round),
        note,
      });
    };
    figure(
      'join-large-case.current',
      'currentMs',
      'connect() to every change verified, applied and fsynced (median)',
      {
        target: TARGET_MS,
        met: median(results.map((r) => r.currentMs)) < TARGET_MS,
        changes: CHANGES,
        logBytes: results[0]?.messageBytes,
        loadavg: Number(loadavg()[0]?.toFixed(1)),
        cpus: availableParallelism(),
      },
    );
    figure(
      'join-large-case.connect',
      'connectMs',
      'signaling + WebRTC handshake until the data channel opened',
    );
    figure('join-large-case.log-arrived', 'messageMs', 'the whole log arrived (one y-sync step 2 message)');
    figure('join-large-case.received', 'receivedMs', 'the log decoded and integrated by Yjs');
    figure(
      'join-large-case.verify',
      'verifyMs',
      'replica opening, verifying and applying every entry (wall)',
    );
    figure('join-large-case.verify-cpu', 'verifyCpuMs', 'the same, CPU time');
    figure(
      'join-large-case.cpu',
      'cpuMs',
      "fresh peer's CPU time (user+system, all threads), connect() to current",
    );
    figure(
      'join-large-case.reopen',
      'reopenMs',
      'reopening the stored case afterwards: read + verify + replay from disk',
    );
  } finally {
    serve?.kill('SIGKILL');
    await signaling.close();
    if (process.env.BENCH_KEEP) line({ kept: base });
    else rmSync(base, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(args[1] as string, args[2] as string, args[3] as string, Number(args[4])).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
} else {
  await parent();
}
