import { EventEmitter } from 'node:events';

/**
 * An injected Electron for running the real main module: records what main asks of it and
 * lets a test play the OS (events, dialogs) and the page (IPC invokes).
 */
export interface ElectronRecord {
  lockGranted: boolean;
  windows: FakeWindow[];
  privileged: unknown[];
  handledSchemes: string[];
  ipc: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  appEvents: Map<string, ((...args: unknown[]) => void)[]>;
  permissionRequest?: (c: unknown, p: string, cb: (ok: boolean) => void) => void;
  permissionCheck?: () => boolean;
  protocolClients: unknown[][];
  quit: number;
  notifications: FakeNotification[];
  saveDialogs: unknown[];
  savePath?: string;
  pdfBytes: Uint8Array;
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  printed: unknown[] = [];
  constructor(private readonly record: ElectronRecord) {
    super();
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return false;
  }
  async printToPDF(options: unknown) {
    this.printed.push(options);
    return this.record.pdfBytes;
  }
}

export class FakeWindow extends EventEmitter {
  readonly loaded: string[] = [];
  readonly webContents: FakeWebContents;
  destroyed = false;
  focused = 0;
  shown = 0;
  constructor(
    readonly options: Record<string, unknown>,
    record: ElectronRecord,
  ) {
    super();
    this.webContents = new FakeWebContents(record);
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {
    this.shown++;
  }
  focus() {
    this.focused++;
  }
}

export class FakeNotification extends EventEmitter {
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    this.shown = true;
  }
}

export function newElectronRecord(): ElectronRecord {
  return {
    lockGranted: true,
    windows: [],
    privileged: [],
    handledSchemes: [],
    ipc: new Map(),
    appEvents: new Map(),
    protocolClients: [],
    quit: 0,
    notifications: [],
    saveDialogs: [],
    pdfBytes: new TextEncoder().encode('%PDF-1.7 fake'),
  };
}

export function electronModule(record: ElectronRecord): Record<string, unknown> {
  class BrowserWindow extends FakeWindow {
    static getAllWindows = () => record.windows.filter((w) => !w.destroyed);
    constructor(options: Record<string, unknown>) {
      super(options, record);
      record.windows.push(this);
    }
  }
  class Notification extends FakeNotification {
    static isSupported = () => true;
    constructor(options: { title: string; body: string }) {
      super(options);
      record.notifications.push(this);
    }
  }
  let ready = false;
  return {
    app: {
      on: (event: string, listener: (...args: unknown[]) => void) => {
        record.appEvents.set(event, [...(record.appEvents.get(event) ?? []), listener]);
      },
      whenReady: () => {
        ready = true;
        return Promise.resolve();
      },
      isReady: () => ready,
      getVersion: () => '0.1.0',
      getPath: () => '/home/test/Documents',
      quit: () => {
        record.quit++;
      },
      requestSingleInstanceLock: () => record.lockGranted,
      setAsDefaultProtocolClient: (...args: unknown[]) => {
        record.protocolClients.push(args);
        return true;
      },
    },
    BrowserWindow,
    Notification,
    dialog: {
      showSaveDialog: async (_window: unknown, options: unknown) => {
        record.saveDialogs.push(options);
        return record.savePath ? { canceled: false, filePath: record.savePath } : { canceled: true };
      },
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) =>
        record.ipc.set(channel, listener),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => record.privileged.push(...schemes),
      handle: (scheme: string) => record.handledSchemes.push(scheme),
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptStringAsync: async () => {
        throw new Error('must not be called');
      },
      decryptStringAsync: async () => {
        throw new Error('must not be called');
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: ElectronRecord['permissionRequest']) => {
          record.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: ElectronRecord['permissionCheck']) => {
          record.permissionCheck = handler;
        },
      },
    },
    shell: { openExternal: async () => {} },
  };
}

/** Plays the page: an invoke from `window`'s top frame at `url`. */
export function invokeFrom(
  record: ElectronRecord,
  window: FakeWindow,
  url: string,
  channel: string,
  ...args: unknown[]
) {
  const listener = record.ipc.get(channel);
  if (!listener) throw new Error(`no handler for ${channel}`);
  return listener({ sender: window.webContents, senderFrame: { url, parent: null } }, ...args);
}

/** Emits an app event the way Electron would. */
export function emitApp(record: ElectronRecord, event: string, ...args: unknown[]) {
  for (const listener of record.appEvents.get(event) ?? []) listener(...args);
}
