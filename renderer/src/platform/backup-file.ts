import { MAX_BACKUP_BYTES, type Result } from '../../../electron/ipc/contract';
import { type IdentityFile, parseIdentityFile, serialiseIdentityFile } from '../../../shared/identity/backup';
import { fromUtf8, utf8 } from '../../../shared/identity/bytes';
import { PASSPHRASE_SEAL_KIND } from '../../../shared/identity/passphrase-seal';
import { type PlatformError, platformError } from './platform-errors';

/** Extension of identity backup files (main's save dialog uses the same). */
export const IDENTITY_BACKUP_EXTENSION = 'casepact-identity';

/**
 * The bytes of a backup file, refused unless the key inside is sealed with a passphrase:
 * a backup must open on another device, and must never hold the key in the clear.
 */
export function encodeIdentityBackup(file: IdentityFile): Result<Uint8Array, PlatformError> {
  if (file.seal.kind !== PASSPHRASE_SEAL_KIND)
    return { ok: false, error: platformError('not-passphrase-protected') };
  return { ok: true, value: utf8(serialiseIdentityFile(file)) };
}

/** Parses a picked backup file with shared/identity's parser. */
export function decodeIdentityBackup(bytes: Uint8Array): Result<IdentityFile, PlatformError> {
  if (bytes.length > MAX_BACKUP_BYTES) return { ok: false, error: platformError('too-large') };
  const text = fromUtf8(bytes);
  const parsed = text === undefined ? undefined : parseIdentityFile(text);
  if (!parsed?.ok) return { ok: false, error: platformError('not-an-identity-file') };
  return { ok: true, value: parsed.value };
}
