/**
 * The straightforward reference the property tests check the calendar against: walk time
 * one minute at a time and ask Intl for each minute's local wall clock. Deliberately shares
 * no code with shared/sla (no offsets, no caches, no interval algebra).
 */
import type { BusinessCalendar } from '../../../shared/contract/sla-terms';

const MINUTE = 60_000;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string, t: number): { weekday: number; date: string; minuteOfDay: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const text = format.format(t);
  const match = /^(\w{3}), (\d+)\/(\d+)\/(\d+), (\d+):(\d+)$/.exec(text);
  if (!match) throw new Error(`unexpected wall clock text ${text}`);
  const [, weekday, month, day, year, hour, minute] = match;
  return {
    weekday: WEEKDAYS[weekday as string] as number,
    date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    minuteOfDay: Number(hour) * 60 + Number(minute),
  };
}

// Answers per calendar object and minute: the property tests walk the same minutes several times.
const memo = new WeakMap<BusinessCalendar, Map<number, boolean>>();

/** Is the minute starting at instant t working time? */
export function referenceIsWorking(calendar: BusinessCalendar, t: number): boolean {
  let known = memo.get(calendar);
  if (!known) {
    known = new Map();
    memo.set(calendar, known);
  }
  let answer = known.get(t);
  if (answer === undefined) {
    answer = isWorking(calendar, t);
    known.set(t, answer);
  }
  return answer;
}

function isWorking(calendar: BusinessCalendar, t: number): boolean {
  const wall = wallClock(calendar.timeZone, t);
  if (calendar.holidays.includes(wall.date)) return false;
  const ranges = calendar.week[wall.weekday] ?? [];
  return ranges.some((range) => wall.minuteOfDay >= range.start && wall.minuteOfDay < range.end);
}

/** Working minutes in [from, to), both whole minutes, optionally skipping paused minutes. */
export function referenceMinutesBetween(
  calendar: BusinessCalendar,
  from: number,
  to: number,
  paused: (t: number) => boolean = () => false,
): number {
  let count = 0;
  for (let t = from; t < to; t += MINUTE) if (!paused(t) && referenceIsWorking(calendar, t)) count++;
  return count;
}

/** The instant at which `minutes` working (unpaused) minutes after `from` have elapsed. */
export function referenceAddMinutes(
  calendar: BusinessCalendar,
  from: number,
  minutes: number,
  paused: (t: number) => boolean = () => false,
  limit = 200_000,
): number | null {
  if (minutes === 0) return from;
  let count = 0;
  for (let t = from, steps = 0; steps < limit; t += MINUTE, steps++) {
    if (!paused(t) && referenceIsWorking(calendar, t)) count++;
    if (count === minutes) return t + MINUTE;
  }
  return null;
}
