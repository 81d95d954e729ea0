import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge } from '../../electron/ipc/contract';

type Listener = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => ({
  name: '',
  api: undefined as unknown,
  invoked: [] as { channel: string; args: unknown[] }[],
  listeners: new Map<string, Listener[]>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: unknown) => {
      electron.name = name;
      electron.api = api;
    },
  },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      electron.invoked.push({ channel, args });
      return { ok: true, value: { channel } };
    },
    on: (channel: string, listener: Listener) => {
      electron.listeners.set(channel, [...(electron.listeners.get(channel) ?? []), listener]);
    },
  },
}));

/** Main sends on a push channel, with the IpcRendererEvent the page must never see. */
const push = (channel: string, payload: unknown) => {
  for (const listener of electron.listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer!' }, payload);
};

beforeAll(async () => {
  await import('../../electron/preload/index');
});
beforeEach(() => {
  electron.invoked.length = 0;
});

const bridge = () => electron.api as DesktopBridge;

describe('preload bridge', () => {
  it('exposes one object under window.casepact', () => {
    expect(electron.name).toBe('casepact');
  });

  it('exposes the verbs of the contract and nothing else (no ipcRenderer, no generic invoke)', () => {
    const paths: string[] = [];
    const walk = (value: object, prefix: string) => {
      for (const [key, inner] of Object.entries(value)) {
        paths.push(prefix + key);
        if (inner && typeof inner === 'object') walk(inner, `${prefix + key}.`);
      }
    };
    walk(bridge(), '');
    expect(paths.sort()).toEqual(
      [
        'app',
        'app.version',
        'export',
        'export.pdf',
        'export.signedCopy',
        'identity',
        'identity.openBackup',
        'identity.saveBackup',
        'ipcVersion',
        'links',
        'links.onJoin',
        'notify',
        'onNotificationClick',
        'print',
        'print.ready',
        'vault',
        'vault.available',
        'vault.seal',
        'vault.unseal',
      ].sort(),
    );
  });

  it('maps each verb onto its fixed channel with its arguments', async () => {
    const b = bridge();
    const bytes = new Uint8Array([1, 2, 3]);
    await b.app.version();
    await b.vault.available();
    await b.vault.seal(bytes);
    await b.vault.unseal(bytes);
    await b.export.pdf({ caseId: 'c1', suggestedName: 'c.pdf' });
    await b.export.signedCopy(bytes, 'c.casepact');
    await b.identity.saveBackup(bytes, 'me');
    await b.identity.openBackup();
    await b.print.ready();
    await b.notify({ title: 't', body: 'b', caseId: 'c1' });
    expect(electron.invoked).toEqual([
      { channel: 'app:version', args: [] },
      { channel: 'vault:status', args: [] },
      { channel: 'vault:seal', args: [bytes] },
      { channel: 'vault:unseal', args: [bytes] },
      { channel: 'export:pdf', args: [{ caseId: 'c1', suggestedName: 'c.pdf' }] },
      { channel: 'export:signed-copy', args: [bytes, 'c.casepact'] },
      { channel: 'identity:save-backup', args: [bytes, 'me'] },
      { channel: 'identity:open-backup', args: [] },
      { channel: 'print:ready', args: [] },
      { channel: 'notify', args: [{ title: 't', body: 'b', caseId: 'c1' }] },
    ]);
  });

  it('keeps join links that arrive before anyone listens, then tells main it listens', () => {
    push('push:join-link', { link: 'casepact://join/early#s' });
    const seen: unknown[] = [];
    const off = bridge().links.onJoin((event) => seen.push(event));
    expect(seen).toEqual([{ link: 'casepact://join/early#s' }]);
    expect(electron.invoked).toEqual([{ channel: 'push:ready', args: ['join-link'] }]);
    push('push:join-link', { link: 'casepact://join/later#s' });
    push('push:join-link', 'not an event');
    expect(seen).toEqual([{ link: 'casepact://join/early#s' }, { link: 'casepact://join/later#s' }]);
    off();
    push('push:join-link', { link: 'casepact://join/after#s' });
    expect(seen).toHaveLength(2);
  });

  it('hands callbacks the payload only, never the IPC event', () => {
    const seen: unknown[][] = [];
    const off = bridge().onNotificationClick((...args) => seen.push(args));
    push('push:notification-click', { caseId: 'c9' });
    expect(seen).toEqual([[{ caseId: 'c9' }]]);
    expect(electron.invoked).toEqual([{ channel: 'push:ready', args: ['notification-click'] }]);
    off();
  });
});
