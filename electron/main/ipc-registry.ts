import {
  type BridgeReply,
  IPC_CHANNELS,
  IPC_CONTRACT,
  type IpcArgs,
  type IpcBoundaryError,
  type IpcChannel,
  type IpcReplies,
  isIpcChannel,
} from '../ipc/contract';
import type { ArgsParser } from '../ipc/schema';

/** The web contents that made a call: enough to answer it later (push events, print jobs). */
export interface IpcSender {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** What a handler learns about its caller, after the registry has checked it. */
export interface IpcContext {
  readonly sender: IpcSender;
}

/** One handler per channel, receiving arguments already parsed by the contract. */
export type IpcHandlers = {
  readonly [C in IpcChannel]: (
    context: IpcContext,
    ...args: IpcArgs<C>
  ) => Promise<IpcReplies[C]> | IpcReplies[C];
};

/** The parts of Electron's IpcMainInvokeEvent the registry reads. */
export interface IpcEventLike {
  readonly sender: IpcSender;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** What the registry needs of Electron's ipcMain. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
}

/** Where refusals are reported: the channel and the code, never the arguments. */
export type IpcRefusalLog = (channel: string, error: IpcBoundaryError) => void;

export interface IpcRegistryOptions {
  readonly isTrustedSender: (senderUrl: string) => boolean;
  readonly onRefusal?: IpcRefusalLog;
}

/**
 * Registers one handler per channel of the contract, and nothing else. Each call is
 * refused before its handler runs when the channel is unknown, when it comes from a
 * frame that is not the app's own top-level page, or when an argument does not parse.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  options: IpcRegistryOptions,
): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, ...args) => dispatchIpc(handlers, channel, event, args, options));
  }
}

function refuse(
  channel: unknown,
  error: IpcBoundaryError,
  options: IpcRegistryOptions,
): { readonly ok: false; readonly error: IpcBoundaryError } {
  options.onRefusal?.(typeof channel === 'string' ? channel.slice(0, 64) : typeof channel, error);
  return { ok: false, error };
}

/** Checks and runs one call. Always resolves to a reply; never rejects. */
export async function dispatchIpc<C extends IpcChannel>(
  handlers: IpcHandlers,
  channel: C | unknown,
  event: IpcEventLike,
  args: readonly unknown[],
  options: IpcRegistryOptions,
): Promise<BridgeReply<C>> {
  if (!isIpcChannel(channel)) return refuse(channel, { code: 'unknown-channel' }, options);
  // Only the app's own top-level document may call: not a subframe, not a page the
  // window was navigated to, not a frame that is gone (senderFrame null).
  const frame = event.senderFrame;
  if (!frame || frame.parent || !options.isTrustedSender(frame.url)) {
    return refuse(channel, { code: 'foreign-sender' }, options);
  }
  const parse = IPC_CONTRACT[channel] as ArgsParser<readonly unknown[]>;
  const parsed = parse(args);
  if (!parsed.ok) return refuse(channel, { code: 'invalid-arguments', issue: parsed.issue }, options);
  const handler = handlers[channel] as (context: IpcContext, ...args: readonly unknown[]) => unknown;
  try {
    return (await handler({ sender: event.sender }, ...parsed.value)) as BridgeReply<C>;
  } catch {
    // The error's message is dropped on purpose: it could quote a secret argument.
    return refuse(channel, { code: 'internal' }, options);
  }
}
