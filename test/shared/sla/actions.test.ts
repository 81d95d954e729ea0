import { describe, expect, it } from 'vitest';
import { evaluateSla } from '../../../shared/sla/evaluate';
import type { ActionSnapshot, SlaClock, SlaEvent, SlaEventBody } from '../../../shared/sla/types';
import { TERMS, at, log, opened, status } from './fixtures';

const action = (snapshot: Partial<ActionSnapshot> & Pick<ActionSnapshot, 'id'>): SlaEventBody => ({
  type: 'action',
  action: { status: 'agreed', ownerRole: 'provider', dependsOn: [], due: null, ...snapshot },
});

const events: SlaEvent[] = log(
  ['cust', at(3, '09:00'), opened()],
  ['prov', at(3, '09:30'), action({ id: 'diagnose', due: { kind: 'within', minutes: 240 } })],
  [
    'prov',
    at(3, '09:30'),
    action({
      id: 'replace-chip',
      ownerRole: 'partner',
      dependsOn: ['diagnose'],
      due: { kind: 'within', minutes: 480 },
    }),
  ],
  [
    'cust',
    at(3, '09:30'),
    action({ id: 'ship-laptop', ownerRole: 'customer', due: { kind: 'at', at: at(5, '17:00') } }),
  ],
  ['prov', at(3, '09:40'), action({ id: 'draft', status: 'proposed', due: { kind: 'within', minutes: 10 } })],
  ['prov', at(3, '14:00'), action({ id: 'diagnose', status: 'done', due: { kind: 'within', minutes: 240 } })],
  ['prov', at(4, '10:00'), status('waiting-on-customer')],
  ['cust', at(4, '12:00'), status('open')],
  [
    'cust',
    at(5, '12:00'),
    action({
      id: 'ship-laptop',
      ownerRole: 'customer',
      status: 'done',
      due: { kind: 'at', at: at(5, '17:00') },
    }),
  ],
);

function clocksAt(now: number, upTo = events.length): Map<string, SlaClock> {
  const visible = events.filter((event, i) => i < upTo && event.at <= now);
  const result = evaluateSla({ terms: TERMS, events: visible, now });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return new Map(
    result.value.clocks.filter((c) => c.kind === 'action').map((c) => [c.actionId as string, c]),
  );
}

describe('action clocks', () => {
  it('runs an agreed action and keeps a dependent one waiting, without a due time yet', () => {
    const clocks = clocksAt(at(3, '11:00'));
    expect(clocks.get('diagnose')).toMatchObject({
      phase: 'running',
      elapsedMinutes: 90,
      dueAt: at(3, '13:30'),
      state: 'on-track',
    });
    expect(clocks.get('replace-chip')).toMatchObject({
      phase: 'waiting',
      waitingOn: ['diagnose'],
      startedAt: null,
      dueAt: null,
      committedBy: 'partner',
      remainingMinutes: 480,
    });
    expect(clocks.has('draft')).toBe(false); // proposed, not a commitment yet
    expect(clocksAt(at(3, '12:30')).get('diagnose')?.state).toBe('at-risk');
  });
  it('starts the dependent action when its dependency is done and pauses it with the case', () => {
    const clocks = clocksAt(at(4, '13:00'));
    expect(clocks.get('diagnose')).toMatchObject({
      phase: 'stopped',
      state: 'breached',
      stoppedAt: at(3, '14:00'),
    });
    const chip = clocks.get('replace-chip');
    // Mon 14:00–17:00 and Tue 09:00–10:00 and 12:00–13:00: 300 of 480 minutes; due Tue 16:00.
    expect(chip).toMatchObject({
      phase: 'running',
      startedAt: at(3, '14:00'),
      elapsedMinutes: 300,
      dueAt: at(4, '16:00'),
    });
    expect(chip?.waitingOn).toEqual([]);
    expect(chip?.pausedIntervals).toEqual([
      { from: at(4, '10:00'), to: at(4, '12:00'), status: 'waiting-on-customer' },
    ]);
  });
  it('measures a fixed due date in business time and marks it met when done before it', () => {
    const early = clocksAt(at(3, '11:00')).get('ship-laptop');
    // 23.5 working hours from Mon 09:30 to Wed 17:00; at risk after 75 %: Wed 11:07:30.
    expect(early).toMatchObject({
      dueAt: at(5, '17:00'),
      atRiskAt: at(5, '11:07') + 30_000,
      remainingMinutes: 1410 - 90,
    });
    expect(clocksAt(at(5, '11:30'), 8).get('ship-laptop')?.state).toBe('at-risk');
    expect(clocksAt(at(5, '18:00'), 8).get('ship-laptop')?.state).toBe('breached');
    expect(clocksAt(at(5, '18:00')).get('ship-laptop')).toMatchObject({
      state: 'met',
      phase: 'stopped',
      stoppedAt: at(5, '12:00'),
    });
  });
});
