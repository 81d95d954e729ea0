import type { DesktopBridge, Result } from '../../../electron/ipc/contract';
import { decodeIdentityBackup, encodeIdentityBackup } from './backup-file';
import { InAppNotifications } from './in-app-notifications';
import type { ExportedFile, Platform } from './platform';
import {
  describeVaultUnavailable,
  type PlatformError,
  type PlatformErrorCode,
  platformError,
} from './platform-errors';
import { safeStorageKeySeal } from './safe-storage-seal';

type Reply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string } };

const KNOWN: readonly string[] = [
  'cancelled',
  'write-failed',
  'read-failed',
  'too-large',
  'busy',
  'print-timeout',
  'print-failed',
  'not-passphrase-protected',
  'unknown-channel',
  'foreign-sender',
  'invalid-arguments',
] satisfies PlatformErrorCode[];

/** Maps a bridge reply's error onto the platform's codes (anything unexpected is "internal"). */
function fromReply<T, U>(reply: Reply<T>, map: (value: T) => U): Result<U, PlatformError> {
  if (reply.ok) return { ok: true, value: map(reply.value) };
  const code = KNOWN.includes(reply.error.code) ? (reply.error.code as PlatformErrorCode) : 'internal';
  return { ok: false, error: platformError(code) };
}

const savedAs = (value: { readonly fileName: string }): ExportedFile => ({ fileName: value.fileName });

/** The platform over the preload bridge (window.casepact). */
export function desktopPlatform(bridge: DesktopBridge): Platform {
  const inApp = new InAppNotifications();
  return {
    kind: 'desktop',
    async appVersion() {
      const reply = await bridge.app.version();
      if (!reply.ok) throw new Error(`app.version refused: ${reply.error.code}`);
      return reply.value;
    },
    async deviceKeySeal() {
      const reply = await bridge.vault.available();
      const status = reply.ok
        ? reply.value
        : ({ available: false, reason: 'encryption-unavailable' } as const);
      if (!status.available) {
        return { available: false, reason: status.reason, message: describeVaultUnavailable(status.reason) };
      }
      return { available: true, backend: status.backend, seal: safeStorageKeySeal(bridge.vault) };
    },
    onJoinLink: (callback) => bridge.links.onJoin((event) => callback(event.link)),
    exportPdf: async (request) => fromReply(await bridge.export.pdf(request), savedAs),
    printReady: () => {
      bridge.print.ready().catch(() => undefined);
    },
    exportSignedCopy: async (bytes, name) => fromReply(await bridge.export.signedCopy(bytes, name), savedAs),
    async saveIdentityBackup(file, name) {
      const encoded = encodeIdentityBackup(file);
      if (!encoded.ok) return encoded;
      return fromReply(await bridge.identity.saveBackup(encoded.value, name), savedAs);
    },
    async openIdentityBackup() {
      const opened = fromReply(await bridge.identity.openBackup(), (value) => value.bytes);
      return opened.ok ? decodeIdentityBackup(opened.value) : opened;
    },
    async notify(notification) {
      const reply = await bridge.notify(notification);
      // No native notifications here (or the request was refused): show it in the app.
      if (!reply.ok) inApp.show(notification);
    },
    onNotificationClick(callback) {
      const offNative = bridge.onNotificationClick((event) => callback(event.caseId));
      const offInApp = inApp.onClick(callback);
      return () => {
        offNative();
        offInApp();
      };
    },
    onInAppNotification: (callback) => inApp.onShow(callback),
  };
}
