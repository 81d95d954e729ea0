/**
 * The adapter from a verified case (real signed replicas) to SLA events: what each signed change
 * becomes, canonical replay independent of arrival order, and incremental updates.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accept,
  postMessage,
  proposeChange,
  setCategory,
  setPriority,
  setStatus,
} from '../../../shared/contract/index';
import type { Envelope } from '../../../shared/signed/envelope';
import {
  EVENTS_PER_ENVELOPE,
  envelopeSeqOf,
  SlaEventLog,
  slaEventsFromChanges,
} from '../../../shared/sla/adapter';
import { slaEventsOfReplica } from '../../../shared/sla/from-replica';
import type { SlaEvent } from '../../../shared/sla/types';
import { ready } from '../signed/fixtures';
import { advance, MINUTE, type ReplicaWorld, replicaWorld, T0 } from './replica-world';

let world: ReplicaWorld | undefined;
beforeAll(ready);
afterEach(() => world?.destroy());

const ok = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

const changes = (envelopes: readonly Envelope[]) =>
  envelopes.map((e) => ({ author: e.author, seq: e.seq, timestamp: e.timestamp, update: e.update }));

/** Events without the order they were listed in, for comparing sets. */
const canonical = (events: readonly SlaEvent[]) => [...events].map((e) => JSON.stringify(e)).sort();

describe('what each signed change becomes', () => {
  it('reads opening, messages by role, status, priority, category and agreed actions', () => {
    world = replicaWorld();
    const { providerReplica: p, customerReplica: c } = world;
    advance(world, 5);
    ok(c.run((ctx) => postMessage(ctx, { text: 'It beeps three times and shows nothing.' })));
    world.syncBoth();
    advance(world, 10);
    ok(p.run((ctx) => postMessage(ctx, { text: 'Thanks, we are on it.' })));
    ok(p.run((ctx) => setStatus(ctx, { status: 'in-progress' })));
    ok(p.run((ctx) => setPriority(ctx, { priority: 'urgent' })));
    ok(p.run((ctx) => setCategory(ctx, { category: 'hardware fault' })));
    const proposed = ok(
      p.run((ctx) =>
        proposeChange(ctx, {
          changes: [
            {
              kind: 'add-action',
              action: {
                id: 'diag',
                title: 'Run the boot diagnostic',
                party: world?.customerParty as string,
                dueAt: new Date(T0 + 180 * MINUTE).toISOString(),
              },
            },
          ],
        }),
      ),
    );
    world.syncBoth();
    advance(world, 3);
    ok(c.run((ctx) => accept(ctx, { proposalId: proposed.proposalId })));
    world.syncBoth();

    const events = slaEventsOfReplica(p);
    const bodies = events.filter((e) => e.type !== 'other');
    expect(bodies.map((e) => e.type)).toEqual([
      'opened',
      'reply',
      'reply',
      'status',
      'priority',
      'category',
      'action',
    ]);
    const [opened, customerReply, providerReply, status, priority, category, action] = bodies as SlaEvent[];
    expect(opened).toMatchObject({
      type: 'opened',
      status: 'open',
      priority: 'normal',
      author: world.provider.id,
      at: T0,
    });
    expect(customerReply).toMatchObject({
      type: 'reply',
      role: 'customer',
      public: true,
      author: world.customer.id,
    });
    expect(providerReply).toMatchObject({
      type: 'reply',
      role: 'provider',
      public: true,
      at: T0 + 16 * MINUTE,
    });
    expect(status).toMatchObject({ type: 'status', status: 'in-progress' });
    expect(priority).toMatchObject({ type: 'priority', priority: 'urgent' });
    expect(category).toMatchObject({ type: 'category', category: 'hardware fault' });
    // The action exists once the customer (its owner) accepted: that change carries its snapshot.
    expect(action).toMatchObject({
      type: 'action',
      author: world.customer.id,
      action: {
        id: 'diag',
        status: 'agreed',
        ownerRole: 'customer',
        dependsOn: [],
        due: { kind: 'at', at: T0 + 180 * MINUTE },
      },
    });
    // Every envelope is an event (the skew rule needs them all); (author, seq) stays unique.
    const keys = new Set(events.map((e) => `${e.author}/${e.seq}`));
    expect(keys.size).toBe(events.length);
    expect(new Set(events.map((e) => `${e.author}/${envelopeSeqOf(e.seq)}`)).size).toBe(
      p.appliedEnvelopes().length,
    );
    // The customer's acceptance builds on the provider's proposal: it names it in `after`.
    expect(action?.after?.some((ref) => ref.author === world?.provider.id)).toBe(true);
  });

  it("keeps only each author's first reply: later ones can never be earlier, so they are 'other'", () => {
    world = replicaWorld();
    const p = world.providerReplica;
    for (let i = 0; i < 3; i++) {
      advance(world, 2);
      ok(p.run((ctx) => postMessage(ctx, { text: `Update ${i}` })));
    }
    const events = slaEventsOfReplica(p);
    const replies = events.filter((e) => e.type === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.at).toBe(T0 + 3 * MINUTE);
    // The later messages still take part in the skew rule.
    expect(events.filter((e) => e.author === world?.provider.id && e.at > T0 + 3 * MINUTE)).toHaveLength(2);
  });

  it('numbers the events of one envelope within its sequence slot', () => {
    world = replicaWorld();
    const events = slaEventsOfReplica(world.providerReplica);
    for (const e of events) {
      const envelope = world.providerReplica
        .appliedEnvelopes()
        .find((x) => x.author === e.author && x.seq === envelopeSeqOf(e.seq));
      expect(envelope, `event ${e.author}/${e.seq}`).toBeDefined();
      expect(e.seq % EVENTS_PER_ENVELOPE).toBeLessThan(16);
      expect(e.at).toBe(envelope?.timestamp);
    }
  });

  it('clamps timestamps the engine cannot take instead of failing the case', () => {
    world = replicaWorld();
    const list = changes(world.providerReplica.appliedEnvelopes());
    const broken = list.map((c, i) => (i === 1 ? { ...c, timestamp: Number.MAX_SAFE_INTEGER } : c));
    const events = slaEventsFromChanges(broken);
    expect(events.every((e) => Number.isFinite(e.at) && e.at < Date.UTC(2200, 0, 1))).toBe(true);
  });
});

