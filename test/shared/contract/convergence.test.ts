/**
 * Property: three peers apply random interleavings of commands by different actors and exchange
 * their updates in random orders (partial, shuffled, delayed deliveries); once everything is
 * delivered, all three project to identical selector output and identical terms hash. Every
 * refused command must also have left its document untouched. The seed is printed on failure.
 */
import { beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { selectContract, termsHashOf } from '../../../shared/contract';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { makeCtx, scenario } from './helpers';
import { Dice, prng, randomCommand } from './random-commands';

const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 300);
const FIRST_SEED = Number(process.env.CONVERGENCE_SEED ?? 1);
const STEPS = 60;

beforeAll(async () => {
  await sodiumReady();
});

function runOnce(seed: number): { applied: number; refused: number } {
  const d = new Dice(prng(seed));
  const s = scenario();
  const docs = [s.doc, new Y.Doc(), new Y.Doc()];
  for (const doc of docs.slice(1)) Y.applyUpdate(doc, Y.encodeStateAsUpdate(s.doc));
  // Each peer is one organisation's device: the customer's (Alice, and the observer Dave reading
  // along), the provider's (Bob) and the partner's (Carol). Clocks differ per peer on purpose.
  const actors = [[s.alice.actor, s.dave.actor], [s.bob.actor], [s.carol.actor]];
  const ctxs = docs.map((doc, i) =>
    (actors[i] ?? []).map((a, j) =>
      makeCtx(doc, a, { idPrefix: `p${i}${j}s${seed}`, start: Date.UTC(2024, 2, 5) + i * 7_000 }),
    ),
  );
  // inbox[dst] holds updates produced at other peers, not yet delivered to dst.
  const inbox: Uint8Array[][] = docs.map(() => []);
  let emitted = 0;
  docs.forEach((doc, src) => {
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      emitted++;
      docs.forEach((_, dst) => {
        if (dst !== src) inbox[dst]?.push(u);
      });
    });
  });
  const deliver = (dst: number, all: boolean): void => {
    const box = inbox[dst] ?? [];
    d.shuffle(box);
    const n = all ? box.length : d.int(box.length + 1);
    for (const u of box.splice(0, n)) Y.applyUpdate(docs[dst] as Y.Doc, u, 'remote');
  };
  let applied = 0;
  let refused = 0;
  for (let step = 0; step < STEPS; step++) {
    if (d.chance(0.3)) deliver(d.int(3), false);
    const peer = d.int(3);
    const ctx = d.pick(ctxs[peer] ?? []);
    if (!ctx) continue;
    const before = emitted;
    const r = randomCommand(d, ctx);
    if (r.ok) applied++;
    else {
      refused++;
      expect(emitted, `refused ${r.error} wrote to the document`).toBe(before);
    }
  }
  for (let i = 0; i < 3; i++) for (const dst of d.shuffle([0, 1, 2])) deliver(dst, true);
  const snapshots = docs.map((doc) => JSON.stringify(selectContract(doc)));
  const hashes = docs.map((doc) => termsHashOf(doc));
  expect(snapshots[1]).toBe(snapshots[0]);
  expect(snapshots[2]).toBe(snapshots[0]);
  expect(hashes[1]).toBe(hashes[0]);
  expect(hashes[2]).toBe(hashes[0]);
  return { applied, refused };
}

// Chunks keep each test well inside the per-test timeout on a loaded machine.
const CHUNK = 50;
for (let first = FIRST_SEED; first < FIRST_SEED + RUNS; first += CHUNK) {
  const last = Math.min(first + CHUNK, FIRST_SEED + RUNS) - 1;
  test(`seeds ${first}–${last} converge to identical selectors and terms hash`, { timeout: 120_000 }, () => {
    let applied = 0;
    let refused = 0;
    const started = Date.now();
    for (let seed = first; seed <= last; seed++) {
      try {
        const r = runOnce(seed);
        applied += r.applied;
        refused += r.refused;
      } catch (e) {
        console.error(
          `convergence failed for seed ${seed}; rerun with CONVERGENCE_SEED=${seed} CONVERGENCE_RUNS=1`,
        );
        throw e;
      }
    }
    const runs = last - first + 1;
    console.log(
      `convergence seeds ${first}–${last}: ${applied} applied, ${refused} refused commands, ${Date.now() - started} ms`,
    );
    // The generator must exercise both paths substantially, or the property says little.
    expect(applied).toBeGreaterThan(runs * 8);
    expect(refused).toBeGreaterThan(runs * 4);
  });
}
