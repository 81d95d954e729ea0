/**
 * A calendar's working time as one flat table: the working intervals of a run of local days,
 * in UTC instants, with the working time before each. Business time between two instants is
 * then two binary searches, and the instant a target is used up one more — no per-day or
 * per-minute stepping, no time-zone look-up per question. The table grows to cover what is
 * asked and is shared by every case on the same calendar.
 *
 * An index by UTC day (the first interval ending after each midnight) turns finding an instant's
 * place into a step or two instead of a binary search: the inbox asks thousands of questions.
 *
 * It relies on what calendar.ts relies on: local dates never run backwards (every instant of
 * local day d comes before every instant of day d + 1), so the days' intervals, appended in
 * day order, stay sorted and disjoint.
 */
import { DAY_MS, HOUR_MS, MAX_INSTANT } from './time-zone';

/** Local offsets lie within UTC−12 … UTC+14; 15 h covers every day an instant can belong to. */
export const MARGIN_MS = 15 * HOUR_MS;
/** Days added at least per growth, so a run of questions a little further on builds once. */
const MIN_GROWTH_DAYS = 16;
const LAST_DAY = Math.floor(MAX_INSTANT / DAY_MS);

/** Working intervals of one local day, flat and sorted: [start0, end0, start1, end1, …]. */
export type DayIntervals = (dayNumber: number) => readonly number[];

export class WorkTable {
  private readonly dayIntervals: DayIntervals;
  /** Local days covered: [firstDay, endDay). Empty until the first question. */
  private firstDay = 0;
  private endDay = 0;
  /** Interval i is [starts[i], ends[i]); adjacent intervals are merged. */
  private starts: number[] = [];
  private ends: number[] = [];
  /** Working time before interval i, counted from the start of firstDay. */
  private before: number[] = [];
  private total = 0;
  /** firstEnding[u − indexDay]: the first interval ending after UTC midnight of day u. */
  private firstEnding: number[] = [];
  private indexDay = 0;

  constructor(dayIntervals: DayIntervals) {
    this.dayIntervals = dayIntervals;
  }

  /** Working time (ms) in [from, to); 0 when to ≤ from. */
  between(from: number, to: number): number {
    if (!(to > from)) return 0;
    this.cover(from, to);
    return this.position(to) - this.position(from);
  }

  /**
   * The earliest t ≥ from with between(from, t) ≥ ms, or null when no such instant lies
   * within the supported range. The calendar must have some working day in its week.
   */
  advance(from: number, ms: number): number | null {
    if (!(ms > 0)) return from;
    this.cover(from, from);
    const first = this.locate(from);
    const goal = this.positionIn(first, from) + ms;
    while (this.total < goal) {
      if (this.endDay > LAST_DAY) return null;
      this.append(
        Math.min(LAST_DAY + 1, this.endDay + Math.max(MIN_GROWTH_DAYS, this.endDay - this.firstDay)),
      );
    }
    // The first interval whose end reaches the goal holds the instant.
    const { starts, ends, before } = this;
    let lo = Math.min(first, starts.length - 1);
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((before[mid] as number) + (ends[mid] as number) - (starts[mid] as number) >= goal) hi = mid;
      else lo = mid + 1;
    }
    return (starts[lo] as number) + (goal - (before[lo] as number));
  }

  /** Working time from the start of firstDay to t; t must be covered. */
  private position(t: number): number {
    return this.positionIn(this.locate(t), t);
  }

  /** The first interval ending after t (the count of intervals when none does); t must be covered. */
  private locate(t: number): number {
    const { ends } = this;
    const day = Math.floor(t / DAY_MS) - this.indexDay;
    let k = day < this.firstEnding.length ? (this.firstEnding[day] as number) : ends.length;
    while (k < ends.length && (ends[k] as number) <= t) k++;
    return k;
  }

  /** Working time before t, given k = locate(t): every interval before k ends by t. */
  private positionIn(k: number, t: number): number {
    if (k === this.starts.length) return this.total;
    const into = t - (this.starts[k] as number);
    return (this.before[k] as number) + Math.max(into, 0);
  }

  /** Makes the table hold every local day an instant in [from, to] can fall on. */
  private cover(from: number, to: number): void {
    const lo = Math.floor((from - MARGIN_MS) / DAY_MS);
    const hi = Math.floor((to + MARGIN_MS) / DAY_MS) + 1;
    if (this.endDay === this.firstDay) {
      this.firstDay = lo;
      this.endDay = lo;
      this.append(Math.max(hi, lo + MIN_GROWTH_DAYS));
      return;
    }
    if (lo < this.firstDay) this.prepend(Math.min(lo, this.firstDay - (this.endDay - this.firstDay)));
    if (hi > this.endDay) this.append(Math.max(hi, this.endDay + MIN_GROWTH_DAYS));
  }

  /** Adds days endDay … end − 1. */
  private append(end: number): void {
    for (let day = this.endDay; day < end; day++) {
      const intervals = this.dayIntervals(day);
      for (let i = 0; i < intervals.length; i += 2)
        this.push(intervals[i] as number, intervals[i + 1] as number);
    }
    this.endDay = end;
  }

  /** Rebuilds the table from day `start` on (earlier days shift every running total). */
  private prepend(start: number): void {
    const end = this.endDay;
    this.starts = [];
    this.ends = [];
    this.before = [];
    this.total = 0;
    this.firstEnding = [];
    this.firstDay = start;
    this.endDay = start;
    this.append(end);
  }

  private push(start: number, end: number): void {
    if (this.ends.length === 0) {
      // Index from the first UTC day an instant of firstDay (local) can fall on.
      this.indexDay = Math.floor((this.firstDay * DAY_MS - MARGIN_MS) / DAY_MS);
      this.firstEnding = [];
    }
    const last = this.ends.length - 1;
    if (last >= 0 && this.ends[last] === start) this.ends[last] = end;
    else {
      this.starts.push(start);
      this.ends.push(end);
      this.before.push(this.total);
    }
    this.total += end - start;
    // Midnights before this interval's end and after the previous one's: this is the first ending after.
    const k = this.ends.length - 1;
    const { firstEnding } = this;
    while ((this.indexDay + firstEnding.length) * DAY_MS < end) firstEnding.push(k);
  }
}
