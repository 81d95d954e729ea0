import { MAX_BACKUP_BYTES, printRouteHash } from '../../../electron/ipc/contract';
import { sanitizeFileName } from '../../../electron/ipc/file-names';
import { decodeIdentityBackup, encodeIdentityBackup, IDENTITY_BACKUP_EXTENSION } from './backup-file';
import { InAppNotifications } from './in-app-notifications';
import type { Platform } from './platform';
import { describeVaultUnavailable, platformError } from './platform-errors';
import { browserHost, type WebHost } from './web-host';

declare const __APP_VERSION__: string;

/** Window name prefix of the tabs exportPdf opens. */
const PRINT_TAB_PREFIX = 'casepact-print-';

/** Extension of signed copy files (main's save dialog uses the same). */
export const SIGNED_COPY_EXTENSION = 'casepact';

/**
 * The browser fallback: the same verbs as the desktop, done the browser's way. Keys are
 * sealed with a passphrase, files are downloads, the PDF is the print dialog, and
 * notifications are shown inside the app.
 */
export function webPlatform(host: WebHost = browserHost()): Platform {
  const inApp = new InAppNotifications();
  return {
    kind: 'web',
    appVersion: async () => ({
      version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0',
      electron: '',
      chrome: host.userAgent.match(/Chrom(?:e|ium)\/([\d.]+)/)?.[1] ?? '',
      platform: 'web',
    }),
    deviceKeySeal: async () => ({
      available: false,
      reason: 'not-desktop',
      message: describeVaultUnavailable('not-desktop'),
    }),
    // The browser has no deep links: invite links are pasted.
    onJoinLink: () => () => undefined,
    async exportPdf(request) {
      const name = `${PRINT_TAB_PREFIX}${Date.now().toString(36)}`;
      const opened = host.openTab(`${host.baseUrl()}${printRouteHash(request.caseId)}`, name);
      return opened
        ? { ok: true, value: { fileName: null } }
        : { ok: false, error: platformError('popup-blocked') };
    },
    printReady() {
      // Only the tab exportPdf opened prints by itself; the print route shown in the app
      // (a preview, an e2e screenshot) does not pop up a dialog.
      if (host.isPrintTab(PRINT_TAB_PREFIX)) host.print();
    },
    async exportSignedCopy(bytes, name) {
      const fileName = sanitizeFileName(name, SIGNED_COPY_EXTENSION);
      host.download(bytes, fileName, 'application/octet-stream');
      return { ok: true, value: { fileName } };
    },
    async saveIdentityBackup(file, name) {
      const encoded = encodeIdentityBackup(file);
      if (!encoded.ok) return encoded;
      const fileName = sanitizeFileName(name, IDENTITY_BACKUP_EXTENSION);
      host.download(encoded.value, fileName, 'application/json');
      return { ok: true, value: { fileName } };
    },
    async openIdentityBackup() {
      const picked = await host.pickFile(`.${IDENTITY_BACKUP_EXTENSION},application/json`, MAX_BACKUP_BYTES);
      if (!picked) return { ok: false, error: platformError('cancelled') };
      if ('refused' in picked) return { ok: false, error: platformError(picked.refused) };
      return decodeIdentityBackup(picked.bytes);
    },
    notify: async (notification) => inApp.show(notification),
    onNotificationClick: (callback) => inApp.onClick(callback),
    onInAppNotification: (callback) => inApp.onShow(callback),
  };
}
