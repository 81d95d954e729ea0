import type { AppVersionInfo, JoinLinkEvent, NotificationClickEvent, PushTopic } from '../ipc/contract';
import { MAX_BACKUP_BYTES } from '../ipc/contract';
import { FILE_KINDS, type FileDialogDeps, openWithDialog, saveWithDialog } from './file-dialogs';
import { isPassphraseProtectedBackup } from './identity-backup';
import type { IpcHandlers } from './ipc-registry';
import type { KeyVault } from './key-vault';
import type { DesktopNotifier } from './notifications';
import type { PdfExporter, PrintJobs } from './pdf-export';
import type { PushQueue } from './renderer-push';

/** Everything the handlers delegate to; each piece is tested on its own with Electron injected. */
export interface DesktopServices {
  appVersion(): AppVersionInfo;
  readonly vault: KeyVault;
  readonly pushes: {
    readonly 'join-link': PushQueue<JoinLinkEvent>;
    readonly 'notification-click': PushQueue<NotificationClickEvent>;
  };
  /** Push events go to the main window only, never to a hidden print window. */
  isMainWindow(webContentsId: number): boolean;
  readonly printJobs: PrintJobs;
  readonly pdf: PdfExporter;
  readonly files: FileDialogDeps;
  readonly notifier: DesktopNotifier;
}

/** The one handler map of the contract: thin delegation, no domain logic. */
export function createIpcHandlers(services: DesktopServices): IpcHandlers {
  const pushQueue = (topic: PushTopic) => services.pushes[topic] as PushQueue<unknown>;
  return {
    'app:version': () => ({ ok: true, value: services.appVersion() }),
    'vault:status': async () => ({ ok: true, value: await services.vault.status() }),
    'vault:seal': (_context, secret) => services.vault.seal(secret),
    'vault:unseal': (_context, sealed) => services.vault.unseal(sealed),
    'push:ready': ({ sender }, topic) => {
      if (!services.isMainWindow(sender.id)) return { ok: true, value: { delivered: 0 } };
      return { ok: true, value: { delivered: pushQueue(topic).ready(sender) } };
    },
    'print:ready': ({ sender }) => ({ ok: true, value: { printing: services.printJobs.signal(sender.id) } }),
    'export:pdf': (_context, request) => services.pdf.export(request),
    'export:signed-copy': (_context, bytes, name) =>
      saveWithDialog(bytes, name, FILE_KINDS.signedCopy, services.files),
    'identity:save-backup': (_context, bytes, name) =>
      isPassphraseProtectedBackup(bytes)
        ? saveWithDialog(bytes, name, FILE_KINDS.identityBackup, services.files)
        : { ok: false, error: { code: 'not-passphrase-protected' } },
    'identity:open-backup': () => openWithDialog(FILE_KINDS.identityBackup, MAX_BACKUP_BYTES, services.files),
    notify: (_context, request) => services.notifier.notify(request),
  };
}
