import type { ContractSnapshot } from '../../../shared/contract/views';
import type { SlaClock } from '../../../shared/sla/types';
import type { CaseSession } from '../core/case-session';
import { formatDateTime } from '../workspace/format';
import { SlaStateBadge } from './SlaBadge';
import { clockName, compareClocks, remainingWords } from './sla-words';
import { type SlaClockOptions, useCaseSla } from './use-case-sla';
import './sla.css';

const ROLE_OWNER: Readonly<Record<string, string>> = {
  provider: "provider's commitment",
  customer: "customer's commitment",
  partner: "partner's commitment",
};

function ClockRow({ clock, snapshot }: { clock: SlaClock; snapshot: Pick<ContractSnapshot, 'actions'> }) {
  const name = clockName(clock, snapshot);
  const paused = clock.phase === 'paused';
  const detail =
    clock.state === 'met'
      ? clock.stoppedAt !== null
        ? `met ${formatDateTime(clock.stoppedAt)}`
        : 'met'
      : clock.phase === 'waiting'
        ? `waits on ${clock.waitingOn.length === 1 ? 'another action' : `${clock.waitingOn.length} actions`}`
        : `${paused ? 'paused · ' : ''}due ${clock.dueAt !== null ? formatDateTime(clock.dueAt) : '—'}`;
  return (
    <li
      className={`sla-clock sla-clock--${clock.state}`}
      data-testid={`sla-clock-${clock.id}`}
      data-state={clock.state}
    >
      <span className="sla-clock__name">{name}</span>
      <SlaStateBadge state={clock.state} />
      <span className="sla-clock__remaining" data-testid="sla-remaining">
        {clock.state === 'met' ? '' : remainingWords(clock.remainingMinutes)}
      </span>
      <span className="sla-clock__detail muted small">
        {detail} · {ROLE_OWNER[clock.committedBy] ?? clock.committedBy}
      </span>
    </li>
  );
}

/**
 * The case's time targets for the case header: every clock with its state and remaining business
 * time counting down live; a breach is announced in a red banner (role "alert") and at-risk clocks
 * are marked, with icons as well as colour.
 */
export function SlaClocks({ session, options }: { session: CaseSession; options?: SlaClockOptions }) {
  const { outcome, testClock } = useCaseSla(session, options);
  if (!outcome.ok) {
    if (outcome.error.code !== 'no-terms') return null;
    return (
      <p className="sla-none muted small" data-testid="sla-clocks" data-state="none">
        No time targets agreed for this case.
      </p>
    );
  }
  const { evaluation } = outcome.value;
  const snapshot = session.snapshot();
  const clocks = [...evaluation.clocks].sort(compareClocks);
  const breached = clocks.filter((c) => c.state === 'breached' && c.phase !== 'stopped');
  const atRisk = clocks.filter((c) => c.state === 'at-risk');
  const worst = breached.length > 0 ? 'breached' : atRisk.length > 0 ? 'at-risk' : 'ok';
  return (
    <section
      className={`sla-panel sla-panel--${worst}`}
      aria-label="Time targets"
      data-testid="sla-clocks"
      data-state={worst}
    >
      {breached.length > 0 && (
        <p className="sla-banner sla-banner--breached" role="alert" data-testid="sla-breach-banner">
          <span aria-hidden="true">✖ </span>
          <strong>Target breached:</strong> {breached.map((c) => clockName(c, snapshot)).join(', ')} —{' '}
          {remainingWords(breached[0]?.remainingMinutes ?? null)}
        </p>
      )}
      {breached.length === 0 && atRisk.length > 0 && (
        <p className="sla-banner sla-banner--at-risk" role="status">
          <span aria-hidden="true">⚠ </span>
          <strong>At risk:</strong> {atRisk.map((c) => clockName(c, snapshot)).join(', ')} —{' '}
          {remainingWords(atRisk[0]?.remainingMinutes ?? null)}
        </p>
      )}
      {clocks.length === 0 ? (
        <p className="muted small">No target applies to this case's priority and category.</p>
      ) : (
        <ul className="sla-clocks">
          {clocks.map((clock) => (
            <ClockRow key={clock.id} clock={clock} snapshot={snapshot} />
          ))}
        </ul>
      )}
      {testClock && (
        <p className="sla-test-clock small" data-testid="sla-test-clock">
          Test clock: {formatDateTime(evaluation.evaluatedAt)}
        </p>
      )}
    </section>
  );
}
