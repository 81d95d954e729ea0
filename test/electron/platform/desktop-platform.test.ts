import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge } from '../../../electron/ipc/contract';
import type { FileDialogDeps } from '../../../electron/main/file-dialogs';
import { createIpcHandlers } from '../../../electron/main/handlers';
import { dispatchIpc, type IpcHandlers, type IpcSender } from '../../../electron/main/ipc-registry';
import { KeyVault } from '../../../electron/main/key-vault';
import { DesktopNotifier } from '../../../electron/main/notifications';
import { PdfExporter, PrintJobs } from '../../../electron/main/pdf-export';
import { PushQueue } from '../../../electron/main/renderer-push';
import { desktopPlatform } from '../../../renderer/src/platform/desktop-platform';
import { detectPlatform } from '../../../renderer/src/platform/index';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { sealIdentity, unlockIdentity } from '../../../shared/identity/backup';
import { createIdentity } from '../../../shared/identity/identity';
import { passphraseSeal } from '../../../shared/identity/passphrase-seal';
import { eventFrom, fakeSafeStorage } from '../helpers/fakes';

// The whole desktop path in one process: renderer platform → real preload → IPC (the real
// registry and handlers) → main's services, with only Electron and the OS played by fakes.
const wire = vi.hoisted(() => ({
  api: undefined as unknown,
  handlers: undefined as unknown,
  listeners: new Map<string, ((event: unknown, payload: unknown) => void)[]>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (_name: string, api: unknown) => {
      wire.api = api;
    },
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      const page: IpcSender = {
        id: 1,
        isDestroyed: () => false,
        send: (push: string, payload: unknown) => {
          for (const listener of wire.listeners.get(push) ?? []) listener({}, payload);
        },
      };
      return dispatchIpc(
        wire.handlers as IpcHandlers,
        channel,
        eventFrom('app://casepact/', { sender: page }),
        args,
        {
          isTrustedSender: (url) => url.startsWith('app://casepact/'),
        },
      );
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
      wire.listeners.set(channel, [...(wire.listeners.get(channel) ?? []), listener]),
  },
}));

let storage: ReturnType<typeof fakeSafeStorage>;
let saved: { name: string; bytes: Uint8Array }[];
let notifications: { title: string; click: () => void }[];
let nativeSupported: boolean;

function wireMain(platform: string, storageOptions: Parameters<typeof fakeSafeStorage>[0]) {
  storage = fakeSafeStorage(storageOptions);
  saved = [];
  notifications = [];
  const files: FileDialogDeps = {
    defaultDir: '/docs',
    showSaveDialog: async (o) => ({ canceled: false, filePath: o.defaultPath }),
    showOpenDialog: async () => ({ canceled: false, filePaths: ['/docs/me.casepact-identity'] }),
    writeFile: async (name, bytes) => void saved.push({ name, bytes }),
    fileSize: async () => saved.at(-1)?.bytes.length ?? 0,
    readFile: async () => saved.at(-1)?.bytes ?? new Uint8Array(),
  };
  const printJobs = new PrintJobs();
  const pushes = {
    'join-link': new PushQueue<{ link: string }>('join-link'),
    'notification-click': new PushQueue<{ caseId: string }>('notification-click'),
  };
  wire.handlers = createIpcHandlers({
    appVersion: () => ({ version: '0.1.0', electron: '45', chrome: '140', platform }),
    vault: new KeyVault(storage, platform),
    pushes,
    isMainWindow: () => true,
    printJobs,
    pdf: new PdfExporter({
      openPrintWindow: () => {
        throw new Error('not in this test');
      },
      printUrl: (id) => id,
      jobs: printJobs,
      files,
      readyTimeoutMs: 10,
    }),
    files,
    notifier: new DesktopNotifier(
      {
        isSupported: () => nativeSupported,
        create: (o) => ({
          on: (event: string, listener: () => void) => {
            if (event === 'click') notifications.push({ title: o.title, click: listener });
          },
          show: () => {},
        }),
      },
      { focusWindow: () => {}, openCase: (caseId) => pushes['notification-click'].push({ caseId }) },
    ),
  });
  return pushes;
}

beforeAll(async () => {
  await sodiumReady();
  await import('../../../electron/preload/index');
});
beforeEach(() => {
  nativeSupported = true;
});

const bridge = () => wire.api as DesktopBridge;
const fastPassphrase = (p: string) => passphraseSeal(p, { opsLimit: 1, memLimit: 8192 });

