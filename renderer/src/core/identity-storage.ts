import { type IdentityFile, parseIdentityFile, serialiseIdentityFile } from '../../../shared/identity/backup';

const KEY = 'casepact.identity.v1';

/** The few calls of the Web Storage API the identity uses (localStorage in the app, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Where the device's identity file lives: public parts in clear, the seed sealed (by the OS
 * key store on the desktop, by a passphrase otherwise). Only the sealed form is ever written;
 * the unlocked key lives in memory.
 */
export interface IdentityStorage {
  /** The stored identity file, or undefined when there is none, it does not parse, or storage is blocked. */
  load(): IdentityFile | undefined;
  /** Writes the file; false when the browser refused (storage full or disabled). */
  save(file: IdentityFile): boolean;
  clear(): void;
}

/** An IdentityStorage over any Web-Storage-like store. */
export function identityStorageOver(store: () => KeyValueStore): IdentityStorage {
  return {
    load() {
      let text: string | null;
      try {
        text = store().getItem(KEY);
      } catch {
        // Site data blocked: nothing to read; saving will fail with a sentence.
        return undefined;
      }
      if (!text) return undefined;
      const parsed = parseIdentityFile(text);
      return parsed.ok ? parsed.value : undefined;
    },
    save(file) {
      try {
        store().setItem(KEY, serialiseIdentityFile(file));
        return true;
      } catch {
        return false;
      }
    },
    clear() {
      store().removeItem(KEY);
    },
  };
}

/** The page's localStorage, looked up on use so importing this module works outside a browser. */
export const identityStorage: IdentityStorage = identityStorageOver(() => localStorage);
