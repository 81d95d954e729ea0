/**
 * Deep links (`casepact://join/<public part>#<secret part>`), every OS path in one place:
 * - cold start on Windows and Linux: the link is in the process argv;
 * - a second launch while running (Windows, Linux): the single-instance lock hands its
 *   argv to the first instance as `second-instance`;
 * - macOS: `open-url`, both at cold start and while running.
 * Main only checks the link's shape and passes the raw string on; the renderer parses it
 * with the same shared/invite parser as a pasted link. The link carries the case key and
 * the invite secret, so it is never logged: logs say only that a link came in.
 */

export const DEEP_LINK_SCHEME = 'casepact';
export const JOIN_LINK_PREFIX = `${DEEP_LINK_SCHEME}://join/`;
/** Far above any real invite link; bounds what a hostile caller can hand us. */
export const MAX_JOIN_LINK_LENGTH = 4096;

/**
 * The cheap shape check: `casepact://join/` (scheme and host in any case), then at least
 * one character, all printable ASCII without spaces, and a bounded length.
 */
export function isJoinLinkShape(raw: unknown): raw is string {
  if (typeof raw !== 'string') return false;
  if (raw.length <= JOIN_LINK_PREFIX.length || raw.length > MAX_JOIN_LINK_LENGTH) return false;
  if (raw.slice(0, JOIN_LINK_PREFIX.length).toLowerCase() !== JOIN_LINK_PREFIX) return false;
  return /^[\x21-\x7e]+$/.test(raw);
}

/** The first join link in a command line; flags and paths around it are ignored. */
export function findJoinLink(argv: readonly string[]): string | undefined {
  return argv.find((arg) => isJoinLinkShape(arg));
}

/** What the logs may say about a link: its kind and length, never its content. */
export function describeLinkForLog(raw: unknown): string {
  if (isJoinLinkShape(raw)) return `join link (${raw.length} characters)`;
  if (typeof raw === 'string')
    return `ignored a link that is not a ${JOIN_LINK_PREFIX} link (${raw.length} characters)`;
  return 'ignored a link that is not a string';
}

export type DeepLinkSource = 'cold-start' | 'second-instance' | 'open-url';

/** What the deep-link module needs of Electron's `app`. */
export interface DeepLinkApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

export interface DeepLinkOptions {
  /** This process's argv (cold start on Windows and Linux). */
  readonly argv: readonly string[];
  /** Hands a join link to the renderer (queued until it listens). */
  readonly route: (link: string, source: DeepLinkSource) => void;
  /** Brings the main window forward (a second launch means the user wants the app). */
  readonly focus: () => void;
  readonly log: (message: string) => void;
}

/**
 * Takes the single-instance lock and listens on every deep-link path. Returns false when
 * another instance holds the lock: this one has handed its argv over and quits.
 * Call before `app.whenReady()` so macOS's cold-start `open-url` is not missed.
 */
export function startDeepLinks(app: DeepLinkApp, options: DeepLinkOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  const accept = (raw: unknown, source: DeepLinkSource) => {
    options.log(`deep link via ${source}: ${describeLinkForLog(raw)}`);
    if (isJoinLinkShape(raw)) options.route(raw, source);
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    accept(url, 'open-url');
    options.focus();
  });
  app.on('second-instance', (_event, argv) => {
    options.focus();
    const link = Array.isArray(argv) ? findJoinLink(argv.slice(1)) : undefined;
    if (link) accept(link, 'second-instance');
  });
  // argv[0] is the executable; in development argv[1] is the app path. Neither is a link.
  const coldStart = findJoinLink(options.argv.slice(1));
  if (coldStart) accept(coldStart, 'cold-start');
  return true;
}
