import { isSignalingUrl } from '../../../shared/sync/webrtc-transport';

const KEY = 'casepact.signaling.v1';

/**
 * The signaling servers this device uses to find peers. None by default: Casepact never
 * contacts a public server unless the person (or their organisation) configured one.
 */
export const signalingSettings = {
  urls(): string[] {
    try {
      const value = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
      return Array.isArray(value)
        ? value.filter((url): url is string => typeof url === 'string' && isSignalingUrl(url))
        : [];
    } catch {
      return [];
    }
  },
  /** Returns a sentence when a URL is not acceptable. */
  save(urls: readonly string[]): string | undefined {
    const bad = urls.find((url) => !isSignalingUrl(url));
    if (bad) return `“${bad}” is not a signaling address. It looks like ws://host:port or wss://host/path.`;
    localStorage.setItem(KEY, JSON.stringify(urls));
    return undefined;
  },
};
