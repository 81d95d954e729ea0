import path from 'node:path';
import { DEEP_LINK_SCHEME } from './deep-links';

/**
 * How this copy of the app makes `casepact://` links open it:
 * - dev (`electron .`): the OS must start Electron with the app path, so register
 *   process.execPath with `path.resolve(argv[1])` as its argument;
 * - packaged (installers, deb): the installer declared the scheme; registering without
 *   arguments makes this app the default handler;
 * - Linux AppImage: nothing is installed and process.execPath lives in a temporary mount
 *   that is gone after exit, so at first run (and whenever the AppImage moved) write a
 *   desktop entry pointing at $APPIMAGE and make it the scheme's default with xdg-mime.
 */
export type ProtocolRegistrationPlan =
  | { readonly kind: 'dev'; readonly executable: string; readonly args: readonly string[] }
  | { readonly kind: 'packaged' }
  | { readonly kind: 'appimage'; readonly appImagePath: string }
  /** A dev launch without an app path: there is nothing to register. */
  | { readonly kind: 'none' };

export interface ProcessFacts {
  /** process.defaultApp: true when run as `electron <path>`. */
  readonly defaultApp: boolean;
  readonly execPath: string;
  readonly argv: readonly string[];
  readonly platform: string;
  /** process.env.APPIMAGE: set by the AppImage runtime to the .AppImage file's path. */
  readonly appImagePath?: string | undefined;
}

export function planProtocolRegistration(facts: ProcessFacts): ProtocolRegistrationPlan {
  if (facts.defaultApp) {
    const appPath = facts.argv[1];
    if (!appPath || appPath.startsWith('-')) return { kind: 'none' };
    return { kind: 'dev', executable: facts.execPath, args: [path.resolve(appPath)] };
  }
  if (facts.platform === 'linux' && facts.appImagePath && path.isAbsolute(facts.appImagePath)) {
    return { kind: 'appimage', appImagePath: facts.appImagePath };
  }
  return { kind: 'packaged' };
}

export const APPIMAGE_DESKTOP_FILE = 'casepact-appimage.desktop';

/**
 * Quotes a path for a desktop entry's Exec key: the Desktop Entry spec's argument
 * quoting (escape `"`, `` ` ``, `$`, `\`), `%` doubled, then the string-value escape of `\`.
 * Undefined for paths a desktop entry cannot hold safely (line breaks, control characters).
 */
export function quoteExecArgument(value: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters would break the entry.
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  const quoted = `"${value.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`.replace(/%/g, '%%');
  return quoted.replace(/\\/g, '\\\\');
}

/** The desktop entry that makes an AppImage the handler of casepact:// links. */
export function appImageDesktopEntry(appImagePath: string): string | undefined {
  const exec = quoteExecArgument(appImagePath);
  if (!exec) return undefined;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Casepact',
    'Comment=Opens Casepact invite links',
    `Exec=${exec} %u`,
    'Terminal=false',
    'NoDisplay=true',
    `MimeType=x-scheme-handler/${DEEP_LINK_SCHEME};`,
    '',
  ].join('\n');
}

export interface ProtocolRegistrationDeps {
  readonly app: { setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean };
  /** $XDG_DATA_HOME/applications (default ~/.local/share/applications). */
  readonly applicationsDir: string;
  readonly readFile: (file: string) => Promise<string | undefined>;
  readonly writeFile: (file: string, content: string) => Promise<void>;
  readonly mkdir: (dir: string) => Promise<void>;
  /** Runs a program without a shell; resolves to its exit code. */
  readonly run: (program: string, args: readonly string[]) => Promise<number>;
  readonly log: (message: string) => void;
}

export type ProtocolRegistrationOutcome =
  | { readonly ok: true; readonly kind: ProtocolRegistrationPlan['kind']; readonly changed: boolean }
  | { readonly ok: false; readonly kind: ProtocolRegistrationPlan['kind']; readonly reason: string };

/** Carries out a plan. Never throws: a failed registration must not stop the app. */
export async function registerProtocolClient(
  plan: ProtocolRegistrationPlan,
  deps: ProtocolRegistrationDeps,
): Promise<ProtocolRegistrationOutcome> {
  try {
    switch (plan.kind) {
      case 'none':
        return { ok: true, kind: plan.kind, changed: false };
      case 'dev': {
        const done = deps.app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, plan.executable, [...plan.args]);
        return done
          ? { ok: true, kind: plan.kind, changed: true }
          : { ok: false, kind: plan.kind, reason: 'refused by the OS' };
      }
      case 'packaged': {
        const done = deps.app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
        return done
          ? { ok: true, kind: plan.kind, changed: true }
          : { ok: false, kind: plan.kind, reason: 'refused by the OS' };
      }
      case 'appimage':
        return await registerAppImage(plan.appImagePath, deps);
    }
  } catch {
    return { ok: false, kind: plan.kind, reason: 'registration failed' };
  }
}

async function registerAppImage(
  appImagePath: string,
  deps: ProtocolRegistrationDeps,
): Promise<ProtocolRegistrationOutcome> {
  const entry = appImageDesktopEntry(appImagePath);
  if (!entry)
    return { ok: false, kind: 'appimage', reason: 'the AppImage path cannot be written to a desktop entry' };
  const file = path.join(deps.applicationsDir, APPIMAGE_DESKTOP_FILE);
  // First run, or the AppImage moved: the entry on disk differs from the one we need.
  if ((await deps.readFile(file)) === entry) return { ok: true, kind: 'appimage', changed: false };
  await deps.mkdir(deps.applicationsDir);
  await deps.writeFile(file, entry);
  const code = await deps.run('xdg-mime', [
    'default',
    APPIMAGE_DESKTOP_FILE,
    `x-scheme-handler/${DEEP_LINK_SCHEME}`,
  ]);
  // Refreshing the MIME cache is a courtesy: some desktops do it themselves.
  await deps.run('update-desktop-database', [deps.applicationsDir]).catch(() => 1);
  if (code !== 0) return { ok: false, kind: 'appimage', reason: `xdg-mime exited with ${code}` };
  deps.log('registered the casepact:// scheme for this AppImage');
  return { ok: true, kind: 'appimage', changed: true };
}
