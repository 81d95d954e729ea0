/** Seeded randomness and random business calendars for the SLA property tests. */
import type { BusinessCalendar, WorkingHours } from '../../../shared/contract/sla-terms';

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** The seed for a property test: SLA_PROPERTY_SEED when set, else the given default. */
export function propertySeed(fallback: number): number {
  const fromEnv = Number(process.env.SLA_PROPERTY_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
}

/**
 * Keeps a property loop within a time budget on a slow or busy machine: always `min` runs,
 * then more while the budget lasts, up to `max`. Runs are seeded in order, so a failing run
 * replays with the same seed whatever the budget cut.
 */
export function budget(min: number, max: number, ms: number): (run: number) => boolean {
  const started = Date.now();
  return (run) => run < min || (run < max && Date.now() - started < ms);
}

export const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago', // DST switches at midnight
  'Australia/Lord_Howe', // 30-minute DST
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Europe/London',
  'UTC',
] as const;

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Local days around DST changes (2024–2026) in the zones above, as UTC midnights. */
export const DST_DAYS = [
  '2024-03-10',
  '2024-03-31',
  '2024-04-07',
  '2024-09-08',
  '2024-10-06',
  '2024-10-27',
  '2024-11-03',
  '2025-03-09',
  '2025-03-30',
  '2025-04-06',
  '2025-09-07',
  '2025-10-05',
  '2025-10-26',
  '2025-11-02',
].map((date) => Date.parse(`${date}T00:00:00Z`));

const weekdays = (ranges: WorkingHours[]): WorkingHours[][] => [
  [],
  ranges,
  ranges,
  ranges,
  ranges,
  ranges,
  [],
];

function randomRanges(rng: Rng): WorkingHours[] {
  const ranges: WorkingHours[] = [];
  for (let n = int(rng, 0, 2); n > 0; n--) {
    const start = int(rng, 0, 1380);
    ranges.push({ start, end: int(rng, start + 1, Math.min(1440, start + 720)) });
  }
  return ranges;
}

/** A random calendar of one of several realistic shapes, with holidays near `around`. */
export function randomCalendar(rng: Rng, around: number): BusinessCalendar {
  const timeZone = pick(rng, ZONES);
  const shape = int(rng, 0, 4);
  let week: WorkingHours[][];
  if (shape === 0) {
    const start = int(rng, 7, 10) * 60 + pick(rng, [0, 30]);
    week = weekdays([{ start, end: int(rng, 15, 19) * 60 }]);
  } else if (shape === 1)
    week = weekdays([
      { start: 540, end: 720 },
      { start: 780, end: 1020 },
    ]);
  else if (shape === 2) week = Array.from({ length: 7 }, () => [{ start: 0, end: 1440 }]);
  else if (shape === 3)
    week = weekdays([
      { start: 0, end: 360 },
      { start: 1320, end: 1440 },
    ]); // night shift over DST hours
  else week = Array.from({ length: 7 }, () => randomRanges(rng));
  if (!week.some((day) => day.length > 0)) week[3] = [{ start: 600, end: 660 }];
  const holidays: string[] = [];
  for (let n = int(rng, 0, 3); n > 0; n--) {
    holidays.push(new Date(around + int(rng, -2, 10) * DAY).toISOString().slice(0, 10));
  }
  return { timeZone, week, holidays };
}

/** A whole-minute instant, often close to a DST change. */
export function randomInstant(rng: Rng): number {
  const base = rng() < 0.7 ? pick(rng, DST_DAYS) - 2 * DAY : Date.UTC(2024, 0, 1) + int(rng, 0, 700) * DAY;
  return base + int(rng, 0, 4 * 24 * 60) * MINUTE;
}

/** Working minutes per week, to keep reference walks bounded. */
export function weeklyMinutes(calendar: BusinessCalendar): number {
  return calendar.week.reduce((sum, day) => sum + day.reduce((s, r) => s + (r.end - r.start), 0), 0);
}
