import { describe, expect, it } from 'vitest';
import { evaluateSla, minutesToBreach } from '../../../shared/sla/evaluate';
import type { SlaClock, SlaEvaluation, SlaEvent } from '../../../shared/sla/types';
import { TERMS, at, log, opened, reply, status } from './fixtures';

function evaluate(events: SlaEvent[], now: number, terms = TERMS): SlaEvaluation {
  const result = evaluateSla({ terms, events, now });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}
const clock = (evaluation: SlaEvaluation, id: string): SlaClock => {
  const found = evaluation.clocks.find((c) => c.id === id);
  if (!found) throw new Error(`no clock ${id}`);
  return found;
};

describe('first response', () => {
  const events = log(['cust', at(3, '09:00'), opened()]);
  it('is on track, then at risk at the threshold, then breached after the due time', () => {
    expect(clock(evaluate(events, at(3, '09:44')), 'first-response')).toMatchObject({
      state: 'on-track',
      elapsedMinutes: 44,
      remainingMinutes: 16,
      dueAt: at(3, '10:00'),
      atRiskAt: at(3, '09:45'),
      committedBy: 'provider',
      phase: 'running',
    });
    expect(clock(evaluate(events, at(3, '09:45')), 'first-response').state).toBe('at-risk');
    expect(clock(evaluate(events, at(3, '10:00')), 'first-response').state).toBe('at-risk');
    const late = clock(evaluate(events, at(3, '10:01')), 'first-response');
    expect(late).toMatchObject({ state: 'breached', remainingMinutes: -1 });
    expect(late.crossings).toEqual([
      { trigger: 'at-risk', at: at(3, '09:45'), ordinal: 1 },
      { trigger: 'breached', at: at(3, '10:00'), ordinal: 1 },
    ]);
  });
  it("stops at the provider's first public reply, not at an internal note or the customer's message", () => {
    const replied = [
      ...events,
      ...log(
        ['agent', at(3, '09:20'), reply('provider', false)],
        ['agent2', at(3, '09:50'), reply('provider')],
      ),
      ...log(['cust2', at(3, '09:30'), reply('customer')]),
    ];
    const evaluation = evaluate(replied, at(4, '12:00'));
    expect(clock(evaluation, 'first-response')).toMatchObject({
      state: 'met',
      stoppedAt: at(3, '09:50'),
      phase: 'stopped',
    });
    expect(clock(evaluation, 'first-response').crossings).toEqual([
      { trigger: 'at-risk', at: at(3, '09:45'), ordinal: 1 },
    ]);
  });
  it('counts a reply exactly at the due time as met and one a minute later as breached', () => {
    expect(
      clock(evaluate([...events, ...log(['a', at(3, '10:00'), reply()])], at(5, '10:00')), 'first-response')
        .state,
    ).toBe('met');
    expect(
      clock(evaluate([...events, ...log(['a', at(3, '10:01'), reply()])], at(5, '10:00')), 'first-response')
        .state,
    ).toBe('breached');
  });
  it('sorts the inbox by the clock closest to breach', () => {
    const evaluation = evaluate(events, at(3, '09:40'));
    expect(minutesToBreach(evaluation)).toBe(20); // first response: 20 of 60 minutes left
    const replied = evaluate([...events, ...log(['a', at(3, '09:50'), reply()])], at(3, '11:00'));
    expect(minutesToBreach(replied)).toBe(16 * 60 - 120); // only the resolution clock still runs
  });
  it('only counts working time: opened Friday 16:30, due Monday 09:30', () => {
    const evaluation = evaluate(log(['cust', at(7, '16:30'), opened()]), at(8, '12:00'));
    expect(clock(evaluation, 'first-response')).toMatchObject({
      dueAt: at(10, '09:30'),
      elapsedMinutes: 30,
      state: 'on-track',
    });
  });
});

