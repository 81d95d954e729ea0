/**
 * The case's own clocks: first response and resolution. Both start when the case is opened,
 * run only during working time while the status is neither paused nor a stop status, and
 * take their target from the case's priority and category (re-chosen when those change).
 */
import type { Priority, SlaTarget, SlaTargetKind, SlaTerms } from '../contract/sla-terms';
import type { CompiledCalendar } from './calendar';
import { measureClock } from './clock';
import type { Interval, TargetSegment } from './clock';
import { MINUTE_MS } from './time-zone';
import type { PausedInterval, SlaClock, SlaEvent } from './types';

/** The case's status, priority and category over time, read from the ordered events. */
export interface CaseTimeline {
  readonly openedAt: number;
  /** Status from `from` until the next entry (or the end of time). */
  readonly statuses: readonly { readonly from: number; readonly status: string }[];
  readonly contexts: readonly {
    readonly from: number;
    readonly priority: Priority;
    readonly category: string | null;
  }[];
  /** First public reply per role. */
  readonly firstReply: ReadonlyMap<string, number>;
}

/** `ordered` in effective order, `times` their effective times. */
export function readTimeline(ordered: readonly SlaEvent[], times: Float64Array): CaseTimeline {
  let openedIndex = 0;
  while ((ordered[openedIndex] as SlaEvent).type !== 'opened') openedIndex++;
  const opening = ordered[openedIndex] as SlaEvent;
  const openedAt = times[openedIndex] as number;
  const statuses: { from: number; status: string }[] = [];
  const contexts: { from: number; priority: Priority; category: string | null }[] = [];
  const firstReply = new Map<string, number>();
  if (opening.type === 'opened') {
    statuses.push({ from: openedAt, status: opening.status });
    contexts.push({ from: openedAt, priority: opening.priority, category: opening.category ?? null });
  }
  // Events before the opening (the opener's earlier envelopes) say nothing about the case.
  for (let i = openedIndex + 1; i < ordered.length; i++) {
    const event = ordered[i] as SlaEvent;
    const effectiveAt = times[i] as number;
    const context = contexts[contexts.length - 1] as (typeof contexts)[number];
    if (event.type === 'status') statuses.push({ from: effectiveAt, status: event.status });
    else if (event.type === 'priority') {
      contexts.push({ from: effectiveAt, priority: event.priority, category: context.category });
    } else if (event.type === 'category') {
      contexts.push({ from: effectiveAt, priority: context.priority, category: event.category });
    } else if (event.type === 'reply' && event.public && !firstReply.has(event.role)) {
      firstReply.set(event.role, effectiveAt);
    }
  }
  return { openedAt, statuses, contexts, firstReply };
}

/** The target for a kind at a priority: one for the case's category wins over a general one. */
export function selectTarget(
  terms: SlaTerms,
  kind: SlaTargetKind,
  priority: Priority,
  category: string | null,
): SlaTarget | undefined {
  let general: SlaTarget | undefined;
  for (const target of terms.targets) {
    if (target.kind !== kind || target.priority !== priority) continue;
    if (target.category === undefined) general ??= target;
    else if (target.category === category) return target;
  }
  return general;
}

export function caseClocks(
  timeline: CaseTimeline,
  terms: SlaTerms,
  calendar: CompiledCalendar,
  now: number,
  stopStatuses: ReadonlySet<string>,
): SlaClock[] {
  const paused = terms.pausedStatuses; // a handful of names: a scan beats building a set per case
  const current = timeline.contexts[timeline.contexts.length - 1];
  const lastStatus = timeline.statuses[timeline.statuses.length - 1];
  if (!current || !lastStatus) return [];
  const clocks: SlaClock[] = [];
  for (const kind of ['first-response', 'resolution'] as const) {
    // Whose reply stops the first-response clock: the committed role of the latest target.
    const latest = selectTarget(terms, kind, current.priority, current.category);
    const start = timeline.openedAt;
    let stop: number | null = stopStatuses.has(lastStatus.status) ? lastStatus.from : null;
    if (kind === 'first-response' && latest) {
      const reply = timeline.firstReply.get(latest.committedBy);
      if (reply !== undefined && (stop === null || reply < stop)) stop = reply;
    }
    const end = stop ?? now;
    // The target judged is the one in force when the clock stopped (or now).
    let atEnd = current;
    for (const context of timeline.contexts) if (context.from <= end) atEnd = context;
    const target = selectTarget(terms, kind, atEnd.priority, atEnd.category);
    if (!target) continue;

    const running: Interval[] = [];
    const pausedIntervals: PausedInterval[] = [];
    for (let i = 0; i < timeline.statuses.length; i++) {
      const entry = timeline.statuses[i] as (typeof timeline.statuses)[number];
      const from = Math.max(entry.from, start);
      const next = timeline.statuses[i + 1]?.from ?? Infinity;
      // The current status of a live clock is open-ended: reported with `to: null`.
      const ongoing = stop === null && next === Infinity;
      const to = Math.min(next, end);
      if (to < from || (to === from && !ongoing)) continue;
      if (paused.includes(entry.status) || stopStatuses.has(entry.status)) {
        pausedIntervals.push({ from, to: ongoing ? null : to, status: entry.status });
      } else if (to > from) running.push({ from, to });
    }

    const segments: TargetSegment[] = [];
    for (const context of timeline.contexts) {
      const minutes = selectTarget(terms, kind, context.priority, context.category)?.minutes ?? null;
      const last = segments[segments.length - 1];
      if (!last || last.minutes !== minutes) segments.push({ from: context.from, minutes });
    }

    const figures = measureClock(calendar, {
      start,
      end,
      stopped: stop !== null,
      running,
      segments,
      threshold: terms.atRiskThreshold,
    });
    const phase = stop !== null ? 'stopped' : paused.includes(lastStatus.status) ? 'paused' : 'running';
    clocks.push({
      id: kind,
      kind,
      targetId: target.id,
      actionId: null,
      committedBy: target.committedBy,
      targetMinutes: figures.targetMinutes,
      startedAt: start,
      stoppedAt: stop,
      dueAt: figures.dueAt,
      atRiskAt: figures.atRiskAt,
      elapsedMinutes: figures.elapsedMs / MINUTE_MS,
      remainingMinutes: figures.remainingMs === null ? null : figures.remainingMs / MINUTE_MS,
      pausedIntervals,
      phase,
      waitingOn: [],
      state: figures.state,
      crossings: figures.crossings,
    });
  }
  return clocks;
}
