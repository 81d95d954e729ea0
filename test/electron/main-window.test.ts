import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { MainWindow, type WindowLike } from '../../electron/main/main-window';

class Win extends EventEmitter implements WindowLike {
  static nextId = 1;
  readonly webContents = Object.assign(new EventEmitter(), { id: Win.nextId++ });
  destroyed = false;
  minimized = false;
  calls: string[] = [];
  async loadURL(url: string) {
    this.calls.push(`load ${url}`);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.calls.push('restore');
  }
  show() {
    this.calls.push('show');
  }
  focus() {
    this.calls.push('focus');
  }
}

function setup(ready = true) {
  const created: Win[] = [];
  const gone: number[] = [];
  const main = new MainWindow({
    create: () => {
      const w = new Win();
      created.push(w);
      return w;
    },
    url: 'app://casepact/',
    isAppReady: () => ready,
    onPageGone: (id) => gone.push(id),
  });
  return { main, created, gone };
}

describe('MainWindow', () => {
  it('opens one window and shows it when ready to show', async () => {
    const { main, created } = setup();
    await Promise.all([main.open(), main.open()]);
    expect(created).toHaveLength(1);
    created[0]?.emit('ready-to-show');
    expect(created[0]?.calls).toEqual(['load app://casepact/', 'show']);
  });

  it('focus restores a minimised window and brings it forward', async () => {
    const { main, created } = setup();
    await main.open();
    const w = created[0] as Win;
    w.minimized = true;
    main.focus();
    expect(w.calls.slice(1)).toEqual(['restore', 'show', 'focus']);
  });

  it('focus re-opens a closed window once the app is ready, and not before', async () => {
    const early = setup(false);
    early.main.focus();
    expect(early.created).toEqual([]);
    const { main, created } = setup();
    await main.open();
    (created[0] as Win).destroyed = true;
    created[0]?.emit('closed');
    main.focus();
    expect(created).toHaveLength(2);
  });

  it('tells push queues when its page reloads or goes away', async () => {
    const { main, created, gone } = setup();
    await main.open();
    const w = created[0] as Win;
    w.webContents.emit('did-start-loading');
    w.webContents.emit('destroyed');
    expect(gone).toEqual([w.webContents.id, w.webContents.id]);
    expect(main.isMainWebContents(w.webContents.id)).toBe(true);
    expect(main.isMainWebContents(w.webContents.id + 100)).toBe(false);
  });
});
