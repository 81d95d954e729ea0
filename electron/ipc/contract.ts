/**
 * The IPC contract between the preload bridge and the main process: channel names
 * and the shape of what crosses them. Main and preload both import this file, and the
 * renderer imports its types, so a channel cannot be renamed on one side only.
 */

export const IPC_PROTOCOL_VERSION = 1;

/** Every channel the preload may invoke. Main refuses any other name. */
export const IPC_CHANNELS = ['app:version'] as const;

export type IpcChannel = (typeof IPC_CHANNELS)[number];

export function isIpcChannel(name: unknown): name is IpcChannel {
  return typeof name === 'string' && (IPC_CHANNELS as readonly string[]).includes(name);
}

/** What the app reports about itself. */
export interface AppVersionInfo {
  readonly version: string;
  readonly electron: string;
  readonly chrome: string;
  readonly platform: string;
}

/** The object the preload exposes on `window.casepact`: verbs only, never ipcRenderer. */
export interface DesktopBridge {
  readonly ipcVersion: typeof IPC_PROTOCOL_VERSION;
  readonly app: {
    version(): Promise<AppVersionInfo>;
  };
}

/** Name of the global the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'casepact';
