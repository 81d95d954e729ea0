/**
 * Typed outcomes of the sync layer. Refused inputs come back as values, never as thrown
 * errors (helper rules: "every refused input returns a typed error"). Messages never
 * contain key material.
 */
export type SyncError =
  | { readonly code: 'invalid-case-key'; readonly message: string }
  | { readonly code: 'invalid-signaling-url'; readonly url: string; readonly message: string }
  | { readonly code: 'room-already-open'; readonly message: string };

/** Either a value or a {@link SyncError}. */
export type SyncResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SyncError };

/** Wraps a value as a successful {@link SyncResult}. */
export function syncOk<T>(value: T): SyncResult<T> {
  return { ok: true, value };
}

/** Wraps an error as a failed {@link SyncResult}. */
export function syncFail<T>(error: SyncError): SyncResult<T> {
  return { ok: false, error };
}
