import { EventEmitter } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../electron/ipc/contract';
import { type ElectronRecord, emitApp, type FakeWindow, invokeFrom } from './helpers/electron-mock';

// Electron cannot run here, so the real main module runs against an injected Electron
// that records what main asks of it; the test plays the OS and the page.
vi.mock('electron', async () => {
  const { electronModule, newElectronRecord } = await import('./helpers/electron-mock');
  const record = newElectronRecord();
  return { ...electronModule(record), __record: record };
});

const LINK = 'casepact://join/AQBPUBLICPART#SECRETFRAGMENTKEYMATERIAL';
const APP = 'app://casepact/';
let record: ElectronRecord;
let main: FakeWindow;
const logs: string[] = [];
const savedArgv = process.argv;

beforeAll(async () => {
  delete process.env.APPIMAGE;
  delete process.env.CASEPACT_DEV_SERVER_URL;
  // A cold start on Windows/Linux: the OS put the link on the command line.
  process.argv = ['/opt/Casepact/casepact', '--no-sandbox-is-not-ours', LINK];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.join(' ')));
  record = ((await import('electron')) as unknown as { __record: ElectronRecord }).__record;
  await import('../../electron/main/index');
  await new Promise((resolve) => setTimeout(resolve, 20));
  main = record.windows[0] as FakeWindow;
});

afterAll(() => {
  process.argv = savedArgv;
  vi.restoreAllMocks();
});

describe('Electron main wiring', () => {
  it('serves the renderer from app:// with secure privileges, not file://', () => {
    expect(record.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(record.handledSchemes).toEqual(['app']);
    expect(main.loaded).toEqual([APP]);
  });

  it('opens its window with the security baseline', () => {
    expect(main.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
  });

  it('guards every web contents it creates (navigation away is refused)', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: () => {} });
    emitApp(record, 'web-contents-created', {}, contents);
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    let granted: boolean | undefined;
    record.permissionRequest?.({}, 'media', (ok) => {
      granted = ok;
    });
    expect(granted).toBe(false);
    expect(record.permissionCheck?.()).toBe(false);
  });

  it('registers the IPC channels of the contract only', () => {
    expect([...record.ipc.keys()]).toEqual([...IPC_CHANNELS]);
  });

  it('registers itself as the casepact:// handler (packaged build)', () => {
    expect(record.protocolClients).toEqual([['casepact']]);
  });

  it('holds the cold-start link until the main window’s page listens, then delivers it', async () => {
    expect(main.webContents.sent).toEqual([]);
    const reply = await invokeFrom(record, main, APP, 'push:ready', 'join-link');
    expect(reply).toEqual({ ok: true, value: { delivered: 1 } });
    expect(main.webContents.sent).toEqual([{ channel: 'push:join-link', args: [{ link: LINK }] }]);
  });

  it('routes a link from a second launch to the listening page and brings the window forward', () => {
    const focusedBefore = main.focused;
    emitApp(record, 'second-instance', {}, ['/opt/Casepact/casepact', `${LINK}2`], '/home');
    expect(main.focused).toBe(focusedBefore + 1);
    expect(main.webContents.sent.at(-1)).toEqual({ channel: 'push:join-link', args: [{ link: `${LINK}2` }] });
  });

  it('never logs the link’s secret part', () => {
    expect(logs.join('\n')).toContain('join link');
    expect(logs.join('\n')).not.toMatch(/SECRETFRAGMENT|PUBLICPART/);
  });

  it('refuses IPC from a foreign page even in its own window', async () => {
    const reply = await invokeFrom(record, main, 'https://evil.example/', 'vault:status');
    expect(reply).toEqual({ ok: false, error: { code: 'foreign-sender' } });
  });

  it('refuses to seal when the OS key store is basic_text, without calling it', async () => {
    const reply = await invokeFrom(record, main, APP, 'vault:seal', new Uint8Array(32).fill(1));
    expect(reply).toEqual({
      ok: false,
      error: { code: 'vault-unavailable', reason: 'encryption-unavailable' },
    });
  });

  it('shows a native notification whose click focuses the window and opens the case', async () => {
    await invokeFrom(record, main, APP, 'push:ready', 'notification-click');
    const reply = await invokeFrom(record, main, APP, 'notify', {
      title: 'SLA at risk',
      body: 'Due in 45 min',
      caseId: 'c42',
    });
    expect(reply).toEqual({ ok: true, value: { shown: true } });
    const notification = record.notifications.at(-1);
    expect(notification?.shown).toBe(true);
    const focusedBefore = main.focused;
    notification?.emit('click');
    expect(main.focused).toBe(focusedBefore + 1);
    expect(main.webContents.sent.at(-1)).toEqual({
      channel: 'push:notification-click',
      args: [{ caseId: 'c42' }],
    });
  });

  it('exports a PDF from a hidden sandboxed print window, then a save dialog', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'casepact-pdf-'));
    record.savePath = path.join(dir, 'contract');
    const pending = invokeFrom(record, main, APP, 'export:pdf', {
      caseId: 'c42',
      suggestedName: 'Boot case',
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const printWindow = record.windows.at(-1) as FakeWindow;
    expect(printWindow).not.toBe(main);
    expect(printWindow.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true },
    });
    expect(printWindow.loaded).toEqual([`${APP}#/print/c42`]);
    // The main window saying "ready" does not count; the print window does.
    expect(await invokeFrom(record, main, APP, 'print:ready')).toEqual({
      ok: true,
      value: { printing: false },
    });
    expect(await invokeFrom(record, printWindow, `${APP}#/print/c42`, 'print:ready')).toEqual({
      ok: true,
      value: { printing: true },
    });
    expect(await pending).toEqual({ ok: true, value: { fileName: 'contract.pdf' } });
    expect(printWindow.destroyed).toBe(true);
    expect(new TextDecoder().decode(await readFile(path.join(dir, 'contract.pdf')))).toBe('%PDF-1.7 fake');
    expect(record.saveDialogs.at(-1)).toMatchObject({
      defaultPath: path.join('/home/test/Documents', 'Boot case.pdf'),
    });
  });

  it('does not push to the hidden print window even if its page listens', async () => {
    record.savePath = undefined;
    const pending = invokeFrom(record, main, APP, 'export:pdf', { caseId: 'c43', suggestedName: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const printWindow = record.windows.at(-1) as FakeWindow;
    expect(await invokeFrom(record, printWindow, APP, 'push:ready', 'join-link')).toEqual({
      ok: true,
      value: { delivered: 0 },
    });
    await invokeFrom(record, printWindow, APP, 'print:ready');
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled' } });
    emitApp(record, 'second-instance', {}, ['casepact', `${LINK}3`], '/');
    expect(printWindow.webContents.sent).toEqual([]);
    expect(main.webContents.sent.at(-1)).toEqual({ channel: 'push:join-link', args: [{ link: `${LINK}3` }] });
  });

  it('queues again while the main page reloads', () => {
    main.webContents.emit('did-start-loading');
    const sentBefore = main.webContents.sent.length;
    emitApp(record, 'open-url', { preventDefault: () => {} }, `${LINK}4`);
    expect(main.webContents.sent).toHaveLength(sentBefore);
  });
});
