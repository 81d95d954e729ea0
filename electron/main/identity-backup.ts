/**
 * A boundary check on identity backups before they touch the disk: the bytes must be an
 * identity file v1 (shared/identity/backup.ts, docs/identity.md) whose secret is sealed
 * with a passphrase. A backup sealed with safeStorage would be useless on another
 * machine, and anything else could be a key in the clear; both are refused.
 * Main does not import shared/identity (it would pull libsodium into main): the kind is
 * repeated here and a test pins it to shared's constant.
 */
export const BACKUP_SEAL_KIND = 'passphrase-v1';

const FORBIDDEN_KEYS = ['seed', 'secretKey', 'privateKey', 'secret'];

export function isPassphraseProtectedBackup(bytes: Uint8Array): boolean {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const file = value as Record<string, unknown>;
  if (file.format !== 'casepact-identity' || file.version !== 1) return false;
  if (FORBIDDEN_KEYS.some((key) => Object.hasOwn(file, key))) return false;
  const seal = file.seal;
  if (typeof seal !== 'object' || seal === null || Array.isArray(seal)) return false;
  const sealed = seal as Record<string, unknown>;
  if (FORBIDDEN_KEYS.some((key) => Object.hasOwn(sealed, key))) return false;
  return (
    sealed.kind === BACKUP_SEAL_KIND && typeof sealed.ciphertext === 'string' && sealed.ciphertext.length > 0
  );
}
