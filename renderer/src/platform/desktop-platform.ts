import type { DesktopBridge } from '../../../electron/ipc/contract';
import type { Platform } from './platform';

export function desktopPlatform(bridge: DesktopBridge): Platform {
  return {
    kind: 'desktop',
    appVersion: () => bridge.app.version(),
  };
}
