import { useEffect, useMemo, useState } from 'react';
import type { CaseSession } from '../core/case-session';
import { type CaseSlaOutcome, caseSla } from './case-sla';
import { type AppInstant, appNow } from './test-clock';

export interface SlaClockOptions {
  /** Where "now" comes from; default: the test clock when set, else the device clock. Tests inject one. */
  readonly clock?: () => AppInstant;
  /** How often the clocks tick (ms); default one second, so remaining time counts down live. */
  readonly intervalMs?: number;
}

export interface LiveCaseSla {
  readonly outcome: CaseSlaOutcome;
  readonly now: number;
  /** A test clock decided `now` (docs in test-clock.ts). */
  readonly testClock: boolean;
}

/** Re-renders every `intervalMs` and whenever the session changes; returns the clock reading. */
export function useTicking(
  subscribe: ((listener: () => void) => () => void) | undefined,
  options: SlaClockOptions = {},
): AppInstant & { readonly revision: number } {
  const clock = options.clock ?? appNow;
  const intervalMs = options.intervalMs ?? 1000;
  const [instant, setInstant] = useState<AppInstant>(() => clock());
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setInstant(clock()), intervalMs);
    return () => clearInterval(timer);
  }, [clock, intervalMs]);
  useEffect(() => {
    if (!subscribe) return;
    return subscribe(() => {
      setRevision((r) => r + 1);
      setInstant(clock());
    });
  }, [subscribe, clock]);
  return { ...instant, revision };
}

/**
 * The case's SLA clocks, live: evaluated from the session's verified signed log at the current
 * (or test) instant, again every tick and on every change to the case.
 */
export function useCaseSla(session: CaseSession, options: SlaClockOptions = {}): LiveCaseSla {
  const subscribe = useMemo(() => session.subscribe.bind(session), [session]);
  const { now, test, revision } = useTicking(subscribe, options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision marks a change inside the session
  const outcome = useMemo(() => caseSla(session, now), [session, now, revision]);
  return { outcome, now, testClock: test };
}
