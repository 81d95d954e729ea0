/**
 * Escalation: which steps of the terms' escalation rules fire, given evaluated clocks. Output
 * is data; the app or CLI signs each firing as an event. A firing has a deterministic key
 * (rule, clock, trigger, crossing ordinal), so every peer derives the same key for the same
 * crossing and a firing already in the log (by any peer) is never produced again.
 */
import type { EscalationRule, EscalationStep, SlaTerms } from '../contract/sla-terms';
import type { SlaClock, SlaEvaluation } from './types';

export interface EscalationFiring {
  /** `<rule id>/<clock id>/<trigger>/<ordinal>`: sign it with the event, dedupe on it. */
  readonly key: string;
  readonly ruleId: string;
  readonly clockId: string;
  readonly trigger: EscalationRule['on'];
  /** When the clock crossed into the trigger's state (from the log, identical on all peers). */
  readonly crossedAt: number;
  readonly ordinal: number;
  readonly steps: readonly EscalationStep[];
  /** True when the clock has since left that state (e.g. at-risk, then met): informational. */
  readonly superseded: boolean;
}

export function escalationKey(ruleId: string, clockId: string, trigger: string, ordinal: number): string {
  return `${ruleId}/${clockId}/${trigger}/${ordinal}`;
}

function stillHolds(clock: SlaClock, trigger: EscalationRule['on']): boolean {
  if (trigger === 'breached') return clock.state === 'breached';
  return clock.state === 'at-risk' || clock.state === 'breached';
}

/**
 * The firings due now and not yet recorded: one per rule per crossing of a case clock of the
 * rule's kind. `alreadyFired` holds the keys of escalation events already in the signed log.
 * Sorted by crossing time, then rule id, so all peers list them alike.
 */
export function evaluateEscalations(
  terms: Pick<SlaTerms, 'escalations'>,
  evaluation: SlaEvaluation,
  alreadyFired: ReadonlySet<string> | readonly string[] = [],
): EscalationFiring[] {
  const fired = alreadyFired instanceof Set ? alreadyFired : new Set(alreadyFired as readonly string[]);
  const firings: EscalationFiring[] = [];
  for (const rule of terms.escalations) {
    for (const clock of evaluation.clocks) {
      if (clock.kind !== rule.targetKind) continue;
      for (const crossing of clock.crossings) {
        if (crossing.trigger !== rule.on) continue;
        const key = escalationKey(rule.id, clock.id, crossing.trigger, crossing.ordinal);
        if (fired.has(key)) continue;
        firings.push({
          key,
          ruleId: rule.id,
          clockId: clock.id,
          trigger: rule.on,
          crossedAt: crossing.at,
          ordinal: crossing.ordinal,
          steps: rule.steps,
          superseded: !stillHolds(clock, rule.on),
        });
      }
    }
  }
  firings.sort((a, b) => a.crossedAt - b.crossedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return firings;
}
