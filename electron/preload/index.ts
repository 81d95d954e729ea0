import { contextBridge, ipcRenderer } from 'electron';
import {
  BRIDGE_GLOBAL,
  type BridgeReply,
  type DesktopBridge,
  IPC_PROTOCOL_VERSION,
  type IpcChannel,
  type JoinLinkEvent,
  type NotificationClickEvent,
  PUSH_CHANNELS,
  type PushTopic,
} from '../ipc/contract';

// The one surface the page sees: named verbs over fixed channels, never ipcRenderer
// itself, never an event object (it would reach the sender). Arguments are checked in
// main, which trusts nothing that comes from here.

const invoke = <C extends IpcChannel>(channel: C, ...args: unknown[]) =>
  ipcRenderer.invoke(channel, ...args) as Promise<BridgeReply<C>>;

/**
 * One listener per push channel for the life of the page. Events that come while no
 * callback is subscribed (between a React unmount and remount) wait here for the next one.
 */
function pushSubscription<T>(topic: PushTopic, isPayload: (value: unknown) => value is T) {
  const callbacks = new Set<(event: T) => void>();
  const waiting: T[] = [];
  ipcRenderer.on(PUSH_CHANNELS[topic], (_event, payload: unknown) => {
    if (!isPayload(payload)) return;
    if (callbacks.size === 0) {
      if (waiting.push(payload) > 16) waiting.shift();
      return;
    }
    for (const callback of callbacks) callback(payload);
  });
  return (callback: (event: T) => void): (() => void) => {
    if (typeof callback !== 'function') return () => undefined;
    callbacks.add(callback);
    for (const payload of waiting.splice(0)) callback(payload);
    // Main holds back events until the page listens: say so (idempotent).
    invoke('push:ready', topic).catch(() => undefined);
    return () => {
      callbacks.delete(callback);
    };
  };
}

const isJoinLinkEvent = (value: unknown): value is JoinLinkEvent =>
  typeof value === 'object' && value !== null && typeof (value as JoinLinkEvent).link === 'string';
const isNotificationClickEvent = (value: unknown): value is NotificationClickEvent =>
  typeof value === 'object' && value !== null && typeof (value as NotificationClickEvent).caseId === 'string';

const bridge: DesktopBridge = {
  ipcVersion: IPC_PROTOCOL_VERSION,
  app: {
    version: () => invoke('app:version'),
  },
  vault: {
    available: () => invoke('vault:status'),
    seal: (secret) => invoke('vault:seal', secret),
    unseal: (sealed) => invoke('vault:unseal', sealed),
  },
  links: {
    onJoin: pushSubscription('join-link', isJoinLinkEvent),
  },
  export: {
    pdf: (request) => invoke('export:pdf', request),
    signedCopy: (bytes, suggestedName) => invoke('export:signed-copy', bytes, suggestedName),
  },
  identity: {
    saveBackup: (bytes, suggestedName) => invoke('identity:save-backup', bytes, suggestedName),
    openBackup: () => invoke('identity:open-backup'),
  },
  print: {
    ready: () => invoke('print:ready'),
  },
  notify: (request) => invoke('notify', request),
  onNotificationClick: pushSubscription('notification-click', isNotificationClickEvent),
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
