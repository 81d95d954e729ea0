/**
 * Inputs and outputs of the SLA engine. Everything is plain data: the engine is a pure
 * function of (terms, signed events, now), so every party computes the same result from the
 * same signed log. Times are UTC milliseconds since the epoch.
 */
import type { Priority, SlaTargetKind, SlaTerms } from '../contract/sla-terms';
import type { CalendarError } from './calendar';

export type PartyRole = 'customer' | 'provider' | 'partner' | 'observer';
export type CommitmentRole = 'customer' | 'provider' | 'partner';

/** Names one signed envelope: its author's identity id and that author's sequence number. */
export interface EventRef {
  readonly author: string;
  readonly seq: number;
}

/** Status of a negotiated action, as in the contract (issue 3). */
export type ActionStatus = 'proposed' | 'agreed' | 'in-progress' | 'done' | 'rejected' | 'cancelled';

/** An action's deadline: a fixed instant, or business minutes once it can start. */
export type ActionDue =
  | { readonly kind: 'at'; readonly at: number }
  | { readonly kind: 'within'; readonly minutes: number };

/** The SLA-relevant state of one action right after a signed change to it. */
export interface ActionSnapshot {
  readonly id: string;
  readonly status: ActionStatus;
  readonly ownerRole: CommitmentRole;
  readonly dependsOn: readonly string[];
  readonly due: ActionDue | null;
}

/** What a signed event says, for the clocks. Envelopes that say nothing of these are 'other'. */
export type SlaEventBody =
  | {
      readonly type: 'opened';
      readonly status: string;
      readonly priority: Priority;
      readonly category?: string;
    }
  | { readonly type: 'reply'; readonly role: PartyRole; readonly public: boolean }
  | { readonly type: 'status'; readonly status: string }
  | { readonly type: 'priority'; readonly priority: Priority }
  | { readonly type: 'category'; readonly category: string | null }
  | { readonly type: 'action'; readonly action: ActionSnapshot }
  | { readonly type: 'other' };

/** One signed event of the case, with its envelope's author, sequence number and timestamp. */
export type SlaEvent = SlaEventBody & {
  /** The author's identity id (public key) from the envelope. */
  readonly author: string;
  /** The author's envelope sequence number: orders that author's events. */
  readonly seq: number;
  /** The signed envelope timestamp (the author's clock), ms since the epoch. */
  readonly at: number;
  /** Other envelopes the author had seen when signing (causal predecessors), when known. */
  readonly after?: readonly EventRef[];
};

export interface SlaOptions {
  /** Statuses that stop every clock (the case is done). Default: resolved, closed. */
  readonly stopStatuses?: readonly string[];
}

export interface SlaInput {
  readonly terms: SlaTerms;
  readonly events: readonly SlaEvent[];
  /** The evaluating peer's clock. Only this and the log decide the result. */
  readonly now: number;
  readonly options?: SlaOptions;
}

export type SlaState = 'on-track' | 'at-risk' | 'breached' | 'met';

/** waiting: an action blocked on dependencies; stopped: met or finally breached. */
export type ClockPhase = 'waiting' | 'running' | 'paused' | 'stopped';

export interface PausedInterval {
  readonly from: number;
  /** null while the pause is still going on. */
  readonly to: number | null;
  /** The case status that paused the clock. */
  readonly status: string;
}

/** The moment a clock entered at-risk or breached; ordinal counts entries of that clock. */
export interface SlaCrossing {
  readonly trigger: 'at-risk' | 'breached';
  readonly at: number;
  readonly ordinal: number;
}

export interface SlaClock {
  /** 'first-response', 'resolution' or 'action:<action id>'. Stable across priority changes. */
  readonly id: string;
  readonly kind: SlaTargetKind | 'action';
  /** The SLA target in force (case clocks), else null. */
  readonly targetId: string | null;
  readonly actionId: string | null;
  /** Whose commitment the clock measures. */
  readonly committedBy: CommitmentRole;
  /** Business minutes allowed; null for an action due at a fixed instant. */
  readonly targetMinutes: number | null;
  readonly startedAt: number | null;
  readonly stoppedAt: number | null;
  /** When the target is (or was) due; while paused, the due time if the clock resumed now. */
  readonly dueAt: number | null;
  readonly atRiskAt: number | null;
  readonly elapsedMinutes: number;
  /** Business minutes left; negative once overdue; null when unknown (waiting, no calendar time). */
  readonly remainingMinutes: number | null;
  readonly pausedIntervals: readonly PausedInterval[];
  readonly phase: ClockPhase;
  /** Dependencies (action ids) not done yet. */
  readonly waitingOn: readonly string[];
  readonly state: SlaState;
  readonly crossings: readonly SlaCrossing[];
}

/** An envelope timestamp the skew rule changed (docs/sla-clock.md). */
export interface AdjustedTimestamp {
  readonly author: string;
  readonly seq: number;
  readonly signedAt: number;
  readonly effectiveAt: number;
  readonly rule: 'author-order' | 'causal-ceiling' | 'not-after-now';
}

export interface SlaEvaluation {
  readonly evaluatedAt: number;
  readonly status: string;
  readonly priority: Priority;
  readonly category: string | null;
  /** Case clocks first (first-response, resolution), then actions by id. */
  readonly clocks: readonly SlaClock[];
  readonly adjustedTimestamps: readonly AdjustedTimestamp[];
}

export type SlaError =
  | { readonly code: 'invalid-now' }
  | { readonly code: 'invalid-event'; readonly index: number; readonly detail: string }
  | { readonly code: 'duplicate-event'; readonly author: string; readonly seq: number }
  | { readonly code: 'missing-opened' }
  | { readonly code: 'multiple-opened' }
  | { readonly code: 'causal-cycle' }
  | { readonly code: 'invalid-terms'; readonly detail: string }
  | { readonly code: 'invalid-calendar'; readonly error: CalendarError };

export type SlaResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SlaError };
