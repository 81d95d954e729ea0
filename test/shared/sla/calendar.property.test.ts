/**
 * Property tests: the calendar arithmetic agrees with the minute-by-minute reference on
 * random calendars (DST zones, holidays, night shifts, odd hours) and spans from minutes to
 * weeks. Seeded: set SLA_PROPERTY_SEED to replay; the seed is in every failure message.
 */
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../../shared/sla/calendar';
import type { CompiledCalendar } from '../../../shared/sla/calendar';
import type { BusinessCalendar } from '../../../shared/contract/sla-terms';
import { referenceAddMinutes, referenceMinutesBetween } from './reference';
import { budget, int, propertySeed, randomCalendar, randomInstant, seeded, weeklyMinutes } from './random';

const MINUTE = 60_000;
const SEED = propertySeed(20_241_124);

function compiled(calendar: BusinessCalendar): CompiledCalendar {
  const result = compileCalendar(calendar);
  if (!result.ok) throw new Error(`calendar refused: ${JSON.stringify(result.error)}`);
  return result.calendar;
}

describe(`business calendar vs minute-by-minute reference (seed ${SEED})`, () => {
  it('counts the same working minutes between two instants', () => {
    const rng = seeded(SEED);
    const more = budget(40, 120, 4000);
    for (let run = 0; more(run); run++) {
      const from = randomInstant(rng);
      const calendar = randomCalendar(rng, from);
      const spanMinutes = [int(rng, 1, 600), int(rng, 600, 5 * 1440), int(rng, 7 * 1440, 21 * 1440)][
        int(rng, 0, 2)
      ] as number;
      const to = from + spanMinutes * MINUTE;
      const got = compiled(calendar).minutesBetween(from, to);
      const want = referenceMinutesBetween(calendar, from, to);
      expect(got, `seed ${SEED} run ${run}: ${JSON.stringify({ calendar, from, to })}`).toBe(want);
    }
  });

  it('finds the same due instant for targets from minutes to weeks', () => {
    const rng = seeded(SEED + 1);
    const more = budget(40, 120, 4000);
    for (let run = 0; more(run); run++) {
      const from = randomInstant(rng);
      const calendar = randomCalendar(rng, from);
      const weekly = weeklyMinutes(calendar);
      const kind = int(rng, 0, 2);
      let minutes =
        kind === 0 ? int(rng, 0, 120) : kind === 1 ? int(rng, 120, 3000) : int(rng, weekly, 2 * weekly);
      minutes = Math.min(minutes, 3 * weekly); // keeps the reference walk within a few weeks
      const got = compiled(calendar).addMinutes(from, minutes);
      const want = referenceAddMinutes(calendar, from, minutes);
      expect(got, `seed ${SEED} run ${run}: ${JSON.stringify({ calendar, from, minutes })}`).toBe(want);
    }
  });
});

describe(`one compiled calendar asked in any order vs the reference (seed ${SEED})`, () => {
  // The compiled calendar keeps one growing table of working intervals per calendar: questions
  // weeks before, after and inside what it already holds must all agree with the reference.
  it('agrees however far earlier or later each next question lies', () => {
    const rng = seeded(SEED + 2);
    const more = budget(10, 40, 4000);
    for (let run = 0; more(run); run++) {
      const around = randomInstant(rng);
      const calendar = randomCalendar(rng, around);
      const cal = compiled({ ...calendar, holidays: [...calendar.holidays] }); // a fresh table
      const weekly = weeklyMinutes(calendar);
      for (let question = 0; question < 6; question++) {
        const from = around + int(rng, -60, 60) * 1440 * MINUTE + int(rng, 0, 1439) * MINUTE;
        const context = `seed ${SEED} run ${run} question ${question}: ${JSON.stringify({ calendar, from })}`;
        const to = from + int(rng, 1, 3 * 1440) * MINUTE;
        expect(cal.minutesBetween(from, to), context).toBe(referenceMinutesBetween(calendar, from, to));
        const minutes = Math.min(int(rng, 0, 2 * weekly), 3 * weekly);
        expect(cal.addMinutes(from, minutes), context).toBe(referenceAddMinutes(calendar, from, minutes));
      }
    }
  });
});

describe('business calendar: fixed cases', () => {
  const office: BusinessCalendar = {
    timeZone: 'Europe/Berlin',
    week: [[], ...Array.from({ length: 5 }, () => [{ start: 540, end: 1020 }]), []],
    holidays: ['2024-12-25', '2024-12-26'],
  };
  it('skips nights, weekends and holidays', () => {
    const cal = compiled(office);
    // Tue 24 Dec 2024 16:00 CET + 2 h → Fri 27 Dec 10:00 CET (25th and 26th are holidays).
    expect(cal.addMinutes(Date.parse('2024-12-24T15:00:00Z'), 120)).toBe(Date.parse('2024-12-27T09:00:00Z'));
  });
  it('keeps working hours in local time across a DST change', () => {
    const cal = compiled(office);
    // Fri 29 Mar 2024 16:00 CET + 2 h → Mon 1 Apr 10:00 CEST (08:00 UTC, not 09:00).
    expect(cal.addMinutes(Date.parse('2024-03-29T15:00:00Z'), 120)).toBe(Date.parse('2024-04-01T08:00:00Z'));
  });
  it('counts the repeated fall-back hour twice and the skipped spring hour not at all', () => {
    const night = compiled({
      timeZone: 'Europe/Berlin',
      week: Array.from({ length: 7 }, () => [{ start: 0, end: 1440 }]),
      holidays: [],
    });
    const day = (date: string) =>
      night.minutesBetween(Date.parse(`${date}T00:00:00+02:00`), Date.parse(`${date}T23:00:00Z`));
    expect(day('2024-10-27')).toBe(25 * 60);
    expect(
      night.minutesBetween(Date.parse('2024-03-31T00:00:00+01:00'), Date.parse('2024-03-31T22:00:00Z')),
    ).toBe(23 * 60);
  });
  it('returns null when the calendar has no working time at all', () => {
    const cal = compiled({ timeZone: 'UTC', week: [[], [], [], [], [], [], []], holidays: [] });
    expect(cal.addMinutes(0, 1)).toBeNull();
    expect(cal.addMinutes(0, 0)).toBe(0);
  });
  it('refuses malformed calendars with a typed error', () => {
    expect(compileCalendar({ ...office, timeZone: 'Mars/Olympus' })).toEqual({
      ok: false,
      error: { code: 'invalid-time-zone', timeZone: 'Mars/Olympus' },
    });
    expect(compileCalendar({ ...office, week: office.week.slice(1) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-week' },
    });
    const badHours = office.week.map((d, i) => (i === 2 ? [{ start: 600, end: 500 }] : d));
    expect(compileCalendar({ ...office, week: badHours })).toEqual({
      ok: false,
      error: { code: 'invalid-working-hours', weekday: 2, index: 0 },
    });
    expect(compileCalendar({ ...office, holidays: ['2024-02-30'] })).toEqual({
      ok: false,
      error: { code: 'invalid-holiday', value: '2024-02-30' },
    });
  });
});
