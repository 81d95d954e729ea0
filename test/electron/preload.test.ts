import { beforeAll, describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => ({ name: '', api: undefined as unknown, invoked: [] as string[] }));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: unknown) => {
      exposed.name = name;
      exposed.api = api;
    },
  },
  ipcRenderer: {
    invoke: async (channel: string) => {
      exposed.invoked.push(channel);
      return { version: '0.1.0' };
    },
  },
}));

beforeAll(async () => {
  await import('../../electron/preload/index');
});

describe('preload bridge', () => {
  it('exposes one small object under window.casepact', () => {
    expect(exposed.name).toBe('casepact');
    expect(Object.keys(exposed.api as object).sort()).toEqual(['app', 'ipcVersion']);
  });

  it('never exposes ipcRenderer or a generic invoke', () => {
    const paths: string[] = [];
    const walk = (value: unknown, prefix: string) => {
      for (const [key, inner] of Object.entries(value as object)) {
        paths.push(prefix + key);
        if (inner && typeof inner === 'object') walk(inner, `${prefix + key}.`);
      }
    };
    walk(exposed.api, '');
    expect(paths.sort()).toEqual(['app', 'app.version', 'ipcVersion']);
  });

  it('maps its verbs onto fixed channels', async () => {
    const api = exposed.api as { app: { version(): Promise<unknown> } };
    await api.app.version();
    expect(exposed.invoked).toEqual(['app:version']);
  });
});
