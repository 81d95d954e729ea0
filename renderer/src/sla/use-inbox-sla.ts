import { useMemo } from 'react';
import type { SlaClock } from '../../../shared/sla/types';
import type { CaseSession } from '../core/case-session';
import { caseSla, type SlaSession } from './case-sla';
import { clockName, worstClock } from './sla-words';
import { type SlaClockOptions, useTicking } from './use-case-sla';

/** One inbox row's SLA: its most urgent clock and the sort key "time to breach". */
export interface InboxSla {
  readonly worst: SlaClock | null;
  /** Which clock `worst` is, in words. */
  readonly name: string;
  /** Business minutes until the first breach (negative: breached; Infinity: nothing can breach). */
  readonly minutesToBreach: number;
}

const NONE: InboxSla = { worst: null, name: '', minutesToBreach: Number.POSITIVE_INFINITY };

/** The SLA of every case at `now` (pure: the inbox hook and tests use it). */
export function inboxSla(sessions: readonly SlaSession[], now: number): ReadonlyMap<string, InboxSla> {
  const out = new Map<string, InboxSla>();
  for (const session of sessions) {
    const outcome = caseSla(session, now);
    if (!outcome.ok) {
      out.set(session.caseId, NONE);
      continue;
    }
    const worst = worstClock(outcome.value.evaluation.clocks);
    out.set(session.caseId, {
      worst,
      name: worst ? clockName(worst, session.snapshot()) : '',
      minutesToBreach: outcome.value.minutesToBreach,
    });
  }
  return out;
}

/** Sorts "time to breach": the case closest to (or furthest past) a breach first. */
export function compareTimeToBreach(a: InboxSla | undefined, b: InboxSla | undefined): number {
  return (a?.minutesToBreach ?? Number.POSITIVE_INFINITY) - (b?.minutesToBreach ?? Number.POSITIVE_INFINITY);
}

/**
 * The inbox's SLA per case, re-evaluated every few seconds and whenever a case changes
 * (`revision` of the case library).
 */
export function useInboxSla(
  sessions: readonly CaseSession[],
  revision: number,
  options: SlaClockOptions = {},
): ReadonlyMap<string, InboxSla> {
  // Many cases: badges to the half minute are enough, and spare the device.
  const intervalMs = sessions.length > 100 ? 30_000 : 5_000;
  const { now } = useTicking(undefined, { intervalMs, ...options });
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision marks a change inside any case
  return useMemo(() => inboxSla(sessions, now), [sessions, now, revision]);
}
