/**
 * SLA state of real signed replicas: two peers whose clocks are skewed by minutes compute
 * identical states from the same log; escalations become signed events whose ref carries the
 * firing key, fire once, and fold concurrent duplicates.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  postMessage,
  selectCase,
  selectMessages,
  selectTopics,
  setStatus,
} from '../../../shared/contract/index';
import { escalate, escalationRef, MAX_REF_LENGTH } from '../../../shared/sla/adapter-escalation';
import { type CaseSlaState, ReplicaSlaTracker } from '../../../shared/sla/from-replica';
import { ready } from '../signed/fixtures';
import { advance, MINUTE, type ReplicaWorld, replicaWorld, T0 } from './replica-world';

let world: ReplicaWorld | undefined;
beforeAll(ready);
afterEach(() => world?.destroy());

function stateOf(tracker: ReplicaSlaTracker, now: number): CaseSlaState {
  const result = tracker.evaluate(now);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const ok = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('two peers, clocks skewed by minutes', () => {
  it('compute identical SLA states from the same log', () => {
    // The customer's clock runs 9 minutes ahead of the provider's.
    world = replicaWorld({ customerSkewMs: 9 * MINUTE });
    const { providerReplica: p, customerReplica: c } = world;
    advance(world, 4);
    ok(c.run((ctx) => postMessage(ctx, { text: 'Still black screen. Please hurry.' })));
    world.syncBoth();
    advance(world, 4);
    // Written 4 minutes after the customer's message, which the customer's clock puts 5 minutes later.
    ok(p.run((ctx) => postMessage(ctx, { text: 'Please send the diagnostic log.' })));
    advance(world, 26);
    ok(p.run((ctx) => setStatus(ctx, { status: 'waiting', waitingOn: world?.customerParty as string })));
    world.syncBoth();
    advance(world, 20);
    ok(c.run((ctx) => setStatus(ctx, { status: 'in-progress' })));
    world.syncBoth();

    const atProvider = new ReplicaSlaTracker(p);
    const atCustomer = new ReplicaSlaTracker(c);
    for (const minutes of [0, 60, 90, 200, 400]) {
      const now = T0 + minutes * MINUTE;
      const a = stateOf(atProvider, now);
      const b = stateOf(atCustomer, now);
      expect(a.evaluation, `at +${minutes} min`).toEqual(b.evaluation);
      expect(a.firings).toEqual(b.firings);
    }
    const later = stateOf(atProvider, T0 + 400 * MINUTE).evaluation;
    const firstResponse = later.clocks.find((clock) => clock.id === 'first-response');
    // Met by the provider's reply 9 minutes after opening.
    expect(firstResponse).toMatchObject({ state: 'met', stoppedAt: T0 + 9 * MINUTE });
    const resolution = later.clocks.find((clock) => clock.id === 'resolution');
    expect(resolution?.pausedIntervals.length).toBe(1);
    // The customer's fast clock is clamped to the provider's reply, which builds on the message.
    expect(later.adjustedTimestamps).toContainEqual(
      expect.objectContaining({
        author: world.customer.id,
        signedAt: T0 + 14 * MINUTE,
        effectiveAt: T0 + 9 * MINUTE,
        rule: 'causal-ceiling',
      }),
    );
  });
});

describe('escalations as signed events', () => {
  it('fires a breach once, with the key as ref, raising priority and proposing the partner', () => {
    world = replicaWorld();
    const { providerReplica: p, customerReplica: c } = world;
    const trackerP = new ReplicaSlaTracker(p);
    const now = T0 + 300 * MINUTE; // resolution target is 240 minutes
    const before = stateOf(trackerP, now);
    const breach = before.pending.find((f) => f.ruleId === 'bump');
    expect(breach?.key).toBe('bump/resolution/breached/1');
    expect(before.pending.map((f) => f.key)).toContain('warn/first-response/at-risk/1');

    world.providerClock.set(now);
    const done = ok(p.run((ctx) => escalate(ctx, breach as NonNullable<typeof breach>, before.evaluation)));
    expect(done.ref).toBe('bump/resolution/breached/1');
    expect(done.performed).toEqual(['system-event', 'raise-priority:urgent', 'propose-partner:Contoso OS']);
    // One signed change carries all of it.
    const last = p.appliedEnvelopes().at(-1);
    expect(last?.author).toBe(world.provider.id);
    expect(selectCase(p.contract)?.priority).toBe('urgent');
    expect(selectTopics(p.contract).map((t) => t.title)).toContain(
      'Bring in Contoso OS: resolution target breached',
    );

    world.syncBoth();
    const trackerC = new ReplicaSlaTracker(c);
    const seen = stateOf(trackerC, now + MINUTE);
    expect(seen.recorded.map((r) => r.ref)).toContain('bump/resolution/breached/1');
    expect(seen.pending.map((f) => f.key)).not.toContain('bump/resolution/breached/1');
    const event = selectMessages(c.contract).find((m) => m.kind === 'system' && m.event === 'sla-breached');
    expect(event).toMatchObject({ ref: 'bump/resolution/breached/1', author: world.provider.id });

    // Firing the same key again is refused and writes nothing.
    const count = p.appliedEnvelopes().length;
    const again = p.run((ctx) => escalate(ctx, breach as NonNullable<typeof breach>, before.evaluation));
    expect(again.ok).toBe(false);
    expect(p.appliedEnvelopes().length).toBe(count);
  });

  it('folds two peers firing the same crossing concurrently into one escalation', () => {
    world = replicaWorld();
    const { providerReplica: p, customerReplica: c } = world;
    const now = T0 + 50 * MINUTE; // first response at risk after 45 minutes
    const firingP = stateOf(new ReplicaSlaTracker(p), now).pending.find((f) => f.ruleId === 'warn');
    const firingC = stateOf(new ReplicaSlaTracker(c), now);
    expect(firingC.pending.find((f) => f.ruleId === 'warn')).toEqual(firingP);
    ok(p.run((ctx) => escalate(ctx, firingP as NonNullable<typeof firingP>, firingC.evaluation)));
    ok(c.run((ctx) => escalate(ctx, firingP as NonNullable<typeof firingP>, firingC.evaluation)));
    world.syncBoth();
    for (const replica of [p, c]) {
      const state = stateOf(new ReplicaSlaTracker(replica), now);
      const warn = state.recorded.filter((r) => r.ref === 'warn/first-response/at-risk/1');
      expect(warn).toHaveLength(1);
      expect(warn[0]?.duplicates).toBe(1);
      expect(state.pending.some((f) => f.ruleId === 'warn')).toBe(false);
    }
    // Both peers keep the same first entry.
    const first = (replica: typeof p) =>
      stateOf(new ReplicaSlaTracker(replica), now).recorded.find(
        (r) => r.ref === 'warn/first-response/at-risk/1',
      )?.entry.id;
    expect(first(p)).toBe(first(c));
  });

  it('keeps refs within the contract limit for long rule ids', () => {
    const long = `${'r'.repeat(64)}/first-response/breached/12`;
    const ref = escalationRef(long);
    expect(ref.length).toBeLessThanOrEqual(MAX_REF_LENGTH);
    expect(ref).toMatch(/^sla~r+~[0-9a-f]{14}$/);
    expect(escalationRef(long)).toBe(ref);
    expect(escalationRef(`${'r'.repeat(64)}/first-response/breached/13`)).not.toBe(ref);
    expect(escalationRef('bump/resolution/breached/1')).toBe('bump/resolution/breached/1');
  });

  it('reports a case without terms or not yet arrived as typed errors', () => {
    world = replicaWorld({ terms: null });
    expect(new ReplicaSlaTracker(world.providerReplica).evaluate(T0)).toEqual({
      ok: false,
      error: { code: 'no-terms' },
    });
    const empty = new ReplicaSlaTracker({
      contract: world.providerReplica.contract,
      appliedEnvelopes: () => [],
    });
    expect(empty.evaluate(T0)).toEqual({ ok: false, error: { code: 'no-case' } });
  });
});
