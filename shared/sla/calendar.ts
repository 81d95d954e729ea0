/**
 * Business-calendar arithmetic. Working time is defined on instants, not wall-clock labels:
 * an instant is working time when its local date (in the calendar's zone) is not a holiday
 * and its local time of day lies in one of that weekday's working-hours ranges. So a
 * spring-forward gap adds no working time, a fall-back hour inside working hours counts
 * twice, and the minute-by-minute reference in the tests uses exactly this definition.
 */
import type { BusinessCalendar, WorkingHours } from '../contract/sla-terms';
import { DAY_MS, MINUTE_MS, isValidTimeZone, offsetSpans, parseLocalDate, weekdayOf } from './time-zone';
import { MARGIN_MS, WorkTable } from './work-table';

export type CalendarError =
  | { readonly code: 'invalid-time-zone'; readonly timeZone: string }
  | { readonly code: 'invalid-week'; readonly detail: string }
  | { readonly code: 'invalid-working-hours'; readonly weekday: number; readonly index: number }
  | { readonly code: 'invalid-holiday'; readonly value: string };

/** A calendar checked and prepared for fast arithmetic. All times are UTC milliseconds. */
export interface CompiledCalendar {
  readonly timeZone: string;
  /** Working intervals of one local day, flat and sorted: [start0, end0, start1, end1, …]. */
  workIntervals(dayNumber: number): readonly number[];
  /** Working time (ms) in [from, to); 0 when to ≤ from. */
  businessMsBetween(from: number, to: number): number;
  /**
   * The earliest instant t ≥ from with businessMsBetween(from, t) ≥ ms, or null when the
   * calendar has no working time (or none before year 2200).
   */
  addBusinessMs(from: number, ms: number): number | null;
  /** Working minutes in [from, to). */
  minutesBetween(from: number, to: number): number;
  /** addBusinessMs for whole or fractional minutes. */
  addMinutes(from: number, minutes: number): number | null;
}

export type CalendarResult =
  | { readonly ok: true; readonly calendar: CompiledCalendar }
  | { readonly ok: false; readonly error: CalendarError };

const compiled = new Map<string, CompiledCalendar>();
const MAX_COMPILED = 256;

function mergeRanges(ranges: readonly WorkingHours[]): WorkingHours[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: WorkingHours[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end)
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    else merged.push({ start: range.start, end: range.end });
  }
  return merged;
}

function validate(calendar: BusinessCalendar): CalendarError | WorkingHours[][] {
  if (!calendar || typeof calendar !== 'object') return { code: 'invalid-week', detail: 'calendar missing' };
  if (!isValidTimeZone(calendar.timeZone))
    return { code: 'invalid-time-zone', timeZone: String(calendar.timeZone) };
  if (!Array.isArray(calendar.week) || calendar.week.length !== 7) {
    return { code: 'invalid-week', detail: 'week must list 7 days, Sunday first' };
  }
  const week: WorkingHours[][] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    const ranges = calendar.week[weekday];
    if (!Array.isArray(ranges)) return { code: 'invalid-week', detail: `day ${weekday} is not a list` };
    for (let index = 0; index < ranges.length; index++) {
      const range = ranges[index] as WorkingHours | undefined;
      const ok =
        range !== undefined &&
        Number.isInteger(range.start) &&
        Number.isInteger(range.end) &&
        range.start >= 0 &&
        range.end <= 1440 &&
        range.start < range.end;
      if (!ok) return { code: 'invalid-working-hours', weekday, index };
    }
    week.push(mergeRanges(ranges));
  }
  if (!Array.isArray(calendar.holidays)) return { code: 'invalid-week', detail: 'holidays must be a list' };
  for (const holiday of calendar.holidays) {
    if (typeof holiday !== 'string' || parseLocalDate(holiday) === undefined) {
      return { code: 'invalid-holiday', value: String(holiday).slice(0, 40) };
    }
  }
  return week;
}

// Calendars are immutable data (readonly types), so the same object compiles once; equal
// content from another object (a peer's copy) hits the content cache.
const byObject = new WeakMap<BusinessCalendar, CompiledCalendar>();

/** Checks a calendar and returns its compiled form (memoised by identity and by content). */
export function compileCalendar(calendar: BusinessCalendar): CalendarResult {
  const known = calendar && typeof calendar === 'object' ? byObject.get(calendar) : undefined;
  if (known) return { ok: true, calendar: known };
  let key: string;
  try {
    key = JSON.stringify([calendar.timeZone, calendar.week, calendar.holidays]);
  } catch {
    return { ok: false, error: { code: 'invalid-week', detail: 'calendar is not plain data' } };
  }
  const hit = compiled.get(key);
  if (hit) {
    byObject.set(calendar, hit);
    return { ok: true, calendar: hit };
  }
  const checked = validate(calendar);
  if (!Array.isArray(checked)) return { ok: false, error: checked };
  const holidays = new Set(calendar.holidays.map((date) => parseLocalDate(date) as number));
  const result = build(calendar.timeZone, checked, holidays);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(key, result);
  byObject.set(calendar, result);
  return { ok: true, calendar: result };
}

function build(
  timeZone: string,
  week: readonly WorkingHours[][],
  holidays: ReadonlySet<number>,
): CompiledCalendar {
  const dayCache = new Map<number, readonly number[]>();
  const hasWork = week.some((ranges) => ranges.length > 0);
  const EMPTY: readonly number[] = [];

  const workIntervals = (dayNumber: number): readonly number[] => {
    const cached = dayCache.get(dayNumber);
    if (cached) return cached;
    const ranges = week[weekdayOf(dayNumber)] ?? [];
    let result: readonly number[] = EMPTY;
    if (ranges.length > 0 && !holidays.has(dayNumber)) {
      const pieces: [number, number][] = [];
      for (const range of ranges) {
        const wallFrom = dayNumber * DAY_MS + range.start * MINUTE_MS;
        const wallTo = dayNumber * DAY_MS + range.end * MINUTE_MS;
        // Instants t with t + offset(t) in [wallFrom, wallTo), span by constant-offset span.
        for (const span of offsetSpans(timeZone, wallFrom - MARGIN_MS, wallTo + MARGIN_MS)) {
          const lo = Math.max(span.from, wallFrom - span.offset);
          const hi = Math.min(span.to, wallTo - span.offset);
          if (lo < hi) pieces.push([lo, hi]);
        }
      }
      pieces.sort((a, b) => a[0] - b[0]);
      const flat: number[] = [];
      for (const [lo, hi] of pieces) {
        if (flat.length > 0 && lo <= (flat[flat.length - 1] as number)) {
          flat[flat.length - 1] = Math.max(flat[flat.length - 1] as number, hi);
        } else flat.push(lo, hi);
      }
      result = flat;
    }
    dayCache.set(dayNumber, result);
    return result;
  };

  // One interval table per calendar answers every business-time question (work-table.ts).
  const table = new WorkTable(workIntervals);
  const businessMsBetween = (from: number, to: number): number => table.between(from, to);
  const addBusinessMs = (from: number, ms: number): number | null =>
    !(ms > 0) ? from : hasWork ? table.advance(from, ms) : null;

  return {
    timeZone,
    workIntervals,
    businessMsBetween,
    addBusinessMs,
    minutesBetween: (from, to) => businessMsBetween(from, to) / MINUTE_MS,
    addMinutes: (from, minutes) => addBusinessMs(from, minutes * MINUTE_MS),
  };
}
