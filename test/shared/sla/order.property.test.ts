/**
 * Property test of the clock-skew rule's two paths (shared/sla/order.ts): for logs in which no
 * event names another in `after`, the short path (author chains and the opening only) must give
 * exactly what the pass over every edge gives — effective times, order, adjusted timestamps and
 * errors — on random logs: several authors with skewed and backwards clocks, the opener's own
 * envelopes before the opening, arrival in any order, repeated sequence numbers, any `now`.
 * Seeded; SLA_PROPERTY_SEED replays a failure.
 */
import { describe, expect, it } from 'vitest';
import { orderEvents } from '../../../shared/sla/order';
import type { SlaEvent, SlaEventBody } from '../../../shared/sla/types';
import { int, pick, propertySeed, seeded } from './random';
import type { Rng } from './random';

const MINUTE = 60_000;
const SEED = propertySeed(4_242);
const BASE = Date.UTC(2026, 2, 2, 9, 0);
const BODIES: SlaEventBody[] = [
  { type: 'reply', role: 'provider', public: true },
  { type: 'status', status: 'waiting-on-customer' },
  { type: 'priority', priority: 'high' },
  { type: 'other' },
];

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(rng, 0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** A random log: one opening, events by up to 20 authors (some with the same id prefix). */
function randomLog(rng: Rng): SlaEvent[] {
  const authors = Array.from({ length: int(rng, 1, pick(rng, [3, 6, 20])) }, (_, n) =>
    pick(rng, [`a${n}`, `a${n}x`, `${n}`, `b${20 - n}`]),
  );
  const seqs = new Map<string, number>();
  const skew = new Map(authors.map((author) => [author, int(rng, -90, 90) * MINUTE]));
  const events: SlaEvent[] = [];
  const opener = authors[0] as string;
  const openAt = int(rng, 0, 3);
  let real = BASE;
  for (let n = int(rng, 1, 40); n >= 0; n--) {
    const author = events.length === openAt ? opener : pick(rng, authors);
    const seq = (seqs.get(author) ?? int(rng, 0, 2)) + pick(rng, [1, 1, 1, 2]);
    seqs.set(author, seq);
    real += int(rng, 0, 120) * MINUTE;
    // Clocks skew, and sometimes jump backwards or repeat a timestamp.
    const at = Math.max(
      0,
      real + (skew.get(author) as number) - (rng() < 0.1 ? int(rng, 1, 300) * MINUTE : 0),
    );
    const body: SlaEventBody =
      events.length === openAt ? { type: 'opened', status: 'open', priority: 'normal' } : pick(rng, BODIES);
    events.push({ ...body, author, seq, at } as SlaEvent);
  }
  if (rng() < 0.05 && events.length > 1) {
    const copy = events[int(rng, 0, events.length - 1)] as SlaEvent;
    events.push({ ...copy, at: copy.at + MINUTE } as SlaEvent);
  }
  return shuffle(rng, events);
}

/** A result with its events named by (author, seq), for logs whose event objects differ. */
function keyed(result: ReturnType<typeof orderEvents>): unknown {
  if (!result.ok) return result;
  return { ...result, events: result.events.map((event) => `${event.author}/${event.seq}`) };
}

describe(`clock-skew rule: short path vs every edge (seed ${SEED})`, () => {
  it('agrees on effective times, order, adjustments and errors for logs without `after`', () => {
    const rng = seeded(SEED);
    let shortPaths = 0;
    for (let run = 0; run < 3000; run++) {
      const events = randomLog(rng);
      const now = BASE + int(rng, 0, 3000) * MINUTE;
      const short = orderEvents(events, now);
      const general = orderEvents(events, now, true);
      expect(short, `run ${run}`).toEqual(general);
      if (short.ok) shortPaths++;
    }
    expect(shortPaths).toBeGreaterThan(2500);
  });

  it('ignores `after` references to envelopes it was not given, as if absent', () => {
    const rng = seeded(SEED + 1);
    for (let run = 0; run < 500; run++) {
      const events = randomLog(rng);
      const now = BASE + int(rng, 0, 3000) * MINUTE;
      const dangling = events.map((event) => ({ ...event, after: [{ author: 'nobody', seq: 1 }] }));
      expect(keyed(orderEvents(dangling, now)), `run ${run}`).toEqual(keyed(orderEvents(events, now)));
    }
  });
});
