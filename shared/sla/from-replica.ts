/**
 * The SLA state of a verified case held by a CaseReplica: its agreed terms (contract document),
 * its applied signed changes as SLA events (adapter.ts), the engine's evaluation at `now`, the
 * escalations already recorded and those due. Everything comes from the signed log, so every
 * party computes the same state at the same `now`.
 */
import type { ConversationEntry } from '../contract/model';
import { selectMessages, selectSlaTerms } from '../contract/selectors';
import type { SlaTerms } from '../contract/sla-terms';
import type { Envelope } from '../signed/envelope';
import { type RecordedEscalation, pendingFirings, recordedEscalations } from './adapter-escalation';
import { SlaEventLog } from './adapter';
import { type EscalationFiring, evaluateEscalations } from './escalation';
import { evaluateSla, minutesToBreach } from './evaluate';
import type { SlaError, SlaEvaluation, SlaEvent, SlaOptions } from './types';
import type * as Y from 'yjs';

/** What a case's SLA looks like at one instant. */
export interface CaseSlaState {
  readonly terms: SlaTerms;
  readonly evaluation: SlaEvaluation;
  /** Smallest remaining business minutes of a running or paused clock (Infinity: none). */
  readonly minutesToBreach: number;
  /** Every firing the crossings so far call for (recorded or not). */
  readonly firings: readonly EscalationFiring[];
  /** Firings not yet recorded in the conversation: sign them with `escalate`. */
  readonly pending: readonly EscalationFiring[];
  /** Escalation events in the conversation, first entry per ref. */
  readonly recorded: readonly RecordedEscalation[];
}

export type CaseSlaError =
  /** The case has not arrived yet (no opening change). */
  | { readonly code: 'no-case' }
  /** The contract holds no SLA terms: there is nothing to measure. */
  | { readonly code: 'no-terms' }
  | { readonly code: 'engine'; readonly error: SlaError };

export type CaseSlaResult =
  | { readonly ok: true; readonly value: CaseSlaState }
  | { readonly ok: false; readonly error: CaseSlaError };

/** The pure evaluation behind every SLA view: terms + signed events + conversation + now. */
export function evaluateCaseSla(input: {
  readonly terms: SlaTerms | null;
  readonly events: readonly SlaEvent[];
  readonly messages: readonly ConversationEntry[];
  readonly now: number;
  readonly options?: SlaOptions;
}): CaseSlaResult {
  if (!input.events.some((e) => e.type === 'opened')) return { ok: false, error: { code: 'no-case' } };
  if (!input.terms) return { ok: false, error: { code: 'no-terms' } };
  const evaluated = evaluateSla({
    terms: input.terms,
    events: input.events,
    now: input.now,
    ...(input.options ? { options: input.options } : {}),
  });
  if (!evaluated.ok) return { ok: false, error: { code: 'engine', error: evaluated.error } };
  const firings = evaluateEscalations(input.terms, evaluated.value);
  return {
    ok: true,
    value: {
      terms: input.terms,
      evaluation: evaluated.value,
      minutesToBreach: minutesToBreach(evaluated.value),
      firings,
      pending: pendingFirings(firings, input.messages),
      recorded: recordedEscalations(input.messages),
    },
  };
}

/** The parts of a CaseReplica the tracker reads (a read-only replica will do). */
export interface SlaReplica {
  readonly contract: Y.Doc;
  appliedEnvelopes(): readonly Envelope[];
}

/**
 * The SLA events of a growing applied log (a CaseReplica's, or any source of verified envelopes
 * in application order). Reading is lazy: each call picks up the envelopes applied since the
 * last one (local and remote), so there is nothing to subscribe to.
 */
export class AppliedEventLog {
  private log = new SlaEventLog();
  private seen = 0;

  constructor(private readonly source: Pick<SlaReplica, 'appliedEnvelopes'>) {}

  /** The SLA events of every change applied so far. */
  events(): readonly SlaEvent[] {
    const envelopes = this.source.appliedEnvelopes();
    // The applied log only grows; anything else means a new replica state: start over.
    if (envelopes.length < this.seen) {
      this.log = new SlaEventLog();
      this.seen = 0;
    }
    if (envelopes.length > this.seen) {
      this.log.add(envelopes.slice(this.seen).map(toChange));
      this.seen = envelopes.length;
    }
    return this.log.events();
  }
}

/** A replica's SLA: its terms and conversation from the contract, its events from the applied log. */
export class ReplicaSlaTracker {
  private readonly log: AppliedEventLog;

  constructor(private readonly replica: SlaReplica) {
    this.log = new AppliedEventLog(replica);
  }

  /** The SLA events of every change applied so far. */
  events(): readonly SlaEvent[] {
    return this.log.events();
  }

  /** The case's SLA state at `now` (the evaluating peer's clock, or a test clock). */
  evaluate(now: number, options?: SlaOptions): CaseSlaResult {
    const events = this.events();
    return evaluateCaseSla({
      terms: selectSlaTerms(this.replica.contract),
      events,
      messages: selectMessages(this.replica.contract),
      now,
      ...(options ? { options } : {}),
    });
  }
}

function toChange(envelope: Envelope) {
  return {
    author: envelope.author,
    seq: envelope.seq,
    timestamp: envelope.timestamp,
    update: envelope.update,
  };
}

/** The SLA events of a replica, computed once (CLI, tests). */
export function slaEventsOfReplica(replica: SlaReplica): readonly SlaEvent[] {
  return new ReplicaSlaTracker(replica).events();
}
