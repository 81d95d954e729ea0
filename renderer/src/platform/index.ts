import { BRIDGE_GLOBAL, type DesktopBridge, IPC_PROTOCOL_VERSION } from '../../../electron/ipc/contract';
import { desktopPlatform } from './desktop-platform';
import type { Platform } from './platform';
import { webPlatform } from './web-platform';

export type {
  DeviceKeySeal,
  ExportedFile,
  InAppNotification,
  Platform,
  PlatformError,
  PlatformErrorCode,
  PlatformNotification,
} from './platform';
export { describeVaultUnavailable } from './platform-errors';

/**
 * The desktop bridge when the preload put one there (and speaks this contract version),
 * the browser fallback otherwise.
 */
export function detectPlatform(host: object = window): Platform {
  const bridge = (host as Record<string, unknown>)[BRIDGE_GLOBAL] as DesktopBridge | undefined;
  return bridge?.app && bridge.ipcVersion === IPC_PROTOCOL_VERSION ? desktopPlatform(bridge) : webPlatform();
}
