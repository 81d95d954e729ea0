/**
 * The SLA state of an open case, computed from what the session verified: the contract's terms
 * and conversation (its snapshot) and the applied signed changes of its replica. No React here,
 * so the inbox, the case header, the notifier and tests share one computation.
 */
import type { ContractSnapshot } from '../../../shared/contract/views';
import { AppliedEventLog, type CaseSlaResult, evaluateCaseSla } from '../../../shared/sla/from-replica';
import type { Envelope } from '../../../shared/signed/envelope';
import type { CaseSession } from '../core/case-session';

/** What the SLA views need from a session: its snapshot and, when it has one, its signed log. */
export interface SlaSession {
  readonly caseId: string;
  readonly me: string;
  snapshot(): ContractSnapshot;
}

/** A session backed by a signed replica (BrowserCaseSession is one). */
interface ReplicaBacked {
  readonly replica: { appliedEnvelopes(): readonly Envelope[] };
}

function replicaOf(session: SlaSession): ReplicaBacked['replica'] | undefined {
  const replica = (session as Partial<ReplicaBacked>).replica;
  return replica && typeof replica.appliedEnvelopes === 'function' ? replica : undefined;
}

const logs = new WeakMap<object, AppliedEventLog>();

/** Why a case shows no SLA clocks. */
export type CaseSlaUnavailable =
  /** The session has no signed log to read events from (e.g. a preview session). */
  { readonly code: 'no-signed-log' };

export type CaseSlaOutcome = CaseSlaResult | { readonly ok: false; readonly error: CaseSlaUnavailable };

/** The case's SLA at `now`: terms and conversation from the snapshot, events from the signed log. */
export function caseSla(session: SlaSession | CaseSession, now: number): CaseSlaOutcome {
  const replica = replicaOf(session);
  if (!replica) return { ok: false, error: { code: 'no-signed-log' } };
  let log = logs.get(session);
  if (!log) {
    log = new AppliedEventLog(replica);
    logs.set(session, log);
  }
  const snapshot = session.snapshot();
  return evaluateCaseSla({ terms: snapshot.sla, events: log.events(), messages: snapshot.messages, now });
}
