import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BaseWindow, Dialog, Notification, SafeStorage } from 'electron';
import type { FileDialogDeps } from './file-dialogs';
import type { SafeStorageLike } from './key-vault';
import type { NotificationApi } from './notifications';
import type { ProtocolRegistrationDeps } from './protocol-client';

// The only place Electron's and Node's objects are bent into the small interfaces the
// tested modules take. No decisions here.

/** safeStorage, preferring the async API and falling back to the sync one where it is missing. */
export function safeStorageAdapter(safeStorage: SafeStorage): SafeStorageLike {
  const hasAsync = typeof safeStorage.isAsyncEncryptionAvailable === 'function';
  return {
    isAsyncEncryptionAvailable: async () =>
      hasAsync ? safeStorage.isAsyncEncryptionAvailable() : safeStorage.isEncryptionAvailable(),
    encryptStringAsync: async (plainText) =>
      hasAsync ? safeStorage.encryptStringAsync(plainText) : safeStorage.encryptString(plainText),
    decryptStringAsync: async (encrypted) =>
      hasAsync
        ? safeStorage.decryptStringAsync(Buffer.from(encrypted))
        : { shouldReEncrypt: false, result: safeStorage.decryptString(Buffer.from(encrypted)) },
    getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend(),
  };
}

export function notificationAdapter(NotificationClass: typeof Notification): NotificationApi {
  return {
    isSupported: () => NotificationClass.isSupported(),
    create: (options) => new NotificationClass({ title: options.title, body: options.body }),
  };
}

export function fileDialogAdapter(
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>,
  parent: () => BaseWindow | undefined,
  defaultDir: string,
): FileDialogDeps {
  return {
    showSaveDialog: (options) => {
      const window = parent();
      const mutable = { ...options, filters: options.filters.map((f) => ({ ...f })) };
      return window ? dialog.showSaveDialog(window, mutable) : dialog.showSaveDialog(mutable);
    },
    showOpenDialog: (options) => {
      const window = parent();
      const mutable = { ...options, properties: [...options.properties], filters: [...options.filters] };
      return window ? dialog.showOpenDialog(window, mutable) : dialog.showOpenDialog(mutable);
    },
    writeFile: async (filePath, bytes, mode) => {
      await writeFile(filePath, bytes, { mode });
      // mode applies only to a new file; an overwritten backup must become owner-only too.
      if (mode === 0o600) await chmod(filePath, mode);
    },
    fileSize: async (filePath) => (await stat(filePath)).size,
    readFile: async (filePath) => new Uint8Array(await readFile(filePath)),
    defaultDir,
  };
}

export function protocolRegistrationAdapter(
  app: ProtocolRegistrationDeps['app'],
  log: (message: string) => void,
): ProtocolRegistrationDeps {
  const dataHome = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return {
    app,
    applicationsDir: path.join(dataHome, 'applications'),
    readFile: (file) => readFile(file, 'utf8').catch(() => undefined),
    writeFile: (file, content) => writeFile(file, content, { mode: 0o644 }),
    mkdir: async (dir) => {
      await mkdir(dir, { recursive: true });
    },
    run: (program, args) =>
      new Promise((resolve, reject) => {
        execFile(program, [...args], { timeout: 10_000 }, (error) => {
          if (!error) return resolve(0);
          const code = (error as { code?: unknown }).code;
          if (typeof code === 'number') return resolve(code);
          reject(error);
        });
      }),
    log,
  };
}
