import type { DesktopBridge } from '../../../electron/ipc/contract';
import { isPassphraseProtectedBackup } from '../../../electron/main/identity-backup';
import { KeyVault, type SafeStorageLike } from '../../../electron/main/key-vault';
import { sodium } from '../../../shared/crypto/sodium';
import {
  type IdentityStorage,
  identityStorageOver,
  type KeyValueStore,
} from '../../../renderer/src/core/identity-storage';
import { desktopPlatform } from '../../../renderer/src/platform/desktop-platform';
import type { Platform } from '../../../renderer/src/platform/platform';
import { webPlatform } from '../../../renderer/src/platform/web-platform';
import type { WebHost } from '../../../renderer/src/platform/web-host';

/**
 * The OS key store, the only thing played here: safeStorage's four calls over
 * crypto_secretbox with a random test key per instance (so "another computer" is another
 * instance). It records every plaintext it is handed.
 */
export function testKeyStore(
  options: { available?: boolean; backend?: string; refuseToEncrypt?: boolean } = {},
): SafeStorageLike & { plaintexts: string[]; decrypts: number } {
  const s = sodium();
  const key = s.crypto_secretbox_keygen();
  const store = {
    plaintexts: [] as string[],
    decrypts: 0,
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    async encryptStringAsync(plainText: string) {
      if (options.refuseToEncrypt) throw new Error('keyring locked');
      store.plaintexts.push(plainText);
      const nonce = s.randombytes_buf(s.crypto_secretbox_NONCEBYTES);
      const box = s.crypto_secretbox_easy(new TextEncoder().encode(plainText), nonce, key);
      return Uint8Array.from([...nonce, ...box]);
    },
    async decryptStringAsync(encrypted: Uint8Array) {
      store.decrypts++;
      const nonce = encrypted.slice(0, s.crypto_secretbox_NONCEBYTES);
      const plain = s.crypto_secretbox_open_easy(encrypted.slice(s.crypto_secretbox_NONCEBYTES), nonce, key);
      return { shouldReEncrypt: false, result: new TextDecoder().decode(plain) };
    },
  };
  return store;
}

/** The files the person saved or will pick (the save/open dialogs, or downloads and the file picker). */
export interface FakeDisk {
  saved: { name: string; bytes: Uint8Array }[];
  /** What the next open dialog / file picker returns. */
  toOpen?: Uint8Array;
}

/**
 * The real desktop platform over a bridge whose vault is main's real KeyVault on a test key
 * store, and whose backup verbs apply main's real backup check before "writing".
 */
export function fakeDesktop(keyStore: SafeStorageLike, os = 'linux'): { platform: Platform; disk: FakeDisk } {
  const vault = new KeyVault(keyStore, os);
  const disk: FakeDisk = { saved: [] };
  const unused = () => {
    throw new Error('not used by the identity flow');
  };
  const bridge = {
    ipcVersion: 1,
    app: { version: unused },
    vault: {
      available: async () => ({ ok: true, value: await vault.status() }),
      seal: (secret: Uint8Array) => vault.seal(secret),
      unseal: (sealed: Uint8Array) => vault.unseal(sealed),
    },
    identity: {
      async saveBackup(bytes: Uint8Array, name: string) {
        if (!isPassphraseProtectedBackup(bytes))
          return { ok: false, error: { code: 'not-passphrase-protected' } };
        const fileName = `${name}.casepact-identity`;
        disk.saved.push({ name: fileName, bytes });
        return { ok: true, value: { fileName } };
      },
      async openBackup() {
        return disk.toOpen
          ? { ok: true, value: { fileName: 'backup.casepact-identity', bytes: disk.toOpen } }
          : { ok: false, error: { code: 'cancelled' } };
      },
    },
    links: { onJoin: unused },
    export: { pdf: unused, signedCopy: unused },
    print: { ready: unused },
    notify: unused,
    onNotificationClick: unused,
  } as unknown as DesktopBridge;
  return { platform: desktopPlatform(bridge), disk };
}

/** The real browser platform over a page whose downloads and file picker are recorded. */
export function fakeBrowser(): { platform: Platform; disk: FakeDisk } {
  const disk: FakeDisk = { saved: [] };
  const host: WebHost = {
    baseUrl: () => 'http://127.0.0.1/',
    openTab: () => false,
    print: () => undefined,
    isPrintTab: () => false,
    download: (bytes, name) => void disk.saved.push({ name, bytes }),
    pickFile: async () => (disk.toOpen ? { bytes: disk.toOpen } : undefined),
    userAgent: 'Chrome/140.0.0.0',
  };
  return { platform: webPlatform(host), disk };
}

/** localStorage stand-in whose raw text the tests can scan. */
export function memoryStorage(): IdentityStorage & { raw(): string | undefined } {
  const map = new Map<string, string>();
  const store: KeyValueStore = {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
  return { ...identityStorageOver(() => store), raw: () => [...map.values()].join('\n') || undefined };
}

/**
 * Every way a 32-byte secret could appear in stored text, written independently of the
 * app's own guard: hex (both cases), base64 and base64url with or without padding, the
 * decimal byte list of a serialised array or typed array.
 */
export function secretSpellings(secret: Uint8Array): string[] {
  const buffer = Buffer.from(secret);
  const base64 = buffer.toString('base64');
  return [
    buffer.toString('hex'),
    buffer.toString('hex').toUpperCase(),
    base64,
    base64.replace(/=+$/, ''),
    buffer.toString('base64url'),
    JSON.stringify(Array.from(secret)).slice(1, -1),
    JSON.stringify(secret).slice(1, -1),
  ];
}
