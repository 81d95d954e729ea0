import { MIN_PASSPHRASE_LENGTH } from '../../../shared/identity/passphrase-seal';

// The identity flow's sentences: what happened and what to do next, never a code or a secret.

export function passphraseProblem(passphrase: string, purpose: 'device' | 'backup'): string | undefined {
  if (passphrase.length >= MIN_PASSPHRASE_LENGTH) return undefined;
  return purpose === 'device'
    ? `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters. It protects your signing key on this device.`
    : `Choose a backup passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters. You will need it to restore the backup.`;
}

export const NOT_SAVED =
  'Casepact could not save your identity on this device. Allow this app to store data (or free some disk space), then try again.';

export const NOT_A_BACKUP =
  'This file is not a backup: its key is locked to the computer it came from. On that computer, choose “Back up identity…” to make a backup file.';

export const KEY_STORE_UNREACHABLE =
  'Your signing key is kept in the system keychain, which Casepact cannot use right now. Make sure your keyring is running and unlocked, then try again, or restore your identity from a backup file.';

/** `storeName` as from describeKeyStore ("the macOS Keychain", "KWallet"). */
export function keyStoreCannotOpen(storeName: string): string {
  const name = storeName.charAt(0).toUpperCase() + storeName.slice(1);
  return `${name} could not open your signing key. This happens when the key store was reset, or when the identity was copied from another computer or user account. Try again, or restore your identity from a backup file.`;
}
