/**
 * The inbox of the SLA benchmark (bench/sla.ts), shared by its Node and Chromium runs; no Node
 * APIs, so it bundles for the browser. Cases use three realistic calendars (Berlin office, New
 * York office, a 24/7 airline desk), were opened over the last 60 days, and carry 5–40 signed
 * events each: replies, pauses, priority changes, actions with dependencies. Seeded: every run
 * and both runtimes evaluate the same cases.
 */
import type { SlaTerms } from '../shared/contract/sla-terms';
import { evaluateSla, minutesToBreach } from '../shared/sla/evaluate';
import type { SlaEvent } from '../shared/sla/types';

const MINUTE = 60_000;

let state = 42;
const rand = (): number => {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return state / 2_147_483_648;
};
const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

const office = [
  { start: 8 * 60, end: 12 * 60 },
  { start: 13 * 60, end: 17 * 60 + 30 },
];
const weekdays = [[], office, office, office, office, office, []];
const base: Omit<SlaTerms, 'calendar'> = {
  targets: [
    { id: 'fr-u', kind: 'first-response', priority: 'urgent', minutes: 30, committedBy: 'provider' },
    { id: 'fr-h', kind: 'first-response', priority: 'high', minutes: 60, committedBy: 'provider' },
    { id: 'fr-n', kind: 'first-response', priority: 'normal', minutes: 240, committedBy: 'provider' },
    { id: 'fr-l', kind: 'first-response', priority: 'low', minutes: 480, committedBy: 'provider' },
    { id: 'res-u', kind: 'resolution', priority: 'urgent', minutes: 240, committedBy: 'provider' },
    { id: 'res-h', kind: 'resolution', priority: 'high', minutes: 960, committedBy: 'provider' },
    { id: 'res-n', kind: 'resolution', priority: 'normal', minutes: 2400, committedBy: 'provider' },
    { id: 'res-l', kind: 'resolution', priority: 'low', minutes: 4800, committedBy: 'provider' },
    {
      id: 'res-pet',
      kind: 'resolution',
      priority: 'urgent',
      category: 'lost pet',
      minutes: 120,
      committedBy: 'provider',
    },
  ],
  pausedStatuses: ['waiting-on-customer', 'waiting-on-partner'],
  atRiskThreshold: 0.75,
  escalations: [
    {
      id: 'notify',
      targetKind: 'resolution',
      on: 'at-risk',
      steps: [{ kind: 'notify', roles: ['provider'] }],
    },
    {
      id: 'raise',
      targetKind: 'resolution',
      on: 'breached',
      steps: [{ kind: 'raise-priority', to: 'urgent' }],
    },
  ],
};
const calendars: SlaTerms['calendar'][] = [
  {
    timeZone: 'Europe/Berlin',
    week: weekdays,
    holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01'],
  },
  {
    timeZone: 'America/New_York',
    week: weekdays,
    holidays: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25'],
  },
  { timeZone: 'UTC', week: Array.from({ length: 7 }, () => [{ start: 0, end: 1440 }]), holidays: [] },
];

export const BENCH_NOW = Date.UTC(2026, 2, 20, 14, 0);
const now = BENCH_NOW;
const priorities = ['low', 'normal', 'normal', 'high', 'urgent'] as const;
const statuses = ['in-progress', 'waiting-on-customer', 'in-progress', 'waiting-on-partner', 'negotiating'];

function makeCase(index: number): { terms: SlaTerms; events: SlaEvent[] } {
  const terms = { ...base, calendar: calendars[index % calendars.length] as SlaTerms['calendar'] };
  const customer = `cust-${index}`;
  const agent = `agent-${index % 17}`;
  const partner = `partner-${index % 5}`;
  const seqs = new Map<string, number>();
  const events: SlaEvent[] = [];
  const push = (author: string, at: number, body: Record<string, unknown>): void => {
    const seq = (seqs.get(author) ?? 0) + 1;
    seqs.set(author, seq);
    events.push({ ...body, author, seq, at } as SlaEvent);
  };
  let t = now - int(60, 60 * 24 * 60) * MINUTE;
  push(customer, t, {
    type: 'opened',
    status: 'open',
    priority: priorities[int(0, 4)],
    category: index % 9 === 0 ? 'lost pet' : 'general',
  });
  const actions = int(0, 4);
  for (let n = int(5, 40); n > 0 && t < now - MINUTE; n--) {
    t = Math.min(now - MINUTE, t + int(1, 600) * MINUTE);
    const roll = rand();
    if (roll < 0.3)
      push(rand() < 0.6 ? agent : customer, t, {
        type: 'reply',
        role: rand() < 0.6 ? 'provider' : 'customer',
        public: rand() < 0.9,
      });
    else if (roll < 0.6) push(agent, t, { type: 'status', status: statuses[int(0, statuses.length - 1)] });
    else if (roll < 0.65) push(agent, t, { type: 'priority', priority: priorities[int(0, 4)] });
    else if (roll < 0.9 && actions > 0) {
      const id = `a${int(1, actions)}`;
      const depends = id === 'a1' ? [] : [`a${int(1, Number(id.slice(1)) - 1)}`];
      const status = ['agreed', 'in-progress', 'done', 'agreed'][int(0, 3)];
      const due =
        rand() < 0.5
          ? { kind: 'within', minutes: int(60, 2400) }
          : { kind: 'at', at: t + int(1, 14) * 24 * 60 * MINUTE };
      push(rand() < 0.5 ? agent : partner, t, {
        type: 'action',
        action: { id, status, ownerRole: rand() < 0.7 ? 'provider' : 'partner', dependsOn: depends, due },
      });
    } else push(customer, t, { type: 'other' });
  }
  if (rand() < 0.3) push(agent, Math.min(now, t + MINUTE), { type: 'status', status: 'resolved' });
  return { terms, events };
}

export type InboxCase = ReturnType<typeof makeCase>;

/** The benchmark's inbox: `count` cases, the same for a given count. */
export function makeInbox(count: number): InboxCase[] {
  state = 42;
  return Array.from({ length: count }, (_, i) => makeCase(i));
}

/** What the inbox does on every tick: evaluate each case and sort by time to breach. */
export function inboxPass(cases: readonly InboxCase[], at: number): number[] {
  const order: [number, number][] = [];
  for (let i = 0; i < cases.length; i++) {
    const { terms, events } = cases[i] as InboxCase;
    const result = evaluateSla({ terms, events, now: at });
    if (!result.ok) throw new Error(`case ${i}: ${JSON.stringify(result.error)}`);
    order.push([minutesToBreach(result.value), i]);
  }
  order.sort((a, b) => a[0] - b[0]);
  return order.map(([, i]) => i);
}

/** One cold pass, then the median of 15 warm ones (wall ms), timed with `clock`. */
export function timeInbox(cases: readonly InboxCase[], clock: () => number): { cold: number; warm: number } {
  const time = (at: number) => {
    const started = clock();
    inboxPass(cases, at);
    return clock() - started;
  };
  const cold = time(BENCH_NOW);
  const warm = Array.from({ length: 15 }, (_, pass) => time(BENCH_NOW + (pass + 1) * 1000)).sort(
    (a, b) => a - b,
  );
  return { cold, warm: warm[7] as number };
}