describe('canonical replay', () => {
  it('gives the same events whatever order the changes arrived in, concurrent edits included', () => {
    world = replicaWorld({ customerSkewMs: 7 * MINUTE });
    const { providerReplica: p, customerReplica: c } = world;
    advance(world, 2);
    // Concurrent: both change the status before seeing each other's change.
    ok(p.run((ctx) => setStatus(ctx, { status: 'in-progress' })));
    ok(c.run((ctx) => setStatus(ctx, { status: 'waiting', waitingOn: world?.providerParty as string })));
    ok(c.run((ctx) => postMessage(ctx, { text: 'Any news?' })));
    ok(p.run((ctx) => postMessage(ctx, { text: 'Looking at it.' })));
    world.syncBoth();
    const fromProvider = slaEventsOfReplica(p);
    const fromCustomer = slaEventsOfReplica(c);
    // The two replicas applied the concurrent changes in opposite orders…
    const order = (envelopes: readonly Envelope[]) => envelopes.map((e) => `${e.author}/${e.seq}`);
    expect(order(p.appliedEnvelopes())).not.toEqual(order(c.appliedEnvelopes()));
    // …and still read the same facts from them.
    expect(canonical(fromProvider)).toEqual(canonical(fromCustomer));
    expect(fromProvider.filter((e) => e.type === 'status').length).toBeGreaterThanOrEqual(1);
  });

  it('replays incrementally when changes come in time order, from the start otherwise', () => {
    world = replicaWorld();
    const { providerReplica: p, customerReplica: c } = world;
    for (let i = 0; i < 4; i++) {
      advance(world, 1);
      ok(p.run((ctx) => postMessage(ctx, { text: `update ${i}` })));
      advance(world, 1);
      ok(c.run((ctx) => postMessage(ctx, { text: `question ${i}` })));
      world.syncBoth();
    }
    const all = changes(p.appliedEnvelopes());
    const batch = slaEventsFromChanges(all);

    const live = new SlaEventLog();
    for (const change of all) live.add([change]);
    expect(canonical(live.events())).toEqual(canonical(batch));

    // Late arrival: the customer's changes come last although they are older than the provider's.
    const late = new SlaEventLog();
    const providerFirst = [...all.filter((x) => x.author === world?.provider.id)];
    const customerLater = all.filter((x) => x.author === world?.customer.id);
    // The customer's join must precede what builds on it, so give the log causally complete prefixes.
    late.add(all.slice(0, 3));
    late.add(providerFirst.filter((x) => !late.has(x.author, x.seq) && x.seq <= 3));
    late.add(customerLater);
    late.add(all);
    expect(canonical(late.events())).toEqual(canonical(batch));
    expect(late.rebuildCount).toBeGreaterThan(0);
    expect(live.rebuildCount).toBe(0);
  });
});
