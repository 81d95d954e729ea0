import type { Result } from './result';

/**
 * A sealed secret as stored at rest: JSON-safe, tagged with the seal that made it so the right
 * KeySeal opens it. Fields other than `kind` belong to that seal.
 */
export interface SealedSecret {
  readonly kind: string;
  readonly [field: string]: string | number;
}

export type SealError =
  | { readonly code: 'seal-wrong-kind'; readonly message: string }
  | { readonly code: 'seal-malformed'; readonly message: string }
  | { readonly code: 'seal-parameters-refused'; readonly message: string }
  /** Wrong passphrase or a tampered blob: the two are indistinguishable by design. */
  | { readonly code: 'seal-open-failed'; readonly message: string }
  | { readonly code: 'seal-unavailable'; readonly message: string };

/**
 * Protects a secret at rest (design.md §3). Implemented by the passphrase seal here (browser, CLI)
 * and, later, by the desktop seal over Electron safeStorage. Callers never learn how.
 */
export interface KeySeal {
  /** The `kind` this seal writes and accepts, e.g. "passphrase-v1" or "safe-storage-v1". */
  readonly kind: string;
  /** Seals a secret; the result is safe to write to disk or IndexedDB. */
  seal(secret: Uint8Array): Promise<SealedSecret>;
  /** Opens a blob this seal made; a typed error for a wrong secret, tampering or another kind. */
  open(sealed: SealedSecret): Promise<Result<Uint8Array, SealError>>;
}
