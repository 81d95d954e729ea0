/**
 * Per-change CPU cost of the signed path that bench/sync-latency.ts measures over WebRTC, in one
 * process and without the network: the founder's contract command → signed envelope → sealed log
 * entry (sender), the log update handed to a reader's log document → open, verify, inspect, apply
 * (receiver). Then each primitive alone, so the totals can be split into stages.
 * CPU time (process.cpuUsage) per change, robust to a busy machine; wall time alongside.
 * Output: JSON lines {"name","value","unit"}. BENCH_CHANGES (default 2000).
 */
import * as Y from 'yjs';
import { installNodeEd25519 } from '../cli/crypto/node-ed25519';
import { ed25519 } from '../shared/crypto/ed25519';
import { createCase, postMessage } from '../shared/contract/index';
import { sodium, sodiumReady } from '../shared/crypto/sodium';
import { identityFromSeed } from '../shared/identity/identity';
import { CaseKeyring, caseKeyFromBytes } from '../shared/signed/case-key';
import type { Envelope } from '../shared/signed/envelope';
import { decodeEnvelope, signEnvelope, verifyEnvelopeSignature } from '../shared/signed/envelope';
import { foundCase } from '../shared/signed/found';
import { openLogEntry, sealLogEntry } from '../shared/signed/log-entry';
import { signedApp } from '../cli/peer/log-apps';
import { inspectUpdate } from '../shared/signed/update-inspect';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 2000);
const line = (name: string, value: number, unit = 'µs/change') =>
  process.stdout.write(`${JSON.stringify({ name, value: Math.round(value * 10) / 10, unit })}\n`);

await sodiumReady();
// BENCH_ED25519=libsodium measures the browser's provider; default: what the CLI and peers use.
if (process.env.BENCH_ED25519 !== 'libsodium') installNodeEd25519();
line(`ed25519.${ed25519().name}`, 0, 'provider');
const made = identityFromSeed(new Uint8Array(32).fill(1), 'Priya', 'Acme Support');
if (!made.ok) throw new Error(made.error.message);
const founder = made.value;

const caseKey = new Uint8Array(32).fill(7);
const keyring = new CaseKeyring(caseKeyFromBytes(caseKey));
// The bench's own peer apps (cli/peer/log-apps.ts), as bench/sync-latency.ts runs them.
const sender = signedApp(caseKey, { founder });
const reader = signedApp(caseKey, { genesis: sender.genesis });
const REMOTE = { source: 'bench/remote' };
// As y-webrtc does: every update of the sender's log document is applied to the peer's.
const wire: Uint8Array[] = [];
let wiredAt = 0;
sender.app.doc.on('update', (update: Uint8Array, origin: unknown) => {
  if (origin !== REMOTE) {
    wire.push(update);
    wiredAt = performance.now();
  }
});
Y.applyUpdate(reader.app.doc, Y.encodeStateAsUpdate(sender.app.doc), REMOTE);
wire.length = 0;
let seen = 0;
let seenAt = 0;
reader.app.start(
  () => REMOTE,
  () => {
    seen++;
    seenAt = performance.now();
  },
);

function cpu(run: () => void, n: number): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) run();
  const wall = ((performance.now() - t0) * 1000) / n;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / n, wall };
}

// End-to-end, split at the wire: sender (command … y-webrtc's update event), receiver (apply … visible).
let id = 0;
const round = (count: number) => {
  const send = cpu(() => sender.app.ping(id++), count);
  let next = 0;
  const receive = cpu(() => Y.applyUpdate(reader.app.doc, wire[next++] as Uint8Array, REMOTE), count);
  wire.length = 0;
  return { send, receive };
};

/** Median wall time of what lies on the latency's path: edit → update on the wire, wire → visible. */
async function criticalPath(count: number, gapMs: number): Promise<{ send: number; receive: number }> {
  const send: number[] = [];
  const receive: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    sender.app.ping(id++);
    send.push(wiredAt - t0);
    const t1 = performance.now();
    Y.applyUpdate(reader.app.doc, wire.pop() as Uint8Array, REMOTE);
    receive.push(seenAt - t1);
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  const median = (xs: number[]) => (xs.sort((a, b) => a - b)[xs.length >> 1] as number) * 1000;
  return { send: median(send), receive: median(receive) };
}
round(300); // warm-up
seen = 0;
const measured = round(CHANGES);
if (seen !== CHANGES) throw new Error(`reader saw ${seen} of ${CHANGES} pings`);
line('sender.total', measured.send.cpu);
line('receiver.total', measured.receive.cpu);
line('sender.total.wall', measured.send.wall);
line('receiver.total.wall', measured.receive.wall);
const critical = await criticalPath(CHANGES, 0);
line('sender.edit-to-wire.p50', critical.send, 'µs');
line('receiver.wire-to-visible.p50', critical.receive, 'µs');
// The bench pings every few ms, between which caches go cold: the same with a 5 ms gap.
const spaced = await criticalPath(300, 5);
line('sender.edit-to-wire.spaced.p50', spaced.send, 'µs');
line('receiver.wire-to-visible.spaced.p50', spaced.receive, 'µs');

// The primitives, on a representative envelope: a message posted into a case of the same size.
const founded = foundCase({
  identity: founder,
  keyring,
  create: (ctx) =>
    createCase(ctx, {
      title: 'Bench case',
      party: { name: 'Acme Support', role: 'provider' },
      member: { displayName: 'Priya' },
    }),
});
for (let i = 0; i <= CHANGES; i++) founded.replica.run((ctx) => postMessage(ctx, { text: `ping:${i}` }));
const envelopes = founded.replica.appliedEnvelopes();
const envelope = envelopes.at(-1) as Envelope;
const caseId = founded.genesis.caseId;
const key = envelope.hashHex;
const sealed = sealLogEntry(keyring, caseId, key, envelope.bytes);
const s = sodium();
const N = 3000;
const stage = (name: string, run: () => void) => line(name, cpu(run, N).cpu);
stage('prim.sign-envelope', () =>
  signEnvelope(
    {
      caseId: envelope.caseId,
      authorKey: envelope.authorKey,
      seq: envelope.seq,
      prev: envelope.prev,
      timestamp: envelope.timestamp,
      clients: envelope.clients,
      update: envelope.update,
    },
    founder.secretKey,
  ),
);
stage('prim.ed25519-sign', () => ed25519().sign(envelope.bytes, founder.secretKey));
stage('prim.ed25519-verify', () => verifyEnvelopeSignature(envelope));
stage('prim.blake2b-hash', () => s.crypto_generichash(32, envelope.bytes, null));
stage('prim.seal', () => sealLogEntry(keyring, caseId, key, envelope.bytes));
stage('prim.open', () => openLogEntry(keyring, caseId, key, sealed));
stage('prim.decode-envelope', () => decodeEnvelope(envelope.bytes));
stage('prim.to_hex', () => s.to_hex(envelope.hash));
stage('prim.Y.decodeUpdate', () => Y.decodeUpdate(envelope.update));
const own = new Set(envelope.clients.map((c) => c.clientId));
const before = new Y.Doc({ gc: false });
for (const e of envelopes.slice(0, -1)) Y.applyUpdate(before, e.update);
stage('prim.inspect-update', () => inspectUpdate(before, envelope.update, own));
line('envelope.bytes', envelope.bytes.length, 'bytes');
