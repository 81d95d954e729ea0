import type { AppVersionInfo } from '../../../electron/ipc/contract';

/** What the UI may ask of its host, whether Electron or a plain browser tab. */
export interface Platform {
  readonly kind: 'desktop' | 'web';
  appVersion(): Promise<AppVersionInfo>;
}
