/**
 * The typed outcome of every contract command. Commands never throw in normal use: a refused
 * input comes back as `{ ok: false, error, message }` and the document is left untouched.
 */

/** Every reason a command can refuse. Stable strings: the UI and shared/signed switch on them. */
export type ContractErrorCode =
  /** Input has the wrong shape, an empty or over-long string, an unknown enum value… */
  | 'invalid-input'
  /** A date or timestamp is not a valid ISO 8601 string of the accepted forms. */
  | 'malformed-date'
  /** The document holds no case yet (createCase has not been applied). */
  | 'no-case'
  /** createCase on a document that already holds a case. */
  | 'case-exists'
  /** The actor is not an active member of the case. */
  | 'not-a-member'
  /** The actor's role or party may not do this (see shared/contract/rights.ts). */
  | 'forbidden'
  | 'unknown-party'
  | 'unknown-member'
  | 'unknown-topic'
  | 'unknown-action'
  | 'unknown-data-item'
  | 'unknown-proposal'
  /** An id chosen by the caller is already taken. */
  | 'duplicate-id'
  /** The member id is already an active member. */
  | 'already-member'
  /** The change would make an action depend on itself, directly or through others. */
  | 'dependency-cycle'
  /** The entity is in a state that does not allow this (e.g. changing a cancelled action). */
  | 'invalid-state'
  /** The proposal was already answered, applied, rejected, countered or withdrawn. */
  | 'proposal-closed'
  /** The party already answered this proposal. */
  | 'already-responded'
  /** The party's commitments are not touched by the proposal, so its answer is not asked for. */
  | 'not-touched'
  /** Not every touched party has accepted yet. */
  | 'not-accepted'
  /** The signed terms hash is not the hash of the current terms (they changed meanwhile). */
  | 'hash-mismatch'
  /** The current terms are not agreed by every party (e.g. setting the status "agreed"). */
  | 'not-agreed'
  /** libsodium was not loaded: call `await sodiumReady()` during start-up. */
  | 'crypto-not-ready'
  /** A template id that no shipped template has. */
  | 'unknown-template';

/** Success carrying a value, or a refusal with a code and a human-readable message (never secrets). */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ContractErrorCode; readonly message: string };

/** A refusal, assignable to any `Result<T>`. */
export type Refusal = Extract<Result<never>, { ok: false }>;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(error: ContractErrorCode, message: string): Refusal {
  return { ok: false, error, message };
}

/** Value of commands that may find nothing to change (then they write nothing). */
export interface Changed {
  readonly changed: boolean;
}
