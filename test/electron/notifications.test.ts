import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DesktopNotifier, type NotificationApi } from '../../electron/main/notifications';
import { PushQueue } from '../../electron/main/renderer-push';
import { fakeSender } from './helpers/fakes';

class FakeNotification extends EventEmitter {
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    this.shown = true;
  }
}

function setup(supported = true) {
  const created: FakeNotification[] = [];
  const api: NotificationApi = {
    isSupported: () => supported,
    create: (options) => {
      const notification = new FakeNotification(options);
      created.push(notification);
      return notification;
    },
  };
  const clicks = new PushQueue<{ caseId: string }>('notification-click');
  const order: string[] = [];
  const notifier = new DesktopNotifier(api, {
    focusWindow: () => order.push('focus'),
    openCase: (caseId) => {
      order.push(`open ${caseId}`);
      clicks.push({ caseId });
    },
    maxLive: 3,
  });
  return { created, clicks, order, notifier };
}

describe('DesktopNotifier', () => {
  it('shows a native notification with the title and body only', () => {
    const { created, notifier } = setup();
    expect(notifier.notify({ title: 'SLA at risk', body: 'Resolution due in 45 min', caseId: 'c1' })).toEqual(
      {
        ok: true,
        value: { shown: true },
      },
    );
    expect(created[0]?.options).toEqual({ title: 'SLA at risk', body: 'Resolution due in 45 min' });
    expect(created[0]?.shown).toBe(true);
  });

  it('a click focuses the window, then opens that notification’s case in the renderer', () => {
    const { created, clicks, order, notifier } = setup();
    const page = fakeSender(5);
    clicks.ready(page);
    notifier.notify({ title: 'A', body: '', caseId: 'case-a' });
    notifier.notify({ title: 'B', body: '', caseId: 'case-b' });
    created[0]?.emit('click');
    expect(order).toEqual(['focus', 'open case-a']);
    expect(page.sent).toEqual([{ channel: 'push:notification-click', args: [{ caseId: 'case-a' }] }]);
  });

  it('a click before the renderer listens is delivered when it does', () => {
    const { created, clicks, notifier } = setup();
    notifier.notify({ title: 'A', body: '', caseId: 'case-a' });
    created[0]?.emit('click');
    const page = fakeSender(9);
    expect(clicks.ready(page)).toBe(1);
    expect(page.sent[0]?.args).toEqual([{ caseId: 'case-a' }]);
  });

  it('says so when the OS has no notifications (the renderer shows a toast instead)', () => {
    const { created, notifier } = setup(false);
    expect(notifier.notify({ title: 'A', body: '', caseId: 'c' })).toEqual({
      ok: false,
      error: { code: 'unsupported' },
    });
    expect(created).toEqual([]);
  });

  it('keeps shown notifications referenced until clicked or closed, at most maxLive', () => {
    const { created, notifier } = setup();
    for (const id of ['a', 'b', 'c', 'd']) notifier.notify({ title: id, body: '', caseId: id });
    expect(notifier.liveCount).toBe(3);
    created[3]?.emit('close');
    created[2]?.emit('click');
    expect(notifier.liveCount).toBe(1);
  });
});
