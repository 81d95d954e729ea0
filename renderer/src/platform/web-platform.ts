import type { Platform } from './platform';

declare const __APP_VERSION__: string;

export function webPlatform(): Platform {
  return {
    kind: 'web',
    appVersion: async () => ({
      version: __APP_VERSION__,
      electron: '',
      chrome: navigator.userAgent.match(/Chrom(?:e|ium)\/([\d.]+)/)?.[1] ?? '',
      platform: 'web',
    }),
  };
}
