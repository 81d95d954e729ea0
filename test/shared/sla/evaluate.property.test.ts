/**
 * Property test of the clocks: random case logs (status changes that pause and resume the
 * clock over nights and weekends, priority changes, resolution and reopening) evaluated by
 * the engine and by the minute-by-minute reference must agree on elapsed time, due instant,
 * at-risk instant and state. Seeded; SLA_PROPERTY_SEED replays a failure.
 */
import { describe, expect, it } from 'vitest';
import type { Priority, SlaTerms } from '../../../shared/contract/sla-terms';
import { evaluateSla } from '../../../shared/sla/evaluate';
import type { SlaEvent } from '../../../shared/sla/types';
import {
  budget,
  int,
  pick,
  propertySeed,
  randomCalendar,
  randomInstant,
  seeded,
  weeklyMinutes,
} from './random';
import { referenceAddMinutes, referenceMinutesBetween } from './reference';

const MINUTE = 60_000;
const SEED = propertySeed(8_088);
const PAUSED = ['waiting-on-customer', 'on-hold'];
const STOP = ['resolved', 'closed'];
const RUNNING = ['open', 'in-progress'];

describe(`SLA clocks vs minute-by-minute reference (seed ${SEED})`, () => {
  it('agrees on elapsed, due, at-risk and state for random logs with pauses', () => {
    const rng = seeded(SEED);
    const more = budget(25, 70, 6000);
    for (let run = 0; more(run); run++) {
      const opened = randomInstant(rng);
      const calendar = randomCalendar(rng, opened);
      const weekly = weeklyMinutes(calendar);
      const minutesFor = (): number =>
        4 *
        Math.max(
          1,
          Math.min(
            Math.round(weekly / 2),
            pick(rng, [int(rng, 1, 30), int(rng, 30, 600), int(rng, Math.floor(weekly / 4), weekly)]),
          ),
        );
      const targets = { normal: minutesFor(), urgent: minutesFor() };
      const terms: SlaTerms = {
        targets: [
          {
            id: 'res-normal',
            kind: 'resolution',
            priority: 'normal',
            minutes: targets.normal,
            committedBy: 'provider',
          },
          {
            id: 'res-urgent',
            kind: 'resolution',
            priority: 'urgent',
            minutes: targets.urgent,
            committedBy: 'provider',
          },
          {
            id: 'fr-normal',
            kind: 'first-response',
            priority: 'normal',
            minutes: targets.normal,
            committedBy: 'provider',
          },
          {
            id: 'fr-urgent',
            kind: 'first-response',
            priority: 'urgent',
            minutes: targets.urgent,
            committedBy: 'provider',
          },
        ],
        calendar,
        pausedStatuses: PAUSED,
        atRiskThreshold: 0.75,
        escalations: [],
      };
      const events: SlaEvent[] = [
        { type: 'opened', author: 'customer', seq: 1, at: opened, status: 'open', priority: 'normal' },
      ];
      const statuses: { from: number; status: string }[] = [{ from: opened, status: 'open' }];
      let priority: Priority = 'normal';
      const priorities: { from: number; priority: Priority }[] = [{ from: opened, priority }];
      const replies: number[] = [];
      let t = opened;
      let seq = 1;
      for (let n = int(rng, 0, 7); n > 0; n--) {
        t += pick(rng, [int(rng, 1, 120), int(rng, 120, 1440), int(rng, 1440, 3 * 1440)]) * MINUTE;
        seq++;
        if (rng() < 0.15) {
          // Replies: only the provider's first public one stops the first-response clock.
          const role = rng() < 0.7 ? 'provider' : 'customer';
          const isPublic = rng() < 0.8;
          events.push({ type: 'reply', author: role, seq, at: t, role, public: isPublic });
          if (role === 'provider' && isPublic) replies.push(t);
        } else if (rng() < 0.2) {
          priority = priority === 'normal' ? 'urgent' : 'normal';
          events.push({ type: 'priority', author: 'provider', seq, at: t, priority });
          priorities.push({ from: t, priority });
        } else {
          const status = rng() < 0.15 ? pick(rng, STOP) : pick(rng, rng() < 0.5 ? PAUSED : RUNNING);
          events.push({ type: 'status', author: rng() < 0.5 ? 'provider' : 'customer', seq, at: t, status });
          statuses.push({ from: t, status });
        }
      }
      // Distinct authors need their own sequence numbers: renumber per author.
      const counters = new Map<string, number>();
      const log = events.map((event) => {
        const next = (counters.get(event.author) ?? 0) + 1;
        counters.set(event.author, next);
        return { ...event, seq: next };
      });
      const now = t + int(rng, 0, 5 * 1440) * MINUTE;

      const result = evaluateSla({ terms, events: log, now });
      if (!result.ok) throw new Error(`seed ${SEED} run ${run}: refused ${JSON.stringify(result.error)}`);

      const last = statuses[statuses.length - 1] as { from: number; status: string };
      const stopStatus = STOP.includes(last.status) ? last.from : null;
      const statusAt = (at: number): string => {
        let current = 'open';
        for (const entry of statuses) if (entry.from <= at) current = entry.status;
        return current;
      };
      for (const kind of ['resolution', 'first-response'] as const) {
        const firstReply = replies[0];
        const stop =
          kind === 'first-response' &&
          firstReply !== undefined &&
          (stopStatus === null || firstReply < stopStatus)
            ? firstReply
            : stopStatus;
        const end = stop ?? now;
        const clock = result.value.clocks.find((c) => c.id === kind);
        const paused = (at: number): boolean =>
          at < end && (PAUSED.includes(statusAt(at)) || STOP.includes(statusAt(at)));
        // The target in force when the clock stopped (or now).
        let inForce: Priority = 'normal';
        for (const entry of priorities) if (entry.from <= end) inForce = entry.priority;
        const target = targets[inForce as 'normal' | 'urgent'];
        const elapsed = referenceMinutesBetween(calendar, opened, end, paused);
        const due = referenceAddMinutes(calendar, opened, target, paused, 400_000);
        const atRisk = referenceAddMinutes(calendar, opened, target * 0.75, paused, 400_000);
        const state =
          due !== null && end > due
            ? 'breached'
            : stop !== null
              ? 'met'
              : atRisk !== null && end >= atRisk
                ? 'at-risk'
                : 'on-track';
        const context = `seed ${SEED} run ${run} ${kind}: ${JSON.stringify({ terms, log, now })}`;
        expect(clock, context).toBeDefined();
        expect(
          {
            elapsed: clock?.elapsedMinutes,
            due: clock?.dueAt,
            atRisk: clock?.atRiskAt,
            state: clock?.state,
            target: clock?.targetMinutes,
            stoppedAt: clock?.stoppedAt,
          },
          context,
        ).toEqual({ elapsed, due, atRisk, state, target, stoppedAt: stop });
      }
    }
  });
});