describe('desktop platform over the real preload and IPC registry', () => {
  it('is chosen when the preload exposed a bridge of this contract version', () => {
    expect(detectPlatform({ casepact: bridge() }).kind).toBe('desktop');
    expect(detectPlatform({ casepact: { ...bridge(), ipcVersion: 99 } }).kind).toBe('web');
  });

  it('seals the identity with the OS key store and opens it again', async () => {
    wireMain('darwin', {});
    const platform = desktopPlatform(bridge());
    const device = await platform.deviceKeySeal();
    if (!device.available) throw new Error('expected the keychain');
    const identity = createIdentity('Ada Lovelace', 'Analytical Engines');
    if (!identity.ok) throw new Error('identity');
    const file = await sealIdentity(identity.value, device.seal, 1);
    expect(file.seal.kind).toBe('safe-storage-v1');
    expect(JSON.stringify(file)).not.toContain(Buffer.from(identity.value.seed).toString('base64'));
    const unlocked = await unlockIdentity(file, device.seal);
    expect(unlocked.ok && unlocked.value.id).toBe(identity.value.id);
  });

  it('with basic_text: no device seal, a reason to show, and nothing handed to safeStorage', async () => {
    wireMain('linux', { backend: 'basic_text' });
    const platform = desktopPlatform(bridge());
    const device = await platform.deviceKeySeal();
    expect(device).toMatchObject({ available: false, reason: 'linux-basic-text' });
    expect(device.available ? '' : device.message).toMatch(/passphrase/);
    // The renderer falls back to the passphrase seal; the key never reaches safeStorage.
    const identity = createIdentity('Ada Lovelace', 'Analytical Engines');
    if (!identity.ok) throw new Error('identity');
    await sealIdentity(identity.value, fastPassphrase('correct horse battery'), 1);
    expect(storage.encrypted).toEqual([]);
  });

  it('saves a passphrase-protected backup and restores it; refuses a device-sealed one', async () => {
    wireMain('darwin', {});
    const platform = desktopPlatform(bridge());
    const identity = createIdentity('Ada Lovelace', 'Analytical Engines');
    if (!identity.ok) throw new Error('identity');
    const file = await sealIdentity(identity.value, fastPassphrase('correct horse battery'), 1);
    expect(await platform.saveIdentityBackup(file, 'Ada')).toEqual({
      ok: true,
      value: { fileName: 'Ada.casepact-identity' },
    });
    const restored = await platform.openIdentityBackup();
    expect(restored).toEqual({ ok: true, value: file });

    const device = await platform.deviceKeySeal();
    if (!device.available) throw new Error('expected the keychain');
    const deviceFile = await sealIdentity(identity.value, device.seal, 1);
    const refused = await platform.saveIdentityBackup(deviceFile, 'Ada');
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-passphrase-protected' } });
    expect(saved).toHaveLength(1);
  });

  it('main refuses an unprotected backup even if the renderer check is bypassed', async () => {
    wireMain('darwin', {});
    const plain = new TextEncoder().encode(
      JSON.stringify({ format: 'casepact-identity', version: 1, seed: 'AAAA' }),
    );
    expect(await bridge().identity.saveBackup(plain, 'x')).toEqual({
      ok: false,
      error: { code: 'not-passphrase-protected' },
    });
    expect(saved).toEqual([]);
  });

  it('native notification clicks reach onNotificationClick with the case id', async () => {
    wireMain('darwin', {});
    const platform = desktopPlatform(bridge());
    const opened: string[] = [];
    const off = platform.onNotificationClick((caseId) => opened.push(caseId));
    await platform.notify({ title: 'Proposal awaiting you', body: 'Counter on due date', caseId: 'case-7' });
    notifications[0]?.click();
    expect(opened).toEqual(['case-7']);
    off();
  });

  it('without native notifications, shows the notification in the app; clicking it opens the case', async () => {
    wireMain('linux', { backend: 'kwallet5' });
    nativeSupported = false;
    const platform = desktopPlatform(bridge());
    const shown: { title: string; open(): void }[] = [];
    const opened: string[] = [];
    platform.onInAppNotification((n) => shown.push(n));
    platform.onNotificationClick((caseId) => opened.push(caseId));
    await platform.notify({ title: 'A party joined', body: 'OS vendor engineer', caseId: 'case-8' });
    expect(shown.map((n) => n.title)).toEqual(['A party joined']);
    shown[0]?.open();
    expect(opened).toEqual(['case-8']);
  });

  it('turns bridge refusals into sentences', async () => {
    wireMain('darwin', {});
    const platform = desktopPlatform(bridge());
    const result = await platform.exportPdf({ caseId: 'bad/id', suggestedName: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(result.ok ? '' : result.error.message).toMatch(/refused/);
  });
});
