import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../electron/main/app-origin';
import { guardNavigation, isSafeExternalUrl } from '../../electron/main/navigation-guard';

type OpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler(handler: OpenHandler) {
      openHandler = handler;
    },
  });
  const navigate = (event: string, url: string) => {
    let prevented = false;
    emitter.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return {
    contents: contents as unknown as WebContents,
    navigate,
    open: (url: string) => openHandler?.({ url }),
  };
}

function fakeShell() {
  const opened: string[] = [];
  return { opened, openExternal: async (url: string) => void opened.push(url) };
}

describe('guardNavigation', () => {
  it('keeps in-app navigation', () => {
    const { contents, navigate } = fakeContents();
    guardNavigation(contents, fakeShell());
    expect(navigate('will-navigate', `${APP_ORIGIN}/case/1`)).toBe(false);
  });

  it.each(['will-navigate', 'will-redirect'])(
    'refuses %s to a foreign page and opens http(s) outside',
    (event) => {
      const { contents, navigate } = fakeContents();
      const shell = fakeShell();
      guardNavigation(contents, shell);
      expect(navigate(event, 'https://evil.example/phish')).toBe(true);
      expect(shell.opened).toEqual(['https://evil.example/phish']);
    },
  );

  it('never hands non-http schemes to the system', () => {
    const { contents, navigate } = fakeContents();
    const shell = fakeShell();
    guardNavigation(contents, shell);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(shell.opened).toEqual([]);
  });

  it('denies every new window', () => {
    const { contents, open } = fakeContents();
    const shell = fakeShell();
    guardNavigation(contents, shell);
    expect(open('https://example.com/help')).toEqual({ action: 'deny' });
    expect(open(`${APP_ORIGIN}/popup`)).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://example.com/help']);
  });

  it('blocks <webview> attachment', () => {
    const { contents, navigate } = fakeContents();
    guardNavigation(contents, fakeShell());
    expect(navigate('will-attach-webview', '')).toBe(true);
  });

  it('accepts only parsed http(s) URLs as external', () => {
    expect(isSafeExternalUrl('https://example.com')).toBe(true);
    expect(isSafeExternalUrl('smb://share/x')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });
});
