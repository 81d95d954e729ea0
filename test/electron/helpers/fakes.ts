import type { IpcEventLike, IpcSender } from '../../../electron/main/ipc-registry';
import type { SafeStorageLike } from '../../../electron/main/key-vault';

/** A web contents that records what main sends it. */
export function fakeSender(
  id = 1,
): IpcSender & { sent: { channel: string; args: unknown[] }[]; destroyed: boolean } {
  const sender = {
    id,
    destroyed: false,
    sent: [] as { channel: string; args: unknown[] }[],
    send(channel: string, ...args: unknown[]) {
      sender.sent.push({ channel, args });
    },
    isDestroyed: () => sender.destroyed,
  };
  return sender;
}

/** An invoke event from a top-level frame at `url` (parent null), or a subframe. */
export function eventFrom(
  url: string,
  options: { sender?: IpcSender; subframe?: boolean; frameGone?: boolean } = {},
): IpcEventLike {
  return {
    sender: options.sender ?? fakeSender(),
    senderFrame: options.frameGone
      ? null
      : { url, parent: options.subframe ? { url: 'app://casepact/' } : null },
  };
}

/**
 * safeStorage stand-in: "encrypts" by XOR with a per-instance key behind a header, so
 * output never contains the input, and records every plaintext it was handed.
 */
export function fakeSafeStorage(
  options: { available?: boolean; backend?: string; reencrypt?: boolean; identity?: boolean } = {},
): SafeStorageLike & { encrypted: string[]; decrypted: number } {
  const key = 0x5a;
  const header = [0x76, 0x31, 0x30];
  const storage = {
    encrypted: [] as string[],
    decrypted: 0,
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    async encryptStringAsync(plainText: string) {
      storage.encrypted.push(plainText);
      const bytes = new TextEncoder().encode(plainText);
      if (options.identity) return bytes;
      return Uint8Array.from([...header, ...bytes.map((b) => b ^ key)]);
    },
    async decryptStringAsync(encrypted: Uint8Array) {
      storage.decrypted++;
      if (header.some((b, i) => encrypted[i] !== b)) throw new Error('Error while decrypting the ciphertext');
      const plain = encrypted.slice(header.length).map((b) => b ^ key);
      return { shouldReEncrypt: options.reencrypt ?? false, result: new TextDecoder().decode(plain) };
    },
  };
  return storage;
}

export function bytesContain(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
