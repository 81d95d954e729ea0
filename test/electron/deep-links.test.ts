import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  type DeepLinkApp,
  type DeepLinkSource,
  describeLinkForLog,
  findJoinLink,
  isJoinLinkShape,
  startDeepLinks,
} from '../../electron/main/deep-links';
import { PushQueue } from '../../electron/main/renderer-push';
import { fakeSender } from './helpers/fakes';

const LINK = 'casepact://join/AQBpdWJsaWMtcGFydA#c2VjcmV0LWZyYWdtZW50LWtleQ';
const SECRET = 'c2VjcmV0LWZyYWdtZW50LWtleQ';

/** Electron's app, played by the test: the lock, the events, quit. */
function fakeApp(lock = true) {
  const events = new EventEmitter();
  let quit = 0;
  const app: DeepLinkApp = {
    requestSingleInstanceLock: () => lock,
    quit: () => void quit++,
    on: (event: string, listener: (...args: never[]) => void) =>
      events.on(event, listener as (...args: unknown[]) => void),
  };
  return { app, events, quits: () => quit };
}

function start(argv: string[], lock = true) {
  const fake = fakeApp(lock);
  const routed: { link: string; source: DeepLinkSource }[] = [];
  const logs: string[] = [];
  let focused = 0;
  const primary = startDeepLinks(fake.app, {
    argv,
    route: (link, source) => routed.push({ link, source }),
    focus: () => void focused++,
    log: (message) => logs.push(message),
  });
  return { ...fake, primary, routed, logs, focused: () => focused };
}

describe('join link shape check', () => {
  it.each([LINK, 'CASEPACT://JOIN/abc', 'casepact://join/x'])('accepts %s', (link) => {
    expect(isJoinLinkShape(link)).toBe(true);
  });

  it.each([
    ['another host', 'casepact://open/abc'],
    ['another scheme', 'https://casepact.example/join/abc'],
    ['an empty payload', 'casepact://join/'],
    ['spaces', 'casepact://join/a b'],
    ['a line break', 'casepact://join/a\nb'],
    ['non-ASCII', 'casepact://join/é'],
    ['an over-long link', `casepact://join/${'a'.repeat(5000)}`],
    ['a flag', '--inspect=9229'],
    ['not a string', 42],
  ])('refuses %s', (_name, link) => {
    expect(isJoinLinkShape(link)).toBe(false);
  });

  it('finds the link among flags and paths, wherever Chromium put it', () => {
    expect(findJoinLink(['--allow-file-access-from-files', LINK, '--foo'])).toBe(LINK);
    expect(findJoinLink(['/path/to/app', 'casepact://other/x'])).toBeUndefined();
  });

  it('describes links for logs without their content', () => {
    for (const raw of [LINK, 'casepact://evil/SECRET', 'https://x/SECRET']) {
      expect(describeLinkForLog(raw)).not.toMatch(/SECRET|c2Vj|AQB|evil/);
    }
  });
});

