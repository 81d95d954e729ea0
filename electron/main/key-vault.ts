import type { Result, UnsealedSecret, VaultError, VaultStatus } from '../ipc/contract';

/**
 * The identity's secret sealed with the OS key store through Electron's safeStorage
 * (Keychain, DPAPI, libsecret/kwallet). Main keeps nothing: the sealed bytes go back to
 * the renderer, which stores them with the identity.
 *
 * Rule (design.md §3, AFFiNE): the key is refused, never stored in plain text. On Linux
 * without a secret service Chromium falls back to `basic_text`, which "encrypts" with a
 * hard-coded password and still reports encryption as available; that counts as
 * unavailable here. The renderer then uses the passphrase seal and says why.
 */

/** The parts of Electron's safeStorage the vault uses (injected so tests can observe them). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Uint8Array>;
  decryptStringAsync(encrypted: Uint8Array): Promise<{ shouldReEncrypt: boolean; result: string }>;
  getSelectedStorageBackend(): string;
}

/** Linux key stores that really encrypt. Anything else (basic_text, unknown, new names) is refused. */
const LINUX_REAL_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/** "CPV1": marks bytes made by this vault, version 1. */
const MAGIC = Uint8Array.of(0x43, 0x50, 0x56, 0x31);

const refused = (error: VaultError): { readonly ok: false; readonly error: VaultError } => ({
  ok: false,
  error,
});

function toBase64(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export class KeyVault {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly platform: string,
  ) {}

  /** Whether sealing is possible here, and if not, why. Call after `app.whenReady()`. */
  async status(): Promise<VaultStatus> {
    let available = false;
    try {
      available = await this.safeStorage.isAsyncEncryptionAvailable();
    } catch {
      available = false;
    }
    if (!available) return { available: false, reason: 'encryption-unavailable' };
    if (this.platform !== 'linux')
      return { available: true, backend: this.platform === 'darwin' ? 'keychain' : 'dpapi' };
    const backend = this.safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text') return { available: false, reason: 'linux-basic-text' };
    if (!LINUX_REAL_BACKENDS.has(backend)) return { available: false, reason: 'linux-backend-unknown' };
    return { available: true, backend };
  }

  /** Seals a secret. Refuses when the key store is not a real one: nothing is encrypted weakly. */
  async seal(secret: Uint8Array): Promise<Result<Uint8Array, VaultError>> {
    const status = await this.status();
    if (!status.available) return refused({ code: 'vault-unavailable', reason: status.reason });
    const encoded = toBase64(secret);
    let cipher: Uint8Array;
    try {
      cipher = new Uint8Array(await this.safeStorage.encryptStringAsync(encoded));
    } catch {
      return refused({ code: 'seal-failed' });
    }
    // A key store that hands the text back unchanged is not encrypting: refuse rather than store it.
    const leaks =
      contains(cipher, new TextEncoder().encode(encoded)) ||
      (secret.length >= 16 && contains(cipher, secret));
    if (cipher.length === 0 || leaks) {
      return refused({ code: 'seal-failed' });
    }
    const sealed = new Uint8Array(MAGIC.length + cipher.length);
    sealed.set(MAGIC, 0);
    sealed.set(cipher, MAGIC.length);
    return { ok: true, value: sealed };
  }

  /** Opens bytes made by `seal` on this machine for this user. */
  async unseal(sealed: Uint8Array): Promise<Result<UnsealedSecret, VaultError>> {
    if (sealed.length <= MAGIC.length || MAGIC.some((byte, i) => sealed[i] !== byte)) {
      return refused({ code: 'not-a-vault-seal' });
    }
    const status = await this.status();
    if (!status.available) return refused({ code: 'vault-unavailable', reason: status.reason });
    try {
      const opened = await this.safeStorage.decryptStringAsync(sealed.slice(MAGIC.length));
      const secret = fromBase64(opened.result);
      if (!secret || secret.length === 0) return refused({ code: 'unseal-failed' });
      return { ok: true, value: { secret, resealRecommended: opened.shouldReEncrypt === true } };
    } catch {
      return refused({ code: 'unseal-failed' });
    }
  }
}
