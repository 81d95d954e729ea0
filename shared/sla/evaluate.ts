/**
 * The SLA engine's entry point: a pure, deterministic function of the agreed terms, the
 * case's signed events and "now". Two peers with the same log and the same `now` get the
 * same result, whatever order the events reached them in (docs/sla-clock.md).
 */
import { actionClocks } from './action-clocks';
import { compileCalendar } from './calendar';
import { caseClocks, readTimeline } from './case-clocks';
import { orderEvents } from './order';
import type { SlaEvaluation, SlaInput, SlaResult } from './types';
import { isInstant, validateEvents, validateTerms } from './validate';

/** Statuses that stop every clock unless the caller names others. */
export const DEFAULT_STOP_STATUSES: readonly string[] = ['resolved', 'closed'];
// Read-only by the clocks: one set serves every evaluation without its own stop statuses.
const DEFAULT_STOP_SET: ReadonlySet<string> = new Set(DEFAULT_STOP_STATUSES);

/** Evaluates every clock of one case at `now`. Refused input gives a typed error, never a throw. */
export function evaluateSla(input: SlaInput): SlaResult<SlaEvaluation> {
  if (!isInstant(input.now)) return { ok: false, error: { code: 'invalid-now' } };
  const termsError = validateTerms(input.terms);
  if (termsError) return { ok: false, error: termsError };
  const calendar = compileCalendar(input.terms.calendar);
  if (!calendar.ok) return { ok: false, error: { code: 'invalid-calendar', error: calendar.error } };
  const eventsError = validateEvents(input.events);
  if (eventsError) return { ok: false, error: eventsError };
  const ordered = orderEvents(input.events, input.now);
  if (!ordered.ok) return ordered;

  const stopStatuses = input.options?.stopStatuses ? new Set(input.options.stopStatuses) : DEFAULT_STOP_SET;
  const timeline = readTimeline(ordered.events, ordered.times);
  const clocks = caseClocks(timeline, input.terms, calendar.calendar, input.now, stopStatuses).concat(
    actionClocks(ordered.events, ordered.times, input.terms, calendar.calendar, input.now, stopStatuses),
  );
  const context = timeline.contexts[timeline.contexts.length - 1];
  const status = timeline.statuses[timeline.statuses.length - 1];
  return {
    ok: true,
    value: {
      evaluatedAt: input.now,
      status: status?.status ?? '',
      priority: context?.priority ?? 'normal',
      category: context?.category ?? null,
      clocks,
      adjustedTimestamps: ordered.adjusted,
    },
  };
}

/**
 * Business time until the clock breaches, for sorting an inbox by time-to-breach: negative
 * once breached, +Infinity for clocks that are met or have no target.
 */
export function minutesToBreach(evaluation: SlaEvaluation): number {
  let soonest = Infinity;
  for (const clock of evaluation.clocks) {
    if (clock.phase === 'stopped' || clock.remainingMinutes === null) continue;
    soonest = Math.min(soonest, clock.remainingMinutes);
  }
  return soonest;
}
