import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import { APP_ORIGIN, isAppUrl } from './app-origin';
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { registerIpcHandlers } from './ipc-registry';
import { guardNavigation } from './navigation-guard';
import { denyAllPermissions } from './permissions';
import { secureWindowOptions } from './window-options';

// Wiring only: every decision lives in a module that is tested with Electron injected.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');
const devServerUrl = process.env.CASEPACT_DEV_SERVER_URL;

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

app.on('web-contents-created', (_event, contents) => guardNavigation(contents, shell, devServerUrl));

async function createMainWindow(): Promise<void> {
  const window = new BrowserWindow(secureWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(devServerUrl ?? `${APP_ORIGIN}/`);
}

app.whenReady().then(async () => {
  protocol.handle(APP_SCHEME_PRIVILEGES.scheme, (request) => serveAppRequest(request.url, rendererDir));
  denyAllPermissions(session.defaultSession);
  registerIpcHandlers(
    ipcMain,
    {
      'app:version': () => ({
        version: app.getVersion(),
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
        platform: process.platform,
      }),
    },
    (senderUrl) => isAppUrl(senderUrl, devServerUrl),
  );
  await createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
