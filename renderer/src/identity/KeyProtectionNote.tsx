import type { KeyProtection } from './key-protection';

/**
 * Says where the signing key will be protected on this device: the OS key store (named), or
 * on a desktop without a usable one, that the passphrase protects it and why (the platform's
 * own sentence, e.g. no keyring running on Linux).
 */
export function KeyProtectionNote({ protection }: { protection: KeyProtection | undefined }) {
  if (!protection) return null;
  if (protection.kind === 'device') {
    return (
      <p className="callout" data-testid="key-protection" data-protection="device">
        Your signing key will be protected by <strong>{protection.storeName}</strong>, so Casepact opens
        without a passphrase on this computer. To keep a copy for another device, choose “Back up identity…”
        under your name later: the backup asks for a passphrase of its own.
      </p>
    );
  }
  // In the browser the passphrase is simply how it works (its field says what it protects);
  // on a desktop it is a fallback, and the person is told why.
  if (!protection.desktop) return null;
  return (
    <p className="callout" data-testid="key-protection" data-protection="passphrase">
      {protection.message}
    </p>
  );
}
