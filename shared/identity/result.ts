/**
 * The one result shape of shared/identity and shared/signed: refused input is a value with a typed
 * reason, never a thrown exception (helper rules: "every refused input returns a typed error").
 */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
