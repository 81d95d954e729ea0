/** The custom scheme the renderer is served from in production (not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'casepact';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True when a URL belongs to the app itself (production scheme or the dev server). */
export function isAppUrl(rawUrl: string, devServerUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return url.origin === dev.origin;
  }
  return false;
}
