import { beforeAll, describe, expect, it, vi } from 'vitest';

// Electron cannot run here, so the real main module runs against an injected Electron
// that records what main asks of it.
const recorded = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; loaded: string[] }[],
  privileged: [] as unknown[],
  handled: [] as string[],
  ipcChannels: [] as string[],
  permissionRequest: undefined as undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | (() => boolean),
  appEvents: new Map<string, (...args: unknown[]) => void>(),
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => [];
    readonly record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, loaded: [] };
      recorded.windows.push(this.record);
    }
    async loadURL(url: string) {
      this.record.loaded.push(url);
    }
    show() {}
  }
  return {
    app: {
      on: (event: string, listener: (...args: unknown[]) => void) => recorded.appEvents.set(event, listener),
      whenReady: () => Promise.resolve(),
      getVersion: () => '0.1.0',
      quit: () => {},
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string) => recorded.ipcChannels.push(channel) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privileged.push(...schemes),
      handle: (scheme: string) => recorded.handled.push(scheme),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof recorded.permissionRequest) => {
          recorded.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: typeof recorded.permissionCheck) => {
          recorded.permissionCheck = handler;
        },
      },
    },
    shell: { openExternal: async () => {} },
  };
});

beforeAll(async () => {
  await import('../../electron/main/index');
  await new Promise((resolve) => setTimeout(resolve, 10));
});

describe('Electron main wiring', () => {
  it('serves the renderer from app:// with secure privileges, not file://', () => {
    expect(recorded.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(recorded.handled).toEqual(['app']);
    expect(recorded.windows[0]?.loaded).toEqual(['app://casepact/']);
  });

  it('opens its window with the security baseline', () => {
    const prefs = recorded.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
  });

  it('guards every web contents it creates', () => {
    expect(recorded.appEvents.has('web-contents-created')).toBe(true);
  });

  it('denies every permission request and check', () => {
    let granted: boolean | undefined;
    recorded.permissionRequest?.({}, 'media', (ok) => {
      granted = ok;
    });
    expect(granted).toBe(false);
    expect(recorded.permissionCheck?.()).toBe(false);
  });

  it('registers the IPC channels of the contract only', () => {
    expect(recorded.ipcChannels).toEqual(['app:version']);
  });
});
