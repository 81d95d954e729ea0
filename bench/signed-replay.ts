/**
 * Signed changes (issue 4): envelopes signed per second, and replay of a 10,000-change case from
 * its sealed log (open + decode + signature/chain + rights + apply) next to plain Yjs applying the
 * same 10,000 updates unsigned to a fresh document, in the same run.
 * Targets: signed replay >= 10,000 changes/s and within 5x of plain Yjs.
 *
 * The case: a provider founds it and adds a colleague; the two then alternate realistic commands
 * (messages, summary typing bursts, own actions proposed and progressed). One change = one
 * command = one envelope.
 */
import { cpus, loadavg } from 'node:os';
import * as Y from 'yjs';
import { addMember, createCase, postMessage, proposeChange, setActionStatus } from '../shared/contract/index';
import { sodiumReady } from '../shared/crypto/sodium';
import { identityFromSeed } from '../shared/identity/identity';
import { CaseKeyring, caseKeyFromBytes } from '../shared/signed/case-key';
import { signEnvelope } from '../shared/signed/envelope';
import { foundCase } from '../shared/signed/found';
import type { CaseGenesis } from '../shared/signed/genesis';
import { CaseReplica } from '../shared/signed/replica';
import { TYPING_ORIGIN } from '../shared/signed/signer';

const CHANGES = 10_000;
const TARGET_RATE = 10_000;
const TARGET_RATIO = 5;

await sodiumReady();
const person = (seed: number, name: string) => {
  const made = identityFromSeed(new Uint8Array(32).fill(seed), name, 'Acme Support');
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
};
const priya = person(1, 'Priya');
const pat = person(2, 'Pat');
const keyring = new CaseKeyring(caseKeyFromBytes(new Uint8Array(32).fill(7)));
let clock = 1_750_000_000_000;
let ids = 0;
const now = () => (clock += 1500);
const newId = () => `i${(ids++).toString(36)}`;

interface BuiltCase {
  readonly genesis: CaseGenesis;
  readonly buildMs: number;
  readonly count: number;
  readonly updates: Uint8Array[];
  readonly logUpdate: Uint8Array;
}

function buildCase(): BuiltCase {
  const founded = foundCase({
    identity: priya,
    keyring,
    now,
    newId,
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
  const b = new CaseReplica({ genesis: founded.genesis, keyring, identity: pat, now, newId });
  const exchange = (from: CaseReplica, to: CaseReplica) =>
    Y.applyUpdate(to.log, Y.encodeStateAsUpdate(from.log, Y.encodeStateVector(to.log)));
  exchange(a, b);

  // Build the case: alternate authors every 50 changes, exchanging logs in between.
  const started = performance.now();
  const actions: string[] = [];
  let writer = a;
  while (a.applied().length < CHANGES) {
    const n = a.applied().length;
    if (n % 50 === 0) {
      exchange(writer, writer === a ? b : a);
      writer = writer === a ? b : a;
    }
    const kind = n % 10;
    if (kind < 6) {
      writer.run((ctx) =>
        postMessage(ctx, { text: `Update ${n}: checked the BIOS log, rebooted, still no POST beep.` }),
      );
    } else if (kind < 8) {
      const text = writer.contract.getText('summary');
      for (const char of ` step ${n}.`)
        writer.contract.transact(() => text.insert(text.length, char), TYPING_ORIGIN);
      writer.flush();
    } else if (kind === 8 || actions.length === 0) {
      const id = newId();
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
    if (writer !== a) exchange(writer, a);
  }
  exchange(a, b);
  exchange(b, a);
  const buildMs = performance.now() - started;
  const refused = a.quarantine().refused.length + b.quarantine().refused.length;
  if (refused > 0) throw new Error(`${refused} envelopes were refused while building the case`);
  const envelopes = a.appliedEnvelopes();
  const result = {
    genesis: founded.genesis,
    buildMs,
    count: envelopes.length,
    updates: envelopes.map((e) => e.update.slice()),
    logUpdate: Y.encodeStateAsUpdate(a.log),
  };
  a.destroy();
  b.destroy();
  return result;
}

// Built in its own scope so the two writing replicas are garbage before anything is measured.
const built = buildCase();
const { genesis, updates, logUpdate } = built;
(globalThis as { gc?: () => void }).gc?.();
const out = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ name, value: Math.round(value), unit, ...extra }));

out('signed-case-build', built.count / (built.buildMs / 1000), 'changes/s', {
  note: 'contract command + Yjs + sign + seal + verify on the other peer',
});

// Pure signing: the same updates re-signed into a fresh chain.
{
  const t0 = performance.now();
  let prev: Uint8Array = new Uint8Array(32);
  for (let i = 0; i < updates.length; i++) {
    const e = signEnvelope(
      {
        caseId: genesis.caseId,
        authorKey: priya.publicKey,
        seq: i + 1,
        prev,
        timestamp: clock,
        clients: [],
        update: updates[i] as Uint8Array,
      },
      priya.secretKey,
    );
    prev = e.hash;
  }
  out('envelopes-signed', updates.length / ((performance.now() - t0) / 1000), 'envelopes/s');
}

const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;

function plainYjs(): number {
  const t0 = performance.now();
  const doc = new Y.Doc({ gc: false });
  for (const update of updates) Y.applyUpdate(doc, update);
  return performance.now() - t0;
}

function signedReplay(): { ms: number; applied: number } {
  const t0 = performance.now();
  const log = new Y.Doc();
  Y.applyUpdate(log, logUpdate);
  const replica = new CaseReplica({ genesis, keyring, log });
  const ms = performance.now() - t0;
  return { ms, applied: replica.applied().length };
}

plainYjs();
signedReplay();
// Rounds alternate plain and signed so both see the same machine load. The median is the figure;
// the best round is printed too, since shared CI machines make single rounds noisy.
const plain: number[] = [];
const signed: number[] = [];
for (let round = 0; round < 7; round++) {
  plain.push(plainYjs());
  const replay = signedReplay();
  if (replay.applied !== built.count) throw new Error(`replay applied ${replay.applied} of ${built.count}`);
  signed.push(replay.ms);
}
const rate = (ms: number) => built.count / (ms / 1000);
const plainRate = rate(median(plain));
const signedRate = rate(median(signed));
const load = loadavg()[0]?.toFixed(1);
out('plain-yjs-apply', plainRate, 'changes/s', {
  changes: built.count,
  best: Math.round(rate(Math.min(...plain))),
});
out('signed-replay', signedRate, 'changes/s', {
  changes: built.count,
  best: Math.round(rate(Math.min(...signed))),
  baseline: Math.round(plainRate),
  ratio: Number((plainRate / signedRate).toFixed(2)),
  bestRatio: Number((rate(Math.min(...plain)) / rate(Math.min(...signed))).toFixed(2)),
  target: `>= ${TARGET_RATE}/s and ratio <= ${TARGET_RATIO}`,
  met: signedRate >= TARGET_RATE && plainRate / signedRate <= TARGET_RATIO,
  loadavg: Number(load),
  cpus: cpus().length,
});