describe('startDeepLinks', () => {
  it('cold start on Windows (packaged): takes the link from argv', () => {
    const run = start(['C:\\Program Files\\Casepact\\Casepact.exe', LINK]);
    expect(run.primary).toBe(true);
    expect(run.routed).toEqual([{ link: LINK, source: 'cold-start' }]);
  });

  it('cold start on Linux in development: skips electron and the app path', () => {
    const run = start(['/usr/lib/electron/electron', '/home/me/casepact', LINK]);
    expect(run.routed).toEqual([{ link: LINK, source: 'cold-start' }]);
  });

  it('cold start without a link routes nothing', () => {
    expect(start(['/opt/Casepact/casepact']).routed).toEqual([]);
  });

  it('second instance (Windows, Linux): focuses the window and routes its link', () => {
    const run = start(['/opt/Casepact/casepact']);
    run.events.emit('second-instance', {}, ['/opt/Casepact/casepact', '--flag', LINK], '/home/me', {});
    expect(run.focused()).toBe(1);
    expect(run.routed).toEqual([{ link: LINK, source: 'second-instance' }]);
  });

  it('second instance without a link only focuses', () => {
    const run = start(['/opt/Casepact/casepact']);
    run.events.emit('second-instance', {}, ['/opt/Casepact/casepact'], '/home/me', {});
    expect(run.focused()).toBe(1);
    expect(run.routed).toEqual([]);
  });

  it('open-url (macOS): handles the event, routes join links and ignores every other URL', () => {
    const run = start(['/Applications/Casepact.app/Contents/MacOS/Casepact']);
    let prevented = 0;
    const event = { preventDefault: () => void prevented++ };
    run.events.emit('open-url', event, LINK);
    run.events.emit('open-url', event, 'casepact://settings/reset');
    run.events.emit('open-url', event, 'file:///etc/passwd');
    expect(prevented).toBe(3);
    expect(run.routed).toEqual([{ link: LINK, source: 'open-url' }]);
  });

  it('a second instance quits and listens to nothing (the first one gets its argv)', () => {
    const run = start(['/opt/Casepact/casepact', LINK], false);
    expect(run.primary).toBe(false);
    expect(run.quits()).toBe(1);
    expect(run.routed).toEqual([]);
    expect(run.events.eventNames()).toEqual([]);
  });

  it('never logs the link, on any path', () => {
    const run = start(['/opt/Casepact/casepact', LINK]);
    run.events.emit('second-instance', {}, ['x', LINK], '/', {});
    run.events.emit('open-url', { preventDefault() {} }, LINK);
    run.events.emit('open-url', { preventDefault() {} }, `casepact://other/${SECRET}`);
    expect(run.logs).toHaveLength(4);
    expect(run.logs.join('\n')).not.toContain(SECRET);
    expect(run.logs.join('\n')).not.toContain('AQBpdWJsaWMtcGFydA');
  });
});

describe('queued until the renderer listens', () => {
  it('holds links from every path until push:ready, then delivers them in order', () => {
    const queue = new PushQueue<{ link: string }>('join-link');
    const run = fakeApp();
    startDeepLinks(run.app, {
      argv: ['app', `${LINK}1`],
      route: (link) => queue.push({ link }),
      focus: () => {},
      log: () => {},
    });
    run.events.emit('open-url', { preventDefault() {} }, `${LINK}2`);
    run.events.emit('second-instance', {}, ['app', `${LINK}3`], '/', {});
    const page = fakeSender(7);
    expect(queue.queued).toBe(3);
    expect(queue.ready(page)).toBe(3);
    expect(page.sent.map((s) => s.args[0])).toEqual([
      { link: `${LINK}1` },
      { link: `${LINK}2` },
      { link: `${LINK}3` },
    ]);
    run.events.emit('open-url', { preventDefault() {} }, `${LINK}4`);
    expect(page.sent).toHaveLength(4);
    expect(page.sent[3]?.channel).toBe('push:join-link');
  });

  it('queues again when the page reloads or is destroyed', () => {
    const queue = new PushQueue<string>('join-link');
    const page = fakeSender(3);
    queue.ready(page);
    queue.detach(3);
    queue.push('a');
    expect(page.sent).toEqual([]);
    const reloaded = fakeSender(3);
    queue.ready(reloaded);
    reloaded.destroyed = true;
    queue.push('b');
    expect(reloaded.sent.map((s) => s.args[0])).toEqual(['a']);
    expect(queue.queued).toBe(1);
  });

  it('keeps only the newest events when nobody listens for long', () => {
    const queue = new PushQueue<number>('join-link', 3);
    for (let i = 0; i < 10; i++) queue.push(i);
    const page = fakeSender();
    queue.ready(page);
    expect(page.sent.map((s) => s.args[0])).toEqual([7, 8, 9]);
  });
});
