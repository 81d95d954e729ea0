import type { WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/** What the guard needs of Electron: the shell, injected so tests can observe it. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Only http(s) links leave the app, and only to the system browser. */
export function isSafeExternalUrl(rawUrl: string): boolean {
  try {
    const url = new URL(rawUrl);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The page can never be replaced: in-app navigation away from the app origin and
 * every new window are denied; http(s) links open in the system browser instead.
 */
export function guardNavigation(contents: WebContents, shell: ExternalOpener, devServerUrl?: string): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, devServerUrl)) return;
    event.preventDefault();
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
