import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../../cli/signaling/server';
import { startSignalingServer } from '../../../cli/signaling/server';
import type { TestClient } from './ws-client';
import { connect, roundTrip, staysSilent } from './ws-client';

let server: SignalingServer;
const clients: TestClient[] = [];

async function client(): Promise<TestClient> {
  const made = await connect(server.url);
  clients.push(made);
  return made;
}

beforeEach(async () => {
  server = await startSignalingServer({ port: 0 });
});

afterEach(async () => {
  for (const made of clients.splice(0)) made.close();
  await server.close();
});

describe('y-webrtc signaling protocol', () => {
  it('binds 127.0.0.1 by default and reports a ws:// URL', () => {
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers ping with pong', async () => {
    const a = await client();
    a.send({ type: 'ping' });
    expect(await a.next()).toEqual({ type: 'pong' });
  });

  it('relays a publish to every subscriber of the topic, sender included, and to no one else', async () => {
    const [a, b, c] = [await client(), await client(), await client()];
    a.send({ type: 'subscribe', topics: ['room-1'] });
    b.send({ type: 'subscribe', topics: ['room-1', 'room-2'] });
    c.send({ type: 'subscribe', topics: ['room-2'] });
    await Promise.all([roundTrip(a), roundTrip(b), roundTrip(c)]);

    a.send({ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'peer-a' } });
    const expected = {
      type: 'publish',
      topic: 'room-1',
      data: { type: 'announce', from: 'peer-a' },
      clients: 2,
    };
    expect(await a.next()).toEqual(expected);
    expect(await b.next()).toEqual(expected);
    expect(await staysSilent(c)).toBe(true);
  });

  it('passes data through untouched, whether an encrypted string or an object', async () => {
    const [a, b] = [await client(), await client()];
    a.send({ type: 'subscribe', topics: ['t'] });
    b.send({ type: 'subscribe', topics: ['t'] });
    await Promise.all([roundTrip(a), roundTrip(b)]);
    const ciphertext = Buffer.from('not really ciphertext \u00e9\u{1f600}').toString('base64');
    a.send({ type: 'publish', topic: 't', data: ciphertext });
    expect((await b.next()).data).toBe(ciphertext);
    const signal = {
      to: 'b',
      from: 'a',
      type: 'signal',
      token: 0.5,
      signal: { type: 'offer', sdp: 'v=0\r\n' },
    };
    a.send({ type: 'publish', topic: 't', data: signal });
    expect((await b.next()).data).toEqual(signal);
  });

  it('stops relaying to a connection after it unsubscribes, and drops empty topics', async () => {
    const [a, b] = [await client(), await client()];
    a.send({ type: 'subscribe', topics: ['t'] });
    b.send({ type: 'subscribe', topics: ['t'] });
    await Promise.all([roundTrip(a), roundTrip(b)]);
    b.send({ type: 'unsubscribe', topics: ['t', 'never-joined'] });
    await roundTrip(b);
    a.send({ type: 'publish', topic: 't', data: 'x' });
    expect(await a.next()).toMatchObject({ topic: 't', data: 'x', clients: 1 });
    expect(await staysSilent(b)).toBe(true);
    a.send({ type: 'unsubscribe', topics: ['t'] });
    await roundTrip(a);
    expect(server.health().topics).toBe(0);
  });

  it('ignores a publish from a connection not subscribed to the topic', async () => {
    const [a, b] = [await client(), await client()];
    b.send({ type: 'subscribe', topics: ['t'] });
    await roundTrip(b);
    a.send({ type: 'publish', topic: 't', data: 'injected' });
    await roundTrip(a);
    expect(await staysSilent(b)).toBe(true);
    expect(a.isOpen()).toBe(true);
    expect(server.health().publishesDropped).toBe(1);
  });

  it('tolerates unknown extra fields but does not relay them', async () => {
    const a = await client();
    a.send({ type: 'subscribe', topics: ['t'], future: true });
    a.send({ type: 'publish', topic: 't', data: 1, extra: 'x', clients: 99 });
    expect(await a.next()).toEqual({ type: 'publish', topic: 't', data: 1, clients: 1 });
  });

  it('forgets a closed connection and counts connections and topics in /health', async () => {
    const [a, b] = [await client(), await client()];
    a.send({ type: 'subscribe', topics: ['t1', 't2'] });
    b.send({ type: 'subscribe', topics: ['t2'] });
    await Promise.all([roundTrip(a), roundTrip(b)]);
    const health = await (await fetch(`http://127.0.0.1:${server.port}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', connections: 2, topics: 2 });
    expect(typeof health.uptimeSeconds).toBe('number');
    a.close();
    await a.closed;
    await roundTrip(b);
    expect(server.health()).toMatchObject({ connections: 1, topics: 1 });
  });

  it('serves only GET /health and GET / over plain HTTP', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/health`)).headers.get('content-type')).toBe('application/json');
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect((await fetch(`${base}/other`)).status).toBe(404);
    expect((await fetch(`${base}/health`, { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('closes every connection with 1001 on close() and refuses new ones', async () => {
    const a = await client();
    await server.close();
    expect((await a.closed).code).toBe(1001);
    await expect(connect(server.url)).rejects.toThrow();
  });
});
