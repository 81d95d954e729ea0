/**
 * Two (three) peers whose clocks are minutes apart sign events with their own clocks; every
 * peer receives the same signed log in a different order and must compute identical SLA
 * results (docs/sla-clock.md).
 */
import { describe, expect, it } from 'vitest';
import { evaluateEscalations } from '../../../shared/sla/escalation';
import { evaluateSla } from '../../../shared/sla/evaluate';
import type { SlaEvaluation, SlaEvent, SlaEventBody } from '../../../shared/sla/types';
import { TERMS, at, opened, reply, status } from './fixtures';
import { seeded } from './random';

const MINUTE = 60_000;
const SKEW = { customer: 7 * MINUTE, provider: -4 * MINUTE, partner: 2 * MINUTE };
type Peer = keyof typeof SKEW;

/** What happened, in real time; each event is stamped with its author's skewed clock. */
const happenings: [Peer, string, SlaEventBody, { author: Peer; seq: number }[]?][] = [
  ['customer', '09:00', opened()],
  ['provider', '09:03', reply()],
  ['provider', '09:30', status('waiting-on-customer')],
  ['customer', '11:00', status('open'), [{ author: 'provider', seq: 2 }]],
  [
    'provider',
    '11:10',
    {
      type: 'action',
      action: {
        id: 'diagnose',
        status: 'agreed',
        ownerRole: 'provider',
        dependsOn: [],
        due: { kind: 'within', minutes: 120 },
      },
    },
    [{ author: 'customer', seq: 2 }],
  ],
  ['partner', '11:20', { type: 'other' }, [{ author: 'provider', seq: 3 }]],
  [
    'partner',
    '11:25',
    {
      type: 'action',
      action: {
        id: 'chip',
        status: 'agreed',
        ownerRole: 'partner',
        dependsOn: ['diagnose'],
        due: { kind: 'within', minutes: 240 },
      },
    },
  ],
  [
    'provider',
    '13:00',
    {
      type: 'action',
      action: {
        id: 'diagnose',
        status: 'done',
        ownerRole: 'provider',
        dependsOn: [],
        due: { kind: 'within', minutes: 120 },
      },
    },
  ],
];

function signedLog(): SlaEvent[] {
  const seqs = new Map<string, number>();
  return happenings.map(([author, time, body, after]) => {
    const seq = (seqs.get(author) ?? 0) + 1;
    seqs.set(author, seq);
    return { ...body, author, seq, at: at(3, time) + SKEW[author], ...(after ? { after } : {}) } as SlaEvent;
  });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = seeded(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function evaluate(events: SlaEvent[], now: number): SlaEvaluation {
  const result = evaluateSla({ terms: TERMS, events, now });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** Everything in an evaluation that comes from the log alone, not from "now". */
function logDerived(evaluation: SlaEvaluation) {
  return evaluation.clocks.map(({ elapsedMinutes, remainingMinutes, state, phase, ...rest }) => rest);
}

describe('peers with clocks skewed by minutes', () => {
  const events = signedLog();

  it('compute identical results at the same instant, whatever order the log arrived in', () => {
    for (const real of ['09:20', '10:00', '11:05', '12:00', '13:30', '16:59']) {
      const now = at(3, real);
      const reference = evaluate(events, now);
      for (let seed = 1; seed <= 20; seed++)
        expect(evaluate(shuffled(events, seed), now), `${real} seed ${seed}`).toEqual(reference);
    }
  });

  it('agree on every due time, pause and crossing when each evaluates with its own clock', () => {
    for (const real of ['12:00', '13:30', '16:00']) {
      // The log as it stands at that real moment (each event happened before it).
      const happened = events.filter((_, i) => at(3, happenings[i]?.[1] ?? '24:00') <= at(3, real));
      const views = (Object.keys(SKEW) as Peer[]).map((peer, i) =>
        evaluate(shuffled(happened, i + 100), at(3, real) + SKEW[peer]),
      );
      const [first, ...others] = views as [SlaEvaluation, ...SlaEvaluation[]];
      for (const view of others) {
        expect(logDerived(view)).toEqual(logDerived(first));
        expect(view.clocks.map((c) => c.state)).toEqual(first.clocks.map((c) => c.state));
        expect(view.adjustedTimestamps).toEqual(first.adjustedTimestamps);
        expect(evaluateEscalations(TERMS, view).map((f) => [f.key, f.crossedAt])).toEqual(
          evaluateEscalations(TERMS, first).map((f) => [f.key, f.crossedAt]),
        );
      }
    }
  });

  it("clamps a fast clock's timestamps to the events written after seeing them", () => {
    const evaluation = evaluate(events, at(3, '16:00'));
    // The customer's clock (+7 min) put the opening after the provider's reply (−4 min).
    expect(evaluation.adjustedTimestamps).toEqual([
      {
        author: 'customer',
        seq: 1,
        signedAt: at(3, '09:07'),
        effectiveAt: at(3, '08:59'),
        rule: 'causal-ceiling',
      },
      {
        author: 'customer',
        seq: 2,
        signedAt: at(3, '11:07'),
        effectiveAt: at(3, '11:06'),
        rule: 'causal-ceiling',
      },
    ]);
    const firstResponse = evaluation.clocks.find((c) => c.id === 'first-response');
    expect(firstResponse).toMatchObject({
      state: 'met',
      startedAt: at(3, '08:59'),
      stoppedAt: at(3, '08:59'),
      elapsedMinutes: 0,
    });
    const resolution = evaluation.clocks.find((c) => c.id === 'resolution');
    expect(resolution?.pausedIntervals).toEqual([
      { from: at(3, '09:26'), to: at(3, '11:06'), status: 'waiting-on-customer' },
    ]);
    // The partner's action started when the provider's "done" (12:56 on its clock) arrived.
    expect(evaluation.clocks.find((c) => c.id === 'action:chip')).toMatchObject({
      startedAt: at(3, '12:56'),
      phase: 'running',
    });
  });

  it("never lets an author's clock run backwards, and never lets the future count yet", () => {
    const jumpBack: SlaEvent[] = [
      ...events,
      { type: 'status', status: 'in-progress', author: 'customer', seq: 3, at: at(3, '10:00') },
    ];
    expect(evaluate(jumpBack, at(3, '16:00')).adjustedTimestamps).toContainEqual({
      author: 'customer',
      seq: 3,
      signedAt: at(3, '10:00'),
      effectiveAt: at(3, '11:07'), // its previous event's signed time (rule 1 comes before rule 2)
      rule: 'author-order',
    });
    // A peer whose clock is behind sees the customer's 11:07 event "from the future" at 11:03.
    const behind = evaluate(events.slice(0, 4), at(3, '11:03'));
    expect(behind.adjustedTimestamps).toContainEqual({
      author: 'customer',
      seq: 2,
      signedAt: at(3, '11:07'),
      effectiveAt: at(3, '11:03'),
      rule: 'not-after-now',
    });
    expect(behind.status).toBe('open');
  });
});
