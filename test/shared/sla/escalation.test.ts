import { describe, expect, it } from 'vitest';
import { evaluateEscalations } from '../../../shared/sla/escalation';
import { evaluateSla } from '../../../shared/sla/evaluate';
import type { SlaEvent } from '../../../shared/sla/types';
import { TERMS, at, log, opened, reply } from './fixtures';

function firingsAt(events: SlaEvent[], now: number, fired: string[] = []) {
  const result = evaluateSla({ terms: TERMS, events, now });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return evaluateEscalations(TERMS, result.value, fired);
}

describe('escalations', () => {
  const events = log(['c', at(3, '09:00'), opened()]);
  it('fires nothing before a crossing and the matching rule once the target is at risk', () => {
    expect(firingsAt(events, at(3, '09:44'))).toEqual([]);
    expect(firingsAt(events, at(3, '09:45'))).toEqual([
      {
        key: 'warn/first-response/at-risk/1',
        ruleId: 'warn',
        clockId: 'first-response',
        trigger: 'at-risk',
        crossedAt: at(3, '09:45'),
        ordinal: 1,
        steps: [{ kind: 'notify', roles: ['provider'] }],
        superseded: false,
      },
    ]);
  });
  it('fires once per crossing: a firing already in the log is not produced again', () => {
    expect(firingsAt(events, at(3, '16:00'), ['warn/first-response/at-risk/1'])).toEqual([]);
  });
  it('marks a firing superseded when the clock has since left the state', () => {
    const met = [...events, ...log(['p', at(3, '09:50'), reply()])];
    expect(firingsAt(met, at(3, '12:00'))).toMatchObject([
      { key: 'warn/first-response/at-risk/1', superseded: true },
    ]);
  });
  it('fires breach rules with their steps, and again on a new crossing after a priority change', () => {
    const longCase = [...events, ...log(['p', at(3, '09:10'), reply()])];
    expect(firingsAt(longCase, at(4, '17:00'))).toEqual([]);
    const breach = firingsAt(longCase, at(5, '11:00'));
    expect(breach.map((f) => f.key)).toEqual(['bump/resolution/breached/1']);
    expect(breach[0]?.crossedAt).toBe(at(4, '17:00')); // 16 working hours: Monday and Tuesday
    expect(breach[0]?.steps[0]).toEqual({ kind: 'raise-priority', to: 'urgent' });
    const urgentThenNormal = [
      ...events,
      ...log(
        ['p', at(3, '14:00'), { type: 'priority', priority: 'urgent' }],
        ['p', at(3, '15:00'), { type: 'priority', priority: 'normal' }],
        ['p', at(4, '09:00'), { type: 'priority', priority: 'urgent' }],
      ),
    ];
    const fired = ['bump/resolution/breached/1', 'warn/first-response/at-risk/1'];
    expect(firingsAt(urgentThenNormal, at(4, '10:00'), fired).map((f) => f.key)).toEqual([
      'bump/resolution/breached/2',
    ]);
  });
});
