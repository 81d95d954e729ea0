import { BRIDGE_GLOBAL, type DesktopBridge } from '../../../electron/ipc/contract';
import { desktopPlatform } from './desktop-platform';
import type { Platform } from './platform';
import { webPlatform } from './web-platform';

export type { Platform } from './platform';

/** The desktop bridge when the preload put one there, the browser fallback otherwise. */
export function detectPlatform(host: object = window): Platform {
  const bridge = (host as Record<string, unknown>)[BRIDGE_GLOBAL] as DesktopBridge | undefined;
  return bridge?.app ? desktopPlatform(bridge) : webPlatform();
}
