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
 *   npx tsx bench/join-large-case.ts          (BENCH_CHANGES to change the size)
 * Output: JSON lines {"name","value","unit","target"?}.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import { cliPeerOptions } from '../cli/sync/peer-options';
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

/** Child mode: the fresh peer. Prints one JSON result line. */
async function child(home: string, caseId: string, signal: string, expected: number): Promise<void> {
  await sodiumReady();
  const io = { out: () => {}, err: () => {}, env: { CASEPACT_PASSPHRASE: PASSPHRASE } };
  const identity = await unlockHomeIdentity(home, io);
  const opened = CasePeer.open({
    home,
    caseId,
    identity,
    signalingUrls: [signal],
    peerOpts: cliPeerOptions({ bindAddress: '127.0.0.1' }),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const peer = opened.peer;
  // Yjs integrated the first remote data (before the replica's observer verifies it).
  let firstData: number | null = null;
  const onIntegrated = () => {
    firstData ??= performance.now();
  };
  peer.replica.log.on('beforeObserverCalls', onIntegrated);
  let connected: number | null = null;
  let verified: number | null = null;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  peer.start();
  for (;;) {
    const now = performance.now();
    if (connected === null && peer.transport.status().peers > 0) connected = now;
    if (verified === null && peer.replica.applied().length >= expected) verified = now;
    if (verified !== null && peer.flush(1000)) break;
    if (now - t0 > 120_000)
      throw new Error(`stuck at ${peer.replica.applied().length} of ${expected} changes`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const current = performance.now();
  const cpu = process.cpuUsage(cpu0);
  peer.replica.log.off('beforeObserverCalls', onIntegrated);
  const tally = peer.tally();
  peer.close();
  // Reopening the stored case from disk: read, open, verify and replay all of it.
  const r0 = performance.now();
  const reopened = CaseStore.open(home, caseId).load(identity);
  const reopenMs = performance.now() - r0;
  line({
    type: 'result',
    connectMs: (connected ?? current) - t0,
    firstDataMs: (firstData ?? current) - t0,
    verifiedMs: (verified ?? current) - t0,
    currentMs: current - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    applied: peer.replica.applied().length,
    refused: tally.refused.length,
    reopenMs,
    reopenedApplied: reopened.replica.applied().length,
  });
  process.exit(0);
}

async function parent(): Promise<void> {
  await sodiumReady();
  const priya = person(1, 'Priya');
  const pat = person(2, 'Pat');
  const base = mkdtempSync(join(tmpdir(), 'casepact-bench-join-'));
  const homes = { priya: join(base, 'priya'), pat: join(base, 'pat') };
  const children: ChildProcessWithoutNullStreams[] = [];
  const signaling = await startSignalingServer({ port: 0, host: '127.0.0.1' });
  const signal = `ws://127.0.0.1:${signaling.port}`;
  try {
    const b0 = performance.now();
    const { founded, keyring, replica } = buildCase(priya, pat);
    const buildMs = performance.now() - b0;
    await writeIdentity(homes.priya, priya, PASSPHRASE, Date.now());
    await writeIdentity(homes.pat, pat, PASSPHRASE, Date.now());
    CaseStore.create(homes.priya, priya, founded.genesis, keyring, Date.now()).attach(replica)();
    CaseStore.create(homes.pat, pat, founded.genesis, keyring, Date.now()); // key and genesis, no log
    const caseId = founded.genesis.caseId;
    line({ name: 'join-large-case.build', value: Math.round(buildMs), unit: 'ms', changes: CHANGES });

    const env = { ...process.env, CASEPACT_HOME: homes.priya, CASEPACT_PASSPHRASE: PASSPHRASE };
    const serve = spawn(
      process.execPath,
      ['bin/casepact.mjs', 'serve', '--signal', signal, '--bind', '127.0.0.1', '--json'],
      { env },
    );
    children.push(serve);
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: serve.stdout }).on('line', (text) => {
        if (text.includes('"type":"online"')) resolve();
      });
      serve.once('exit', () => reject(new Error('serve exited')));
    });
    const fresh = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/join-large-case.ts', '--child', homes.pat, caseId, signal, String(CHANGES)],
      {
        env: process.env,
      },
    );
    children.push(fresh);
    let stderr = '';
    fresh.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const result = await new Promise<Record<string, number>>((resolve, reject) => {
      createInterface({ input: fresh.stdout }).on('line', (text) => {
        const parsed = JSON.parse(text) as Record<string, number> & { type?: string };
        if (parsed.type === 'result') resolve(parsed);
      });
      fresh.once('exit', (code) => reject(new Error(`fresh peer exited ${code}: ${stderr.slice(-400)}`)));
    });
    const ms = (name: string, value: number | undefined, extra: Record<string, unknown> = {}) =>
      line({ name, value: Math.round(value ?? Number.NaN), unit: 'ms', ...extra });
    const load = loadavg()[0]?.toFixed(1);
    ms('join-large-case.current', result.currentMs, {
      target: TARGET_MS,
      changes: CHANGES,
      applied: result.applied,
      refused: result.refused,
      load,
      note: 'connect() to all changes verified, applied and fsynced, fresh peer vs casepact serve',
    });
    ms('join-large-case.connect', result.connectMs, { note: 'signaling + WebRTC handshake' });
    ms('join-large-case.received', result.firstDataMs, { note: 'whole log received and integrated by Yjs' });
    ms('join-large-case.verified', result.verifiedMs, {
      note: 'all changes verified and applied to the contract',
    });
    ms('join-large-case.cpu', result.cpuMs, {
      note: "fresh peer's CPU time (user+system) from connect() to current",
    });
    ms('join-large-case.reopen', result.reopenMs, {
      applied: result.reopenedApplied,
      note: 'reopening the stored case: read + verify + replay from disk',
    });
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await signaling.close();
    rmSync(base, { recursive: true, force: true });
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
