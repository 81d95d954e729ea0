import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type IpcChannel } from '../../electron/ipc/contract';
import { isAppUrl } from '../../electron/main/app-origin';
import {
  dispatchIpc,
  type IpcHandlers,
  type IpcRegistryOptions,
  registerIpcHandlers,
} from '../../electron/main/ipc-registry';
import { eventFrom, fakeSender } from './helpers/fakes';

/** Handlers that record every call that reached them. */
function recordingHandlers() {
  const calls: { channel: IpcChannel; args: unknown[] }[] = [];
  const handlers = Object.fromEntries(
    IPC_CHANNELS.map((channel) => [
      channel,
      (_context: unknown, ...args: unknown[]) => {
        calls.push({ channel, args });
        return { ok: true, value: `handled ${channel}` };
      },
    ]),
  ) as unknown as IpcHandlers;
  return { calls, handlers };
}

const trusted: IpcRegistryOptions = { isTrustedSender: (url) => isAppUrl(url) };
const app = eventFrom('app://casepact/#/case/abc');
const secret = new Uint8Array(32).fill(7);

describe('IPC registry', () => {
  it('registers exactly the channels of the contract', () => {
    const registered: string[] = [];
    registerIpcHandlers(
      { handle: (channel) => void registered.push(channel) },
      recordingHandlers().handlers,
      trusted,
    );
    expect(registered).toEqual([...IPC_CHANNELS]);
    expect(registered).toContain('vault:seal');
  });

  it('answers a well-formed call from the app’s own top-level frame', async () => {
    const { calls, handlers } = recordingHandlers();
    const reply = await dispatchIpc(handlers, 'vault:seal', app, [secret], trusted);
    expect(reply).toEqual({ ok: true, value: 'handled vault:seal' });
    expect(calls).toEqual([{ channel: 'vault:seal', args: [secret] }]);
  });

  it.each(['fs:read', 'shell:openExternal', '__proto__', 'toString', 42, undefined])(
    'refuses the unknown channel %s without running anything',
    async (channel) => {
      const { calls, handlers } = recordingHandlers();
      const reply = await dispatchIpc(handlers, channel, app, [], trusted);
      expect(reply).toEqual({ ok: false, error: { code: 'unknown-channel' } });
      expect(calls).toEqual([]);
    },
  );

  it.each([
    ['a foreign origin', eventFrom('https://evil.example/')],
    ['a file:// page', eventFrom('file:///tmp/evil.html')],
    ['a look-alike host', eventFrom('app://casepact.evil/')],
    ['a subframe of the app', eventFrom('app://casepact/', { subframe: true })],
    ['a frame that is gone', eventFrom('app://casepact/', { frameGone: true })],
  ])('refuses a call from %s before the handler runs', async (_name, event) => {
    const { calls, handlers } = recordingHandlers();
    const reply = await dispatchIpc(handlers, 'vault:unseal', event, [secret], trusted);
    expect(reply).toEqual({ ok: false, error: { code: 'foreign-sender' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['vault:seal', [], '$'],
    ['vault:seal', ['AAAA'], '0'],
    ['vault:seal', [Array.from(secret)], '0'],
    ['vault:seal', [new Uint8Array(0)], '0'],
    ['vault:seal', [new Uint8Array(2048)], '0'],
    ['vault:seal', [secret, secret], '$'],
    ['app:version', ['extra'], '$'],
    ['push:ready', ['everything'], '0'],
    ['export:pdf', [{ caseId: '../../etc', suggestedName: 'x' }], '0.caseId'],
    ['export:pdf', [{ caseId: 'c1', suggestedName: 'x', path: '/etc/passwd' }], '0.path'],
    ['export:pdf', [{ caseId: 'c1' }], '0.suggestedName'],
    ['export:signed-copy', [secret, 'a\u0000b'], '1'],
    ['notify', [{ title: 'T', body: 'B', caseId: 'c1#x' }], '0.caseId'],
    ['notify', [{ title: 'x'.repeat(201), body: '', caseId: 'c1' }], '0.title'],
    ['notify', [null], '0'],
  ] as const)('refuses %s with malformed arguments %j (issue at %s)', async (channel, args, path) => {
    const { calls, handlers } = recordingHandlers();
    const reply = await dispatchIpc(handlers, channel, app, args, trusted);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-arguments', issue: { path } } });
    expect(calls).toEqual([]);
  });

  it('refuses an object with a getter or a class prototype (it could change between checks)', async () => {
    const { calls, handlers } = recordingHandlers();
    const tricky = {
      title: 'T',
      body: 'B',
      get caseId() {
        return 'c1';
      },
    };
    class Request {
      title = 'T';
      body = 'B';
      caseId = 'c1';
    }
    expect(await dispatchIpc(handlers, 'notify', app, [tricky], trusted)).toMatchObject({ ok: false });
    expect(await dispatchIpc(handlers, 'notify', app, [new Request()], trusted)).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('answers a failing handler with "internal" and keeps its message (it may quote a secret) in main', async () => {
    const { handlers } = recordingHandlers();
    const failing = {
      ...handlers,
      'vault:seal': () => {
        throw new Error('could not seal 0707070707');
      },
    } as IpcHandlers;
    const logged: string[] = [];
    const reply = await dispatchIpc(failing, 'vault:seal', app, [secret], {
      ...trusted,
      onRefusal: (channel, error) => logged.push(`${channel} ${JSON.stringify(error)}`),
    });
    expect(reply).toEqual({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply) + logged.join()).not.toContain('0707');
  });

  it('logs refusals with channel and code only, never the arguments', async () => {
    const logged: string[] = [];
    const options = {
      ...trusted,
      onRefusal: (channel: string, error: unknown) => logged.push(`${channel} ${JSON.stringify(error)}`),
    };
    const { handlers } = recordingHandlers();
    const link = 'casepact://join/PUBLIC#SECRETPART';
    await dispatchIpc(handlers, 'notify', app, [{ title: link, body: link, caseId: link }], options);
    await dispatchIpc(handlers, 'vault:seal', eventFrom('https://evil.example/'), [secret], options);
    expect(logged).toHaveLength(2);
    expect(logged.join('\n')).not.toMatch(/SECRETPART|7,7,7/);
  });

  it('passes the calling web contents to the handler', async () => {
    const sender = fakeSender(41);
    let seen: unknown;
    const { handlers } = recordingHandlers();
    const withContext = {
      ...handlers,
      'print:ready': (context: { sender: { id: number } }) => {
        seen = context.sender.id;
        return { ok: true, value: { printing: false } };
      },
    } as IpcHandlers;
    await dispatchIpc(withContext, 'print:ready', eventFrom('app://casepact/', { sender }), [], trusted);
    expect(seen).toBe(41);
  });
});
