import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebrtcCaseTransport } from '../../../shared/sync/webrtc-transport';
import { ExchangeWatch } from '../../../cli/sync/exchange-watch';

/** The parts of y-webrtc the watch reads: the room's connection map and each simple-peer. */
function fakeRoom() {
  const webrtcConns = new Map<string, unknown>();
  const transport = { provider: { room: { webrtcConns } } } as unknown as WebrtcCaseTransport;
  const conn = (id: string) => {
    const peer = Object.assign(new EventEmitter(), { bufferSize: 0 });
    const value = { remotePeerId: id, connected: false, closed: false, peer };
    webrtcConns.set(id, value);
    return value;
  };
  return { transport, conn };
}

const step1 = Uint8Array.of(0, 0, 1, 2);
const step2 = Uint8Array.of(0, 1, 5);

describe('cli/sync/exchange-watch', () => {
  it('sees step 1 and step 2 that arrive before the next poll (hooked at creation)', () => {
    let now = 1000;
    const { transport, conn } = fakeRoom();
    const watch = new ExchangeWatch(transport, () => now);
    watch.attach();
    const a = conn('a');
    a.connected = true;
    a.peer.emit('data', step1);
    a.peer.emit('data', step2);
    const seen = watch.poll(2000);
    expect(seen).toMatchObject({ connected: 1, pending: 0, drained: true });
    expect(watch.exchanged).toBe(true);
    now += 10;
    expect(watch.poll(2000).pending).toBe(0);
  });

  it('a connected peer without its step 2 is pending until the quiet period has passed', () => {
    let now = 0;
    const { transport, conn } = fakeRoom();
    const watch = new ExchangeWatch(transport, () => now);
    watch.attach();
    const b = conn('b');
    b.connected = true;
    b.peer.emit('data', step1);
    expect(watch.poll(2000).pending).toBe(1);
    expect(watch.exchanged).toBe(false);
    now = 2500;
    expect(watch.poll(2000).pending).toBe(0);
    expect(watch.exchanged).toBe(true);
  });

  it('reports unsent data and restarts the quiet period when a peer arrives, not when it leaves', () => {
    let now = 0;
    const { transport, conn } = fakeRoom();
    const watch = new ExchangeWatch(transport, () => now);
    watch.attach();
    const c = conn('c');
    c.connected = true;
    c.peer.bufferSize = 4096;
    now = 100;
    expect(watch.poll(2000).drained).toBe(false);
    expect(watch.lastActivity).toBe(100);
    now = 500;
    c.connected = false;
    c.closed = true;
    expect(watch.poll(2000).connected).toBe(0);
    expect(watch.lastActivity).toBe(100);
  });
});
