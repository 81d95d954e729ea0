/**
 * The app's SLA logic without a browser: the test clock, the words, the per-case evaluation over
 * a real signed replica, alerts on at-risk / breach / new proposal, and the escalations the app
 * signs (never under a test clock).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postMessage, proposeChange, selectMessages } from '../../../shared/contract/index';
import { caseSla } from '../../../renderer/src/sla/case-sla';
import { type Alert, alertsFor } from '../../../renderer/src/sla/sla-alerts';
import { checkCases, newWatchState } from '../../../renderer/src/sla/sla-watch';
import { remainingWords, worstClock } from '../../../renderer/src/sla/sla-words';
import { appNow, readTestClock, TEST_CLOCK_KEY } from '../../../renderer/src/sla/test-clock';
import { compareTimeToBreach, inboxSla } from '../../../renderer/src/sla/use-inbox-sla';
import type { CaseReplica } from '../../../shared/signed/replica';
import { ready } from '../../shared/signed/fixtures';
import { advance, MINUTE, type ReplicaWorld, replicaWorld, T0 } from '../../shared/sla/replica-world';
import { ReplicaSession } from './replica-session';

let world: ReplicaWorld | undefined;
beforeAll(ready);
afterEach(() => world?.destroy());

const storage = (value: string | null) => ({
  getItem: (key: string) => (key === TEST_CLOCK_KEY ? value : null),
});

describe('test clock', () => {
  it('is the device clock unless a fixed instant or an offset is set; junk is ignored', () => {
    expect(appNow(storage(null), () => 5)).toEqual({ now: 5, test: false });
    expect(appNow(storage('{"at": 1717405200000}'), () => 5)).toEqual({ now: 1717405200000, test: true });
    expect(appNow(storage('{"offsetMs": 60000}'), () => 5)).toEqual({ now: 60005, test: true });
    expect(readTestClock(storage('not json'))).toBeNull();
    expect(readTestClock(storage('{"at": "soon"}'))).toBeNull();
    expect(appNow(undefined, () => 7)).toEqual({ now: 7, test: false });
  });
});

describe('words', () => {
  it('counts down seconds under an hour and says overdue after the due time', () => {
    expect(remainingWords(12.5)).toBe('12:30 left');
    expect(remainingWords(0.25)).toBe('0:15 left');
    expect(remainingWords(65)).toBe('1 h 05 min left');
    expect(remainingWords(3 * 1440 + 120)).toBe('3 d 2 h left');
    expect(remainingWords(-35)).toBe('35:00 overdue');
    expect(remainingWords(null)).toBe('not started');
  });
});

describe('a case in the app', () => {
  it('evaluates from the signed log, and the inbox sorts by time to breach', () => {
    world = replicaWorld();
    const session = new ReplicaSession(world.providerReplica);
    const early = caseSla(session, T0 + 10 * MINUTE);
    if (!early.ok) throw new Error(JSON.stringify(early.error));
    expect(worstClock(early.value.evaluation.clocks)?.id).toBe('first-response');
    const late = caseSla(session, T0 + 70 * MINUTE);
    expect(late.ok && worstClock(late.value.evaluation.clocks)?.state).toBe('breached');
    const rows = inboxSla([session], T0 + 70 * MINUTE);
    expect(rows.get(session.caseId)?.minutesToBreach).toBeCloseTo(-10, 5);
    expect(compareTimeToBreach(rows.get(session.caseId), undefined)).toBeLessThan(0);
    // A session without a signed log shows no clocks rather than guessing.
    expect(caseSla({ caseId: 'x', me: 'y', snapshot: () => session.snapshot() }, T0)).toEqual({
      ok: false,
      error: { code: 'no-signed-log' },
    });
  });

  it('alerts once on at-risk and breach, and on a proposal waiting for my answer', () => {
    world = replicaWorld();
    const provider = new ReplicaSession(world.providerReplica);
    const customer = new ReplicaSession(world.customerReplica);
    // Two devices, each with its own watcher.
    const states = [newWatchState(), newWatchState()];
    const shown: (Alert & { device: string })[] = [];
    const pass = (minutes: number, test = true) => {
      for (const [i, session] of [provider, customer].entries()) {
        const device = i === 0 ? 'provider' : 'customer';
        const state = states[i] as ReturnType<typeof newWatchState>;
        checkCases([session], { now: T0 + minutes * MINUTE, test }, state, (a) =>
          shown.push({ ...a, device }),
        );
      }
    };

    pass(10); // first look: baseline only
    expect(shown).toEqual([]);
    pass(50);
    expect(shown.map((a) => [a.kind, a.title])).toEqual([
      ['sla-at-risk', 'SLA at risk: First response'],
      ['sla-at-risk', 'SLA at risk: First response'],
    ]);
    pass(51); // nothing new
    expect(shown).toHaveLength(2);

    advance(world, 60);
    const proposed = world.providerReplica.run((ctx) =>
      proposeChange(ctx, {
        changes: [
          {
            kind: 'add-action',
            action: { title: 'Send the diagnostic log', party: world?.customerParty as string },
          },
        ],
        note: 'We need the log to go on',
      }),
    );
    expect(proposed.ok).toBe(true);
    world.syncBoth();
    pass(70);
    const kinds = shown.slice(2).map((a) => `${a.device} ${a.kind}:${a.tone}`);
    expect(kinds.sort()).toEqual([
      'customer proposal:info',
      'customer sla-breached:danger',
      'provider sla-breached:danger',
    ]);
    const proposal = shown.find((a) => a.kind === 'proposal');
    expect(proposal?.title).toBe('New proposal from Northwind PCs');
    expect(proposal?.body).toContain('We need the log to go on');

    // Under a test clock nothing is signed.
    expect(
      selectMessages(world.providerReplica.contract).some(
        (m) => m.kind === 'system' && m.event === 'sla-at-risk',
      ),
    ).toBe(false);
  });

  it('signs the due escalations from the provider side only, once', () => {
    world = replicaWorld();
    const provider = new ReplicaSession(world.providerReplica);
    const customer = new ReplicaSession(world.customerReplica);
    const state = newWatchState();
    world.providerClock.set(T0 + 300 * MINUTE);
    world.customerClock.set(T0 + 300 * MINUTE);
    for (let i = 0; i < 3; i++)
      checkCases([provider, customer], { now: T0 + 300 * MINUTE, test: false }, state, () => undefined);
    world.syncBoth();
    const providerId = world.provider.id;
    const events = (replica: CaseReplica) =>
      selectMessages(replica.contract)
        .filter((m) => m.kind === 'system' && (m.event === 'sla-at-risk' || m.event === 'sla-breached'))
        .map((m) =>
          m.kind === 'system' ? `${m.author === providerId ? 'provider' : 'customer'} ${m.ref}` : '',
        );
    expect(events(world.customerReplica).sort()).toEqual([
      'provider bump/resolution/breached/1',
      'provider warn/first-response/at-risk/1',
    ]);
    expect(caseSla(customer, T0 + 300 * MINUTE).ok && caseSla(customer, T0 + 300 * MINUTE)).toMatchObject({
      value: { pending: [] },
    });
  });

  it('re-evaluates a case only when it changed, time went back, or its next crossing came', () => {
    world = replicaWorld();
    const inner = new ReplicaSession(world.providerReplica);
    let evaluations = 0;
    const replica = {
      appliedEnvelopes: () => {
        evaluations++;
        return world?.providerReplica.appliedEnvelopes() ?? [];
      },
    };
    const session = {
      caseId: inner.caseId,
      me: inner.me,
      replica,
      snapshot: () => inner.snapshot(),
      run: inner.run.bind(inner),
    };
    const state = newWatchState();
    const pass = (minutes: number) =>
      checkCases([session], { now: T0 + minutes * MINUTE, test: true }, state, () => undefined);
    pass(10);
    const first = evaluations;
    expect(first).toBeGreaterThan(0);
    pass(20);
    pass(44); // first response at risk at 45 minutes: nothing to look at before
    expect(evaluations).toBe(first);
    pass(46);
    expect(evaluations).toBeGreaterThan(first);
    const second = evaluations;
    pass(30); // the test clock went back
    expect(evaluations).toBeGreaterThan(second);
    const third = evaluations;
    world.providerReplica.run((ctx) => postMessage(ctx, { text: 'On it' }));
    pass(31); // the case changed
    expect(evaluations).toBeGreaterThan(third);
  });

  it('baseline: the first look at an already breached case announces nothing', () => {
    world = replicaWorld();
    world.providerReplica.run((ctx) => postMessage(ctx, { text: 'hello' }));
    const session = new ReplicaSession(world.providerReplica);
    const result = caseSla(session, T0 + 500 * MINUTE);
    const first = alertsFor(
      session.caseId,
      session.snapshot(),
      session.me,
      result.ok ? result.value : null,
      undefined,
    );
    expect(first.alerts).toEqual([]);
    expect([...first.baseline.clocks.values()]).toContain('breached');
  });
});
