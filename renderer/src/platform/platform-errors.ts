import type { IpcBoundaryError, VaultUnavailableReason } from '../../../electron/ipc/contract';

/** Every reason a platform verb can refuse, across desktop and browser. */
export type PlatformErrorCode =
  | 'cancelled'
  | 'write-failed'
  | 'read-failed'
  | 'too-large'
  | 'busy'
  | 'print-timeout'
  | 'print-failed'
  | 'popup-blocked'
  | 'not-passphrase-protected'
  | 'not-an-identity-file'
  | IpcBoundaryError['code'];

/** A refusal with a sentence the UI can show as is (never a secret, never a path). */
export interface PlatformError {
  readonly code: PlatformErrorCode;
  readonly message: string;
}

const MESSAGES: Record<PlatformErrorCode, string> = {
  cancelled: 'Nothing was saved.',
  'write-failed': 'The file could not be written. Choose another folder, or check that the disk is not full.',
  'read-failed': 'The file could not be read. Check that it still exists and try again.',
  'too-large': 'This file is too large to be a Casepact identity backup.',
  busy: 'Another PDF is being made. Try again when it is saved.',
  'print-timeout': 'The contract took too long to prepare for printing. Try again.',
  'print-failed': 'The contract could not be turned into a PDF. Try again.',
  'popup-blocked': 'Your browser blocked the print view. Allow pop-ups for Casepact and try again.',
  'not-passphrase-protected':
    'A backup must be protected with a passphrase, so it can be restored on another device. Nothing was saved.',
  'not-an-identity-file': 'This is not a Casepact identity backup.',
  'unknown-channel': 'The desktop app and its window are out of step. Restart Casepact.',
  'foreign-sender': 'This page is not allowed to use the desktop features.',
  'invalid-arguments':
    'The desktop app refused a malformed request. Restart Casepact if this keeps happening.',
  internal: 'Something went wrong in the desktop app. Try again.',
};

export function platformError(code: PlatformErrorCode): PlatformError {
  return { code, message: MESSAGES[code] };
}

/** Why the key is sealed with a passphrase instead of the OS key store, in the user's terms. */
export function describeVaultUnavailable(reason: VaultUnavailableReason): string {
  switch (reason) {
    case 'linux-basic-text':
      return 'No system keyring (such as GNOME Keyring or KWallet) is running, so Casepact protects your key with your passphrase instead.';
    case 'linux-backend-unknown':
      return 'Casepact does not recognise this system keyring, so it protects your key with your passphrase instead.';
    case 'encryption-unavailable':
      return 'The system keychain is not available, so Casepact protects your key with your passphrase instead.';
    case 'not-desktop':
      return 'In the browser, Casepact protects your key with your passphrase.';
  }
}
