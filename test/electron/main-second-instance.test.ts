import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ElectronRecord } from './helpers/electron-mock';

// A second launch: another instance holds the lock, so this one hands over and quits.
vi.mock('electron', async () => {
  const { electronModule, newElectronRecord } = await import('./helpers/electron-mock');
  const record = newElectronRecord();
  record.lockGranted = false;
  return { ...electronModule(record), __record: record };
});

let record: ElectronRecord;

beforeAll(async () => {
  record = ((await import('electron')) as unknown as { __record: ElectronRecord }).__record;
  await import('../../electron/main/index');
  await new Promise((resolve) => setTimeout(resolve, 20));
});

describe('Electron main, second instance', () => {
  it('quits without opening a window, registering IPC or listening for links', () => {
    expect(record.quit).toBe(1);
    expect(record.windows).toEqual([]);
    expect(record.ipc.size).toBe(0);
    expect(record.appEvents.has('second-instance')).toBe(false);
    expect(record.appEvents.has('open-url')).toBe(false);
  });
});
