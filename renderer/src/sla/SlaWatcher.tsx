import { useEffect, useRef } from 'react';
import { useToasts } from '../components/Toasts';
import { detectPlatform, type Platform } from '../platform';
import { useCaseLibrary } from '../stores/case-library-store';
import type { Alert } from './sla-alerts';
import { checkCases, newWatchState } from './sla-watch';
import { type AppInstant, appNow } from './test-clock';

export interface WatchOptions {
  readonly clock?: () => AppInstant;
  /** How often every case is re-checked (ms); changes to a case are checked at once too. */
  readonly intervalMs?: number;
}

/**
 * One memory for the whole app: the watcher is mounted by the screens (inbox, case), and what
 * was already announced or escalated must survive moving between them.
 */
const watchState = newWatchState();

let detected: Platform | undefined;
/** The host, when the mounting screen does not pass it. */
function hostPlatform(): Platform {
  detected ??= detectPlatform();
  return detected;
}

/** Shows an alert: an in-app toast always, and a native notification on the desktop. */
function announce(alert: Alert, platform: Platform | undefined): void {
  useToasts.getState().show({ tone: alert.tone, title: alert.title, body: alert.body });
  // The browser's notify is an in-app toast too: only the desktop adds the native one.
  if (platform?.kind === 'desktop') {
    void platform
      .notify({ title: alert.title, body: alert.body, caseId: alert.caseId })
      .catch(() => undefined);
  }
}

/**
 * Watches every case on this device for SLA risk and breach and for new proposals addressed to
 * me: in-app toasts (and desktop notifications), and the escalations the terms call for. Mount
 * it where the unlocked app shows cases (several mounts share one memory). Renders nothing.
 */
export function SlaWatcher({ platform, options }: { platform?: Platform; options?: WatchOptions }) {
  const sessions = useCaseLibrary((s) => s.sessions);
  const revision = useCaseLibrary((s) => s.revision);
  const clock = options?.clock ?? appNow;
  const intervalMs = options?.intervalMs ?? 2000;
  const run = useRef<() => void>(() => undefined);
  run.current = () =>
    checkCases(Object.values(sessions), clock(), watchState, (alert) =>
      announce(alert, platform ?? hostPlatform()),
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision marks a change inside any case
  useEffect(() => {
    run.current();
  }, [sessions, revision]);
  useEffect(() => {
    const timer = setInterval(() => run.current(), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return null;
}
