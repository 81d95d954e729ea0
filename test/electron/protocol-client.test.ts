import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APPIMAGE_DESKTOP_FILE,
  appImageDesktopEntry,
  planProtocolRegistration,
  type ProtocolRegistrationDeps,
  quoteExecArgument,
  registerProtocolClient,
} from '../../electron/main/protocol-client';

/** Unquotes an Exec argument the way a desktop environment reads it (string escapes, then quoting). */
function readExecArgument(raw: string): string {
  const unescaped = raw.replace(/\\\\/g, '\\');
  expect(unescaped.startsWith('"') && unescaped.endsWith('"')).toBe(true);
  return unescaped
    .slice(1, -1)
    .replace(/\\([\\"`$])/g, '$1')
    .replace(/%%/g, '%');
}

function fakeDeps() {
  const files = new Map<string, string>();
  const runs: string[][] = [];
  const calls: unknown[][] = [];
  let exitCode = 0;
  const deps: ProtocolRegistrationDeps = {
    app: {
      setAsDefaultProtocolClient: (...args: unknown[]) => {
        calls.push(args);
        return true;
      },
    },
    applicationsDir: '/home/ada/.local/share/applications',
    readFile: async (file) => files.get(file),
    writeFile: async (file, content) => void files.set(file, content),
    mkdir: async () => {},
    run: async (program, args) => {
      runs.push([program, ...args]);
      return program === 'xdg-mime' ? exitCode : 0;
    },
    log: () => {},
  };
  return { deps, files, runs, calls, failXdgMime: () => (exitCode = 3) };
}

describe('planProtocolRegistration', () => {
  it('dev (`electron .`): registers Electron with the resolved app path as its argument', () => {
    expect(
      planProtocolRegistration({
        defaultApp: true,
        execPath: '/repo/node_modules/electron/dist/electron',
        argv: ['/repo/node_modules/electron/dist/electron', '.'],
        platform: 'win32',
      }),
    ).toEqual({
      kind: 'dev',
      executable: '/repo/node_modules/electron/dist/electron',
      args: [path.resolve('.')],
    });
  });

  it('dev without an app path: nothing to register', () => {
    expect(
      planProtocolRegistration({ defaultApp: true, execPath: 'e', argv: ['e'], platform: 'linux' }),
    ).toEqual({
      kind: 'none',
    });
  });

  it('packaged installers: registers the app itself, without arguments', () => {
    for (const platform of ['win32', 'darwin', 'linux']) {
      expect(
        planProtocolRegistration({
          defaultApp: false,
          execPath: '/opt/Casepact/casepact',
          argv: [],
          platform,
        }),
      ).toEqual({
        kind: 'packaged',
      });
    }
  });

  it('Linux AppImage: registers the .AppImage file, not the temporary mount it runs from', () => {
    expect(
      planProtocolRegistration({
        defaultApp: false,
        execPath: '/tmp/.mount_CasepaXYZ/casepact',
        argv: ['/tmp/.mount_CasepaXYZ/casepact'],
        platform: 'linux',
        appImagePath: '/home/ada/Apps/Casepact-0.1.0.AppImage',
      }),
    ).toEqual({ kind: 'appimage', appImagePath: '/home/ada/Apps/Casepact-0.1.0.AppImage' });
  });
});

describe('registerProtocolClient', () => {
  it('dev: passes the executable and its arguments', async () => {
    const { deps, calls } = fakeDeps();
    await registerProtocolClient({ kind: 'dev', executable: '/e', args: ['/repo'] }, deps);
    expect(calls).toEqual([['casepact', '/e', ['/repo']]]);
  });

  it('packaged: registers the scheme alone', async () => {
    const { deps, calls } = fakeDeps();
    expect(await registerProtocolClient({ kind: 'packaged' }, deps)).toEqual({
      ok: true,
      kind: 'packaged',
      changed: true,
    });
    expect(calls).toEqual([['casepact']]);
  });

  it('AppImage first run: writes a desktop entry for $APPIMAGE and makes it the casepact handler', async () => {
    const { deps, files, runs, calls } = fakeDeps();
    const appImage = '/home/ada/My Apps/Casepact.AppImage';
    expect(await registerProtocolClient({ kind: 'appimage', appImagePath: appImage }, deps)).toEqual({
      ok: true,
      kind: 'appimage',
      changed: true,
    });
    const entry = files.get(path.join(deps.applicationsDir, APPIMAGE_DESKTOP_FILE)) ?? '';
    expect(entry).toContain('MimeType=x-scheme-handler/casepact;');
    expect(entry).toContain('Exec="/home/ada/My Apps/Casepact.AppImage" %u');
    expect(runs[0]).toEqual(['xdg-mime', 'default', APPIMAGE_DESKTOP_FILE, 'x-scheme-handler/casepact']);
    expect(calls).toEqual([]);
  });

  it('AppImage later runs: nothing to do; after a move: registers the new path', async () => {
    const { deps, runs } = fakeDeps();
    await registerProtocolClient({ kind: 'appimage', appImagePath: '/a/Casepact.AppImage' }, deps);
    const runsAfterFirst = runs.length;
    expect(
      await registerProtocolClient({ kind: 'appimage', appImagePath: '/a/Casepact.AppImage' }, deps),
    ).toEqual({
      ok: true,
      kind: 'appimage',
      changed: false,
    });
    expect(runs).toHaveLength(runsAfterFirst);
    expect(
      (await registerProtocolClient({ kind: 'appimage', appImagePath: '/b/Casepact.AppImage' }, deps)).ok,
    ).toBe(true);
    expect(runs.length).toBeGreaterThan(runsAfterFirst);
  });

  it('reports a failed xdg-mime without throwing', async () => {
    const { deps, failXdgMime } = fakeDeps();
    failXdgMime();
    expect(await registerProtocolClient({ kind: 'appimage', appImagePath: '/a/C.AppImage' }, deps)).toEqual({
      ok: false,
      kind: 'appimage',
      reason: 'xdg-mime exited with 3',
    });
  });

  it('refuses an AppImage path that would inject lines into the desktop entry', async () => {
    const { deps, files } = fakeDeps();
    const evil = '/tmp/x\nExec=rm -rf ~\n.AppImage';
    expect(await registerProtocolClient({ kind: 'appimage', appImagePath: evil }, deps)).toMatchObject({
      ok: false,
    });
    expect(files.size).toBe(0);
  });
});

describe('desktop entry quoting', () => {
  it.each([
    '/plain/path.AppImage',
    '/with space/a.AppImage',
    '/q"uote/$HOME/`cmd`/back\\slash/100%/a.AppImage',
  ])('round-trips %s', (value) => {
    const quoted = quoteExecArgument(value);
    expect(quoted).toBeDefined();
    expect(readExecArgument(quoted as string)).toBe(value);
  });

  it('leaves no unescaped field code or shell expansion', () => {
    const entry = appImageDesktopEntry('/a/$(reboot)/%f.AppImage') ?? '';
    expect(entry).toContain('Exec="/a/\\\\$(reboot)/%%f.AppImage" %u');
  });
});
