import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../electron/main/app-origin';
import {
  dispatchIpc,
  type IpcHandlers,
  IpcRefusal,
  registerIpcHandlers,
} from '../../electron/main/ipc-registry';
import { IPC_CHANNELS } from '../../electron/ipc/contract';

const handlers: IpcHandlers = {
  'app:version': () => ({ version: '1.2.3', electron: '45', chrome: '140', platform: 'linux' }),
};

const fromFrame = (url: string) =>
  ({ senderFrame: { url } }) as unknown as Pick<IpcMainInvokeEvent, 'senderFrame'>;

describe('IPC registry', () => {
  it('registers exactly the channels of the contract', () => {
    const registered: string[] = [];
    registerIpcHandlers({ handle: (channel) => registered.push(channel) }, handlers, () => true);
    expect(registered).toEqual([...IPC_CHANNELS]);
  });

  it('answers a call from the app’s own frame', () => {
    const result = dispatchIpc(handlers, 'app:version', fromFrame('app://casepact/'), [], (url) =>
      isAppUrl(url),
    );
    expect(result).toMatchObject({ version: '1.2.3' });
  });

  it('refuses unknown channels', () => {
    expect(() => dispatchIpc(handlers, 'fs:read', fromFrame('app://casepact/'), [], () => true)).toThrow(
      IpcRefusal,
    );
  });

  it('refuses calls from a foreign frame', () => {
    expect(() =>
      dispatchIpc(handlers, 'app:version', fromFrame('https://evil.example/'), [], (url) => isAppUrl(url)),
    ).toThrow(/outside the app/);
  });
});
