/**
 * The arithmetic shared by every clock: business time accumulated over the intervals in
 * which a clock runs, the instants it reaches its at-risk and breach levels, and the
 * crossings of those levels as the target changes (a priority change picks another target).
 */
import type { CompiledCalendar } from './calendar';
import { MINUTE_MS } from './time-zone';
import type { SlaCrossing, SlaState } from './types';

export interface Interval {
  readonly from: number;
  readonly to: number;
}

/** From `from` on (until the next segment), the clock's target is `minutes` (null: none). */
export interface TargetSegment {
  readonly from: number;
  readonly minutes: number | null;
}

export interface ClockSpec {
  readonly start: number;
  /** The final stop when stopped, else the evaluation instant. */
  readonly end: number;
  readonly stopped: boolean;
  /** Sorted, disjoint intervals within [start, end] in which the clock ran. */
  readonly running: readonly Interval[];
  /** Sorted by `from`; the first applies from the start. */
  readonly segments: readonly TargetSegment[];
  readonly threshold: number;
}

export interface ClockFigures {
  readonly elapsedMs: number;
  readonly targetMinutes: number | null;
  readonly dueAt: number | null;
  readonly atRiskAt: number | null;
  readonly remainingMs: number | null;
  readonly state: SlaState;
  readonly crossings: readonly SlaCrossing[];
}

/** A clock's running intervals (the last one open-ended) with the working time before each. */
interface Track {
  readonly calendar: CompiledCalendar;
  readonly intervals: readonly Interval[];
  readonly before: readonly number[];
  readonly start: number;
}

// Plain functions rather than closures per call: the inbox measures thousands of clocks.

/** Working time the clock has run before instant t. */
function elapsedAt(track: Track, t: number): number {
  const { intervals, before } = track;
  let k = 0;
  while (k + 1 < intervals.length && (intervals[k + 1] as Interval).from < t) k++;
  const interval = intervals[k] as Interval;
  if (interval.from >= t) return before[k] as number;
  return (before[k] as number) + track.calendar.businessMsBetween(interval.from, Math.min(interval.to, t));
}

/** The instant the clock's running time reaches `level` (ms), or null if never. */
function instantAt(track: Track, level: number): number | null {
  if (level <= 0) return track.start;
  const { intervals, before } = track;
  for (let k = 0; k < intervals.length; k++) {
    if ((before[k + 1] as number) >= level) {
      return track.calendar.addBusinessMs((intervals[k] as Interval).from, level - (before[k] as number));
    }
  }
  return null;
}

/**
 * Measures a clock. After `end` the clock is assumed to run on (so a paused clock's due time
 * reads "if it resumed now" and a met clock's due time is where it would have fallen).
 */
export function measureClock(calendar: CompiledCalendar, spec: ClockSpec): ClockFigures {
  const intervals: Interval[] = [];
  for (const interval of spec.running) {
    const last = intervals[intervals.length - 1];
    if (last && interval.from <= last.to)
      intervals[intervals.length - 1] = { from: last.from, to: interval.to };
    else intervals.push(interval);
  }
  const tail = intervals[intervals.length - 1];
  if (tail && tail.to >= spec.end) intervals[intervals.length - 1] = { from: tail.from, to: Infinity };
  else intervals.push({ from: spec.end, to: Infinity });

  // Working time before each interval, computed once: every question below is then a scan.
  const before: number[] = [0];
  for (const interval of intervals) {
    const length =
      interval.to === Infinity ? Infinity : calendar.businessMsBetween(interval.from, interval.to);
    before.push((before[before.length - 1] as number) + length);
  }
  const track: Track = { calendar, intervals, before, start: spec.start };

  // Segments that began after the end never applied (the first applies from the start).
  const segments: TargetSegment[] = [];
  for (let k = 0; k < spec.segments.length; k++) {
    const segment = spec.segments[k] as TargetSegment;
    if (k === 0 || segment.from <= spec.end) segments.push(segment);
  }
  // The current target's due and at-risk instants, computed once: every earlier segment with
  // the same target reaches the same levels at the same instants.
  const minutes = segments[segments.length - 1]?.minutes ?? null;
  const dueAt = minutes === null ? null : instantAt(track, minutes * MINUTE_MS);
  const atRiskAt = minutes === null ? null : instantAt(track, minutes * spec.threshold * MINUTE_MS);

  const crossings: SlaCrossing[] = [];
  let riskOrdinal = 0;
  let breachOrdinal = 0;
  let riskHeld = false;
  let breachHeld = false;
  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k] as TargetSegment;
    const from = Math.max(segment.from, spec.start);
    const next = (segments[k + 1] as TargetSegment | undefined)?.from ?? Infinity;
    let risk: number | null = null;
    let breach: number | null = null;
    if (segment.minutes !== null) {
      const same = segment.minutes === minutes;
      const riskX = same ? atRiskAt : instantAt(track, segment.minutes * spec.threshold * MINUTE_MS);
      if (riskX !== null) {
        const t = Math.max(riskX, from);
        if (t < next && t <= spec.end) risk = t;
      }
      const dueX = same ? dueAt : instantAt(track, segment.minutes * MINUTE_MS);
      if (dueX !== null) {
        if (dueX < from) {
          if (from <= spec.end && from < next) breach = from;
        } else if (dueX < next && dueX < spec.end) breach = dueX;
      }
    }
    // Still in the state when a new target begins: not a new crossing.
    if (risk !== null && !(riskHeld && risk === from)) {
      riskOrdinal++;
      crossings.push({ trigger: 'at-risk', at: risk, ordinal: riskOrdinal });
    }
    riskHeld = risk !== null;
    if (breach !== null && !(breachHeld && breach === from)) {
      breachOrdinal++;
      crossings.push({ trigger: 'breached', at: breach, ordinal: breachOrdinal });
    }
    breachHeld = breach !== null;
  }
  if (crossings.length > 1) {
    crossings.sort((a, b) => a.at - b.at || (a.trigger === b.trigger ? 0 : a.trigger === 'at-risk' ? -1 : 1));
  }

  const elapsedMs = elapsedAt(track, spec.end);
  if (minutes === null) {
    const state: SlaState = spec.stopped ? 'met' : 'on-track';
    return {
      elapsedMs,
      targetMinutes: null,
      dueAt: null,
      atRiskAt: null,
      remainingMs: null,
      state,
      crossings,
    };
  }
  let state: SlaState;
  if (dueAt !== null && spec.end > dueAt) state = 'breached';
  else if (spec.stopped) state = 'met';
  else state = atRiskAt !== null && spec.end >= atRiskAt ? 'at-risk' : 'on-track';
  return {
    elapsedMs,
    targetMinutes: minutes,
    dueAt,
    atRiskAt,
    remainingMs: minutes * MINUTE_MS - elapsedMs,
    state,
    crossings,
  };
}
