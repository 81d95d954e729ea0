import { type IdentityFile, parseIdentityFile, serialiseIdentityFile } from '../../../shared/identity/backup';

const KEY = 'casepact.identity.v1';

/**
 * The device's identity file (public parts in clear, seed sealed) in the browser's storage.
 * Only the sealed form is ever written; the unlocked key lives in memory.
 */
export const identityStorage = {
  load(): IdentityFile | undefined {
    const text = localStorage.getItem(KEY);
    if (!text) return undefined;
    const parsed = parseIdentityFile(text);
    return parsed.ok ? parsed.value : undefined;
  },
  save(file: IdentityFile): void {
    localStorage.setItem(KEY, serialiseIdentityFile(file));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
};
