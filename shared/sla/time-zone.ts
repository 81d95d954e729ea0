/**
 * UTC offsets of an IANA time zone, read from the runtime's own tz database through
 * Intl.DateTimeFormat (no date library). Offsets are cached per zone and per UTC day, so a
 * calendar computation touches Intl about once per day it spans, not once per minute.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Supported instants: 1970-01-01 … 2199-12-31 UTC. Outside it the tz database is guesswork anyway. */
export const MIN_INSTANT = 0;
export const MAX_INSTANT = Date.UTC(2200, 0, 1) - 1;

/**
 * Offsets of one UTC day: either one offset for the whole day or a transition at `at`
 * (UTC ms, whole second). Zones change offset at most once a day in the tz database for the
 * supported range; that assumption is what lets one Intl call per day suffice.
 */
type DayOffsets = number | { readonly before: number; readonly at: number; readonly after: number };

interface Zone {
  readonly format: Intl.DateTimeFormat;
  readonly rawAtDayStart: Map<number, number>;
  readonly days: Map<number, DayOffsets>;
}

const zones = new Map<string, Zone>();

function zoneFor(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = {
      format: new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
      rawAtDayStart: new Map(),
      days: new Map(),
    };
    zones.set(timeZone, zone);
  }
  return zone;
}

/** True when the runtime knows the zone (IANA names, "UTC", and whatever else Intl accepts). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    zoneFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset (local − UTC, ms) at instant `t`, asking Intl directly. Sub-second parts are ignored. */
function rawOffset(zone: Zone, t: number): number {
  const whole = Math.floor(t / 1000) * 1000;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of zone.format.formatToParts(whole)) {
    const value = Number(part.value);
    switch (part.type) {
      case 'year':
        year = value;
        break;
      case 'month':
        month = value;
        break;
      case 'day':
        day = value;
        break;
      case 'hour':
        hour = value;
        break;
      case 'minute':
        minute = value;
        break;
      case 'second':
        second = value;
        break;
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - whole;
}

function rawAtDayStart(zone: Zone, utcDay: number): number {
  let offset = zone.rawAtDayStart.get(utcDay);
  if (offset === undefined) {
    offset = rawOffset(zone, utcDay * DAY_MS);
    zone.rawAtDayStart.set(utcDay, offset);
  }
  return offset;
}

function dayOffsets(zone: Zone, utcDay: number): DayOffsets {
  const cached = zone.days.get(utcDay);
  if (cached !== undefined) return cached;
  const before = rawAtDayStart(zone, utcDay);
  const after = rawAtDayStart(zone, utcDay + 1);
  let entry: DayOffsets = before;
  if (before !== after) {
    // Binary search for the first whole second that has the new offset.
    let lo = utcDay * DAY_MS;
    let hi = (utcDay + 1) * DAY_MS;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2000) * 1000;
      if (rawOffset(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    entry = { before, at: hi, after };
  }
  zone.days.set(utcDay, entry);
  return entry;
}

/** Offset of local time from UTC (ms) at instant `t` in `timeZone`. The zone must be valid. */
export function offsetAt(timeZone: string, t: number): number {
  const entry = dayOffsets(zoneFor(timeZone), Math.floor(t / DAY_MS));
  if (typeof entry === 'number') return entry;
  return t < entry.at ? entry.before : entry.after;
}

/** A span of UTC instants [from, to) during which the zone's offset is constant. */
export interface OffsetSpan {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

/** The constant-offset spans covering [from, to), in order, adjacent equal offsets merged. */
export function offsetSpans(timeZone: string, from: number, to: number): OffsetSpan[] {
  const zone = zoneFor(timeZone);
  const spans: OffsetSpan[] = [];
  const push = (start: number, end: number, offset: number): void => {
    const lo = Math.max(start, from);
    const hi = Math.min(end, to);
    if (lo >= hi) return;
    const last = spans[spans.length - 1];
    if (last && last.offset === offset && last.to === lo) spans[spans.length - 1] = { ...last, to: hi };
    else spans.push({ from: lo, to: hi, offset });
  };
  for (let day = Math.floor(from / DAY_MS); day * DAY_MS < to; day++) {
    const entry = dayOffsets(zone, day);
    const start = day * DAY_MS;
    const end = start + DAY_MS;
    if (typeof entry === 'number') push(start, end, entry);
    else {
      push(start, entry.at, entry.before);
      push(entry.at, end, entry.after);
    }
  }
  return spans;
}

/** Local calendar day (days since 1970-01-01 in local time) of instant `t`. */
export function localDayOf(timeZone: string, t: number): number {
  return Math.floor((t + offsetAt(timeZone, t)) / DAY_MS);
}

/** Weekday of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Day number of a "YYYY-MM-DD" date, or undefined when it is not a real calendar date. */
export function parseLocalDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return ms / DAY_MS;
}

/** "YYYY-MM-DD" of a day number. */
export function formatLocalDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}