describe('resolution', () => {
  it('picks the category target over the general one ("lost pet 2 h, lost baggage 8 h")', () => {
    const pet = evaluate(log(['c', at(3, '09:00'), opened({ category: 'lost pet' })]), at(3, '09:00'));
    const bag = evaluate(log(['c', at(3, '09:00'), opened({ category: 'lost baggage' })]), at(3, '09:00'));
    const other = evaluate(log(['c', at(3, '09:00'), opened({ category: 'damaged' })]), at(3, '09:00'));
    expect(clock(pet, 'resolution')).toMatchObject({ targetId: 'res-pet', dueAt: at(3, '11:00') });
    expect(clock(bag, 'resolution')).toMatchObject({ targetId: 'res-bag', dueAt: at(3, '17:00') });
    expect(clock(other, 'resolution')).toMatchObject({ targetId: 'res-normal', dueAt: at(4, '17:00') });
  });
  it('pauses while waiting on the customer, across the night, and reports the pause', () => {
    const events = log(
      ['c', at(3, '09:00'), opened()],
      ['p', at(3, '10:00'), status('waiting-on-customer')],
      ['c', at(4, '11:00'), status('open')],
    );
    const running = clock(evaluate(events, at(4, '12:00')), 'resolution');
    expect(running).toMatchObject({ elapsedMinutes: 120, phase: 'running', dueAt: at(7, '10:00') }); // 6 June: holiday
    expect(running.pausedIntervals).toEqual([
      { from: at(3, '10:00'), to: at(4, '11:00'), status: 'waiting-on-customer' },
    ]);
    const paused = clock(evaluate(events.slice(0, 2), at(4, '12:00')), 'resolution');
    expect(paused).toMatchObject({ elapsedMinutes: 60, phase: 'paused', state: 'on-track' });
    expect(paused.pausedIntervals).toEqual([
      { from: at(3, '10:00'), to: null, status: 'waiting-on-customer' },
    ]);
    // While paused, the due time reads "if it resumed now": 15 h after 12:00 on Tuesday.
    expect(paused.dueAt).toBe(at(7, '11:00')); // Thursday 6 June is a holiday
  });
  it('stops when resolved and continues where it left off when reopened', () => {
    const events = log(
      ['c', at(3, '09:00'), opened()],
      ['p', at(3, '13:00'), status('resolved')],
      ['c', at(4, '09:00'), status('open')],
    );
    expect(clock(evaluate(events.slice(0, 2), at(4, '09:00')), 'resolution')).toMatchObject({
      state: 'met',
      elapsedMinutes: 240,
      stoppedAt: at(3, '13:00'),
    });
    const reopened = clock(evaluate(events, at(4, '10:00')), 'resolution');
    expect(reopened).toMatchObject({
      state: 'on-track',
      elapsedMinutes: 300,
      phase: 'running',
      stoppedAt: null,
    });
  });
  it('re-targets on a priority change and counts each crossing', () => {
    const events = log(
      ['c', at(3, '09:00'), opened()],
      ['p', at(3, '14:00'), { type: 'priority', priority: 'urgent' }],
      ['p', at(3, '15:00'), { type: 'priority', priority: 'normal' }],
      ['p', at(4, '09:00'), { type: 'priority', priority: 'urgent' }],
    );
    const evaluation = evaluate(events, at(4, '10:00'));
    const resolution = clock(evaluation, 'resolution');
    expect(resolution).toMatchObject({ targetId: 'res-urgent', state: 'breached', elapsedMinutes: 540 });
    expect(resolution.crossings).toEqual([
      { trigger: 'at-risk', at: at(3, '14:00'), ordinal: 1 },
      { trigger: 'breached', at: at(3, '14:00'), ordinal: 1 },
      { trigger: 'at-risk', at: at(4, '09:00'), ordinal: 2 },
      { trigger: 'breached', at: at(4, '09:00'), ordinal: 2 },
    ]);
  });
  it('has no clock when no target applies', () => {
    const evaluation = evaluate(
      log(['c', at(3, '09:00'), { ...opened(), priority: 'low' } as never]),
      at(3, '10:00'),
    );
    expect(evaluation.clocks).toEqual([]);
    expect(minutesToBreach(evaluation)).toBe(Infinity);
  });
});

describe('refused input', () => {
  const base = log(['c', at(3, '09:00'), opened()]);
  const refuse = (events: SlaEvent[], now = at(3, '10:00'), terms = TERMS) => {
    const result = evaluateSla({ terms, events, now });
    return result.ok ? 'accepted' : result.error;
  };
  it('gives typed errors', () => {
    expect(refuse([])).toEqual({ code: 'missing-opened' });
    expect(refuse([...base, { ...(base[0] as SlaEvent), seq: 2 }])).toEqual({ code: 'multiple-opened' });
    expect(refuse([...base, { ...(base[0] as SlaEvent), type: 'other' }])).toEqual({
      code: 'duplicate-event',
      author: 'c',
      seq: 1,
    });
    expect(refuse(base, Number.NaN)).toEqual({ code: 'invalid-now' });
    expect(refuse([...base, { type: 'status', status: '', author: 'p', seq: 1, at: 0 }])).toEqual({
      code: 'invalid-event',
      index: 1,
      detail: 'status',
    });
    expect(
      refuse([...base, { type: 'other', author: 'p', seq: 1, at: Number.POSITIVE_INFINITY }]),
    ).toMatchObject({
      detail: 'timestamp',
    });
    expect(refuse(base, at(3, '10:00'), { ...TERMS, atRiskThreshold: 1.5 })).toMatchObject({
      code: 'invalid-terms',
    });
    expect(
      refuse(base, at(3, '10:00'), { ...TERMS, calendar: { ...TERMS.calendar, timeZone: 'Nowhere/Else' } }),
    ).toEqual({
      code: 'invalid-calendar',
      error: { code: 'invalid-time-zone', timeZone: 'Nowhere/Else' },
    });
    const cycle: SlaEvent[] = [
      ...base,
      { type: 'other', author: 'p', seq: 1, at: at(3, '09:10'), after: [{ author: 'q', seq: 1 }] },
      { type: 'other', author: 'q', seq: 1, at: at(3, '09:10'), after: [{ author: 'p', seq: 1 }] },
    ];
    expect(refuse(cycle)).toEqual({ code: 'causal-cycle' });
  });
});
