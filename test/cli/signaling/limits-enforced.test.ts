import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SignalingLimits } from '../../../cli/signaling/limits';
import type { LogEntry } from '../../../cli/signaling/logger';
import type { SignalingServer } from '../../../cli/signaling/server';
import { startSignalingServer } from '../../../cli/signaling/server';
import type { TestClient } from './ws-client';
import { connect, roundTrip, staysSilent } from './ws-client';

let server: SignalingServer | undefined;
const clients: TestClient[] = [];

async function start(
  limits: Partial<SignalingLimits>,
  log?: (entry: LogEntry) => void,
): Promise<SignalingServer> {
  server = await startSignalingServer({ port: 0, limits, ...(log ? { log } : {}) });
  return server;
}

async function client(url = server?.url ?? ''): Promise<TestClient> {
  const made = await connect(url);
  clients.push(made);
  return made;
}

afterEach(async () => {
  for (const made of clients.splice(0)) made.ws.terminate();
  await server?.close();
  server = undefined;
});

describe('each limit is enforced on the offending connection only', () => {
  it('maxMessageBytes: a larger frame closes with 1009, one at the limit is relayed', async () => {
    await start({ maxMessageBytes: 1000 });
    const [a, bystander] = [await client(), await client()];
    a.send({ type: 'subscribe', topics: ['t'] });
    const envelope = JSON.stringify({ type: 'publish', topic: 't', data: '' }).length;
    a.sendRaw(JSON.stringify({ type: 'publish', topic: 't', data: 'x'.repeat(1000 - envelope) }));
    expect((await a.next()).topic).toBe('t');
    a.sendRaw(JSON.stringify({ type: 'publish', topic: 't', data: 'x'.repeat(1001 - envelope) }));
    expect((await a.closed).code).toBe(1009);
    await roundTrip(bystander);
  });

  it('maxTopicsPerConnection: going past it closes the connection and subscribes to nothing more', async () => {
    const s = await start({ maxTopicsPerConnection: 3 });
    const a = await client();
    a.send({ type: 'subscribe', topics: ['t1', 't2'] });
    a.send({ type: 'subscribe', topics: ['t2', 't3'] }); // t2 again does not count twice
    await roundTrip(a);
    expect(s.health().topics).toBe(3);
    a.send({ type: 'subscribe', topics: ['t4'] });
    expect(await a.closed).toEqual({ code: 1008, reason: 'too-many-topics' });
    const b = await client();
    b.send({ type: 'subscribe', topics: Array.from({ length: 4 }, (_, i) => `x${i}`) });
    expect((await b.closed).reason).toBe('too-many-topics');
    expect(s.health().topics).toBe(0);
  });

  it('maxTopicLength: a longer topic name is a protocol violation', async () => {
    await start({ maxTopicLength: 8 });
    const a = await client();
    a.send({ type: 'subscribe', topics: ['12345678'] });
    await roundTrip(a);
    a.send({ type: 'subscribe', topics: ['123456789'] });
    expect(await a.closed).toEqual({ code: 1008, reason: 'bad-topic' });
  });

  it('maxSubscribersPerTopic: extra subscribers are not added, so fan-out stays bounded', async () => {
    await start({ maxSubscribersPerTopic: 2 });
    const [a, b, c] = [await client(), await client(), await client()];
    for (const each of [a, b, c]) {
      each.send({ type: 'subscribe', topics: ['t'] });
      await roundTrip(each);
    }
    a.send({ type: 'publish', topic: 't', data: 1 });
    expect((await b.next()).clients).toBe(2);
    expect(await staysSilent(c)).toBe(true);
    expect(c.isOpen()).toBe(true);
  });

  it('maxConnectionsPerAddress: refused with HTTP 429 until one closes', async () => {
    const s = await start({ maxConnectionsPerAddress: 3 });
    const open = [await client(), await client(), await client()];
    await expect(connect(s.url)).rejects.toThrow('HTTP 429');
    open[0]?.close();
    await open[0]?.closed;
    await new Promise((wait) => setTimeout(wait, 50));
    await roundTrip(await client());
    expect(s.health().connectionsRefused).toBe(1);
  });

  it('maxConnections: refused with HTTP 503 past the total', async () => {
    const s = await start({ maxConnections: 2 });
    await client();
    await client();
    await expect(connect(s.url)).rejects.toThrow('HTTP 503');
  });

  it('rate limit: a burst past the bucket closes the connection; a paced sender is fine', async () => {
    await start({ rateBurst: 5, ratePerSecond: 20 });
    const [flooder, paced] = [await client(), await client()];
    for (let i = 0; i < 6; i++) flooder.send({ type: 'ping' });
    expect((await flooder.closed).reason).toBe('rate-limited');
    for (let i = 0; i < 12; i++) {
      await roundTrip(paced);
      await new Promise((wait) => setTimeout(wait, 60));
    }
    expect(paced.isOpen()).toBe(true);
  });

  it('maxDataDepth: deeply nested publish data is refused', async () => {
    await start({ maxDataDepth: 4 });
    const a = await client();
    a.send({ type: 'subscribe', topics: ['t'] });
    a.send({ type: 'publish', topic: 't', data: { a: { b: { c: { d: 1 } } } } });
    expect((await a.next()).topic).toBe('t');
    a.send({ type: 'publish', topic: 't', data: { a: { b: { c: { d: { e: 1 } } } } } });
    expect((await a.closed).reason).toBe('data-too-deep');
  });

  it('ping timeout: a peer that never answers WebSocket pings is dropped, a live one kept', async () => {
    const s = await start({ pingIntervalMs: 100 });
    const live = await client();
    const dead = new WebSocket(s.url, { autoPong: false });
    const deadClosed = new Promise<number>((resolve) => dead.on('close', (code) => resolve(code)));
    await new Promise((resolve) => dead.on('open', resolve));
    const started = Date.now();
    expect(await deadClosed).toBe(1006);
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((wait) => setTimeout(wait, 300));
    await roundTrip(live);
    expect(s.health()).toMatchObject({ connections: 1, peersDropped: 1 });
  });

  it('maxBufferedBytes: a receiver that stops reading is dropped instead of buffered forever', async () => {
    const entries: LogEntry[] = [];
    const s = await start(
      { maxBufferedBytes: 64 * 1024, rateBurst: 100_000, ratePerSecond: 100_000 },
      (entry) => entries.push(entry),
    );
    const [sender, stalled] = [await client(), await client()];
    stalled.send({ type: 'subscribe', topics: ['t'] });
    await roundTrip(stalled);
    sender.send({ type: 'subscribe', topics: ['t'] });
    await roundTrip(sender);
    // Stop reading: the kernel buffers fill, then the server's send backlog grows.
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const chunk = JSON.stringify({ type: 'publish', topic: 't', data: 'y'.repeat(60_000) });
    for (let round = 0; round < 200 && s.health().peersDropped === 0; round++) {
      for (let i = 0; i < 10; i++) sender.sendRaw(chunk);
      await roundTrip(sender);
      sender.pending.length = 0;
    }
    expect(s.health().peersDropped).toBe(1);
    expect(entries.some((entry) => entry.event === 'conn_slow_consumer')).toBe(true);
    expect(sender.isOpen()).toBe(true);
  });
});

describe('start-up validation', () => {
  it('refuses a zero, negative, fractional or unknown limit with a typed error', async () => {
    for (const limits of [{ maxConnections: 0 }, { rateBurst: -1 }, { ratePerSecond: 1.5 }, { nope: 3 }]) {
      await expect(
        startSignalingServer({ limits: limits as Partial<SignalingLimits> }),
      ).rejects.toMatchObject({
        code: 'invalid-limit',
      });
    }
  });

  it('reports a port it cannot bind as listen-failed', async () => {
    const s = await start({});
    await expect(startSignalingServer({ port: s.port })).rejects.toMatchObject({ code: 'listen-failed' });
  });
});
