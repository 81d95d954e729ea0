import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { printRouteHash, type JoinLinkEvent, type NotificationClickEvent } from '../ipc/contract';
import { APP_ORIGIN, isAppUrl } from './app-origin';
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { startDeepLinks } from './deep-links';
import {
  fileDialogAdapter,
  notificationAdapter,
  protocolRegistrationAdapter,
  safeStorageAdapter,
} from './electron-adapters';
import { createIpcHandlers } from './handlers';
import { registerIpcHandlers } from './ipc-registry';
import { KeyVault } from './key-vault';
import { MainWindow } from './main-window';
import { guardNavigation } from './navigation-guard';
import { DesktopNotifier } from './notifications';
import { PdfExporter, PrintJobs } from './pdf-export';
import { denyAllPermissions } from './permissions';
import { planProtocolRegistration, registerProtocolClient } from './protocol-client';
import { PushQueue } from './renderer-push';
import { secureWindowOptions } from './window-options';

// Wiring only: every decision lives in a module that is tested with Electron injected.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');
const devServerUrl = process.env.CASEPACT_DEV_SERVER_URL;
const startUrl = devServerUrl ?? `${APP_ORIGIN}/`;
const log = (message: string) => console.log(`[casepact] ${message}`);

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const pushes = {
  'join-link': new PushQueue<JoinLinkEvent>('join-link'),
  'notification-click': new PushQueue<NotificationClickEvent>('notification-click'),
};
const mainWindow = new MainWindow({
  create: () => new BrowserWindow(secureWindowOptions(preloadPath)),
  url: startUrl,
  isAppReady: () => app.isReady(),
  onPageGone: (id) => {
    pushes['join-link'].detach(id);
    pushes['notification-click'].detach(id);
  },
});

// Before whenReady: macOS delivers the link that started the app as an early open-url.
const primary = startDeepLinks(app, {
  argv: process.argv,
  route: (link) => pushes['join-link'].push({ link }),
  focus: () => mainWindow.focus(),
  log,
});

if (primary) {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, shell, devServerUrl));

  app.whenReady().then(async () => {
    protocol.handle(APP_SCHEME_PRIVILEGES.scheme, (request) => serveAppRequest(request.url, rendererDir));
    denyAllPermissions(session.defaultSession);
    const files = fileDialogAdapter(dialog, () => mainWindow.current, app.getPath('documents'));
    const printJobs = new PrintJobs();
    const handlers = createIpcHandlers({
      appVersion: () => ({
        version: app.getVersion(),
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
        platform: process.platform,
      }),
      vault: new KeyVault(safeStorageAdapter(safeStorage), process.platform),
      pushes,
      isMainWindow: (id) => mainWindow.isMainWebContents(id),
      printJobs,
      pdf: new PdfExporter({
        openPrintWindow: () => new BrowserWindow({ ...secureWindowOptions(preloadPath), show: false }),
        printUrl: (caseId) => `${startUrl}${printRouteHash(caseId)}`,
        jobs: printJobs,
        files,
        readyTimeoutMs: 20_000,
      }),
      files,
      notifier: new DesktopNotifier(notificationAdapter(Notification), {
        focusWindow: () => mainWindow.focus(),
        openCase: (caseId) => pushes['notification-click'].push({ caseId }),
      }),
    });
    registerIpcHandlers(ipcMain, handlers, {
      isTrustedSender: (senderUrl) => isAppUrl(senderUrl, devServerUrl),
      onRefusal: (channel, error) => log(`refused IPC on ${channel}: ${error.code}`),
    });
    const plan = planProtocolRegistration({
      defaultApp: process.defaultApp === true,
      execPath: process.execPath,
      argv: process.argv,
      platform: process.platform,
      appImagePath: process.env.APPIMAGE,
    });
    void registerProtocolClient(plan, protocolRegistrationAdapter(app, log)).then((outcome) => {
      if (!outcome.ok) log(`could not register casepact:// (${outcome.kind}): ${outcome.reason}`);
    });
    await mainWindow.open();
    app.on('activate', () => void mainWindow.open());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
