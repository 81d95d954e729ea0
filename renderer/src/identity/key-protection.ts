import type { KeySeal } from '../../../shared/identity/key-seal';
import type { Platform } from '../platform/platform';

/**
 * How this device protects the identity's key. `device`: sealed by the OS key store, so the
 * app opens without a passphrase. `passphrase`: sealed with a passphrase, and `message` says
 * why (the browser, or a desktop whose key store is missing or not a real one).
 */
export type KeyProtection =
  | { readonly kind: 'device'; readonly backend: string; readonly storeName: string }
  | { readonly kind: 'passphrase'; readonly desktop: boolean; readonly message: string };

/** The protection and, when it is the OS key store, the seal to use. */
export interface ResolvedProtection {
  readonly protection: KeyProtection;
  readonly deviceSeal?: KeySeal;
}

const STORE_NAMES: Readonly<Record<string, string>> = {
  keychain: 'the macOS Keychain',
  dpapi: 'Windows Data Protection',
  gnome_libsecret: 'your system keyring (Secret Service)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet',
  kwallet6: 'KWallet',
};

/** The OS key store as people know it ("the macOS Keychain"), from main's backend name. */
export function describeKeyStore(backend: string): string {
  return STORE_NAMES[backend] ?? 'the system keychain';
}

/** Said when the key store answered "available" but then refused to seal the key. */
export const KEYCHAIN_REFUSED_MESSAGE =
  'The system keychain refused to protect your key, so Casepact protects it with a passphrase instead.';

/** Asks the platform once; a platform that fails to answer counts as "no key store". */
export async function resolveKeyProtection(platform: Platform): Promise<ResolvedProtection> {
  const desktop = platform.kind === 'desktop';
  try {
    const device = await platform.deviceKeySeal();
    if (device.available) {
      return {
        protection: { kind: 'device', backend: device.backend, storeName: describeKeyStore(device.backend) },
        deviceSeal: device.seal,
      };
    }
    return { protection: { kind: 'passphrase', desktop, message: device.message } };
  } catch {
    return {
      protection: {
        kind: 'passphrase',
        desktop,
        message: desktop
          ? 'The system keychain did not answer, so Casepact protects your key with your passphrase instead.'
          : 'In the browser, Casepact protects your key with your passphrase.',
      },
    };
  }
}
