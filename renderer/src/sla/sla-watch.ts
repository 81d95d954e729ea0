/**
 * The watcher's pass over every open case, without React (SlaWatcher runs it on a timer and on
 * every change; tests run it directly with their own clock).
 */
import type { ContractSnapshot } from '../../../shared/contract/views';
import { escalate } from '../../../shared/sla/adapter-escalation';
import type { CaseSlaState } from '../../../shared/sla/from-replica';
import type { CaseSession } from '../core/case-session';
import { caseSla } from './case-sla';
import { type Alert, alertsFor, type CaseAlertBaseline, shouldEscalate } from './sla-alerts';
import type { AppInstant } from './test-clock';

/** When a case must be evaluated again although nothing in it changed. */
interface Checked {
  readonly snapshot: ContractSnapshot;
  readonly now: number;
  /** The next instant a clock of the case crosses into at-risk or breached. */
  readonly next: number;
}

/** What the watcher remembers between passes. */
export interface WatchState {
  readonly baselines: Map<string, CaseAlertBaseline>;
  /** Per case: skip the evaluation until the case changes or its next crossing comes. */
  readonly checked: Map<string, Checked>;
  /** Alert keys already shown. */
  readonly shown: Set<string>;
  /** `<caseId>/<firing key>` escalations this app tried to sign (tried once, never in a loop). */
  readonly attempted: Set<string>;
}

export function newWatchState(): WatchState {
  return { baselines: new Map(), checked: new Map(), shown: new Set(), attempted: new Set() };
}

/** The next instant a running clock enters at-risk or breached (Infinity: none ahead). */
export function nextCrossing(sla: CaseSlaState | null, now: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const clock of sla?.evaluation.clocks ?? []) {
    if (clock.phase !== 'running') continue;
    for (const at of [clock.atRiskAt, clock.dueAt]) if (at !== null && at > now && at < next) next = at;
  }
  // Pending escalations are retried on the next pass.
  return sla && sla.pending.length > 0 ? now : next;
}

/** The parts of a session the watcher uses. */
export type WatchedSession = Pick<CaseSession, 'caseId' | 'me' | 'snapshot' | 'run'>;

/**
 * One pass over every open case: notify what changed since the last pass, and sign the
 * escalations this app is the one to sign (never under a test clock). Exported for tests.
 */
export function checkCases(
  sessions: readonly WatchedSession[],
  instant: AppInstant,
  state: WatchState,
  show: (alert: Alert) => void,
): void {
  for (const session of sessions) {
    const snapshot = session.snapshot();
    if (!snapshot.case) continue;
    // Sessions keep their snapshot object until the case changes: same object, same log.
    const last = state.checked.get(session.caseId);
    if (last && last.snapshot === snapshot && instant.now >= last.now && instant.now < last.next) continue;
    const outcome = caseSla(session, instant.now);
    const sla = outcome.ok ? outcome.value : null;
    state.checked.set(session.caseId, { snapshot, now: instant.now, next: nextCrossing(sla, instant.now) });
    const { alerts, baseline } = alertsFor(
      session.caseId,
      snapshot,
      session.me,
      sla,
      state.baselines.get(session.caseId),
    );
    state.baselines.set(session.caseId, baseline);
    for (const alert of alerts) {
      if (state.shown.has(alert.key)) continue;
      state.shown.add(alert.key);
      show(alert);
    }
    if (!sla || instant.test) continue;
    for (const firing of sla.pending) {
      const attempt = `${session.caseId}/${firing.key}`;
      if (state.attempted.has(attempt) || !shouldEscalate(firing, snapshot, session.me)) continue;
      state.attempted.add(attempt);
      session.run((ctx) => escalate(ctx, firing, sla.evaluation));
    }
  }
}
