import type { IpcMainInvokeEvent } from 'electron';
import { type AppVersionInfo, IPC_CHANNELS, type IpcChannel, isIpcChannel } from '../ipc/contract';

/** Each channel's handler takes its arguments as `unknown` and parses them itself. */
export type IpcHandlers = {
  readonly [C in IpcChannel]: (...args: unknown[]) => Promise<IpcResult[C]> | IpcResult[C];
};

export interface IpcResult {
  'app:version': AppVersionInfo;
}

/** What the registry needs of Electron's ipcMain. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
}

export class IpcRefusal extends Error {
  constructor(readonly reason: 'unknown-channel' | 'foreign-sender') {
    super(reason === 'unknown-channel' ? 'Unknown IPC channel' : 'IPC call from a frame outside the app');
  }
}

/**
 * Registers one handler per channel of the contract. A call whose sender frame is
 * not the app's own origin is refused before the handler runs.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  isTrustedSender: (senderUrl: string) => boolean,
): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, ...args) => dispatchIpc(handlers, channel, event, args, isTrustedSender));
  }
}

export function dispatchIpc(
  handlers: IpcHandlers,
  channel: unknown,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  args: unknown[],
  isTrustedSender: (senderUrl: string) => boolean,
): unknown {
  if (!isIpcChannel(channel)) throw new IpcRefusal('unknown-channel');
  const senderUrl = event.senderFrame?.url ?? '';
  if (!isTrustedSender(senderUrl)) throw new IpcRefusal('foreign-sender');
  return handlers[channel](...args);
}
