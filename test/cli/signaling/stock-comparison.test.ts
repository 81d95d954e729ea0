import { afterEach, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../../cli/signaling/server';
import { startSignalingServer } from '../../../cli/signaling/server';
import type { StockServer } from './stock-server';
import { spawnStockServer } from './stock-server';
import type { TestClient } from './ws-client';
import { connect, roundTrip } from './ws-client';

const stocks: StockServer[] = [];
const ours: SignalingServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const made of clients.splice(0)) made.ws.terminate();
  await Promise.all([...stocks.splice(0).map((s) => s.stop()), ...ours.splice(0).map((s) => s.close())]);
});

async function client(url: string): Promise<TestClient> {
  const made = await connect(url);
  clients.push(made);
  return made;
}

/**
 * A scripted session of three clients; returns what each received, in order. Every step ends
 * with a ping round trip on every client, so ordering across sockets is deterministic.
 */
async function scriptedSession(url: string): Promise<Record<string, unknown>[][]> {
  const peers = [await client(url), await client(url), await client(url)];
  const received: Record<string, unknown>[][] = [[], [], []];
  const settle = async () => {
    for (const [index, peer] of peers.entries()) {
      peer.send({ type: 'ping' });
      for (;;) {
        const message = await peer.next();
        received[index]?.push(message);
        if (message.type === 'pong') break;
      }
    }
  };
  const [a, b, c] = peers as [TestClient, TestClient, TestClient];
  a.send({ type: 'subscribe', topics: ['room-x', 'room-y'] });
  b.send({ type: 'subscribe', topics: ['room-x'] });
  c.send({ type: 'subscribe', topics: ['room-y'] });
  await settle();
  a.send({ type: 'publish', topic: 'room-x', data: { type: 'announce', from: 'a' } });
  await settle();
  c.send({ type: 'publish', topic: 'room-y', data: 'Y2lwaGVydGV4dA==' });
  await settle();
  b.send({ type: 'publish', topic: 'room-z', data: 'nobody listens' });
  await settle();
  a.send({ type: 'unsubscribe', topics: ['room-y'] });
  await settle();
  c.send({
    type: 'publish',
    topic: 'room-y',
    data: { to: 'a', from: 'c', type: 'signal', signal: { type: 'answer' } },
  });
  await settle();
  b.send({ type: 'subscribe', topics: ['room-y'] });
  await settle();
  c.send({ type: 'publish', topic: 'room-y', data: [1, 2, { n: null }] });
  await settle();
  return received;
}

describe('next to the stock y-webrtc server', () => {
  it('gives clients exactly the same messages for the same session', async () => {
    const stock = await spawnStockServer();
    stocks.push(stock);
    const mine = await startSignalingServer({ port: 0 });
    ours.push(mine);
    const fromStock = await scriptedSession(stock.url);
    const fromOurs = await scriptedSession(mine.url);
    expect(fromOurs).toEqual(fromStock);
    // The session is not trivially empty: relays reached subscribers with the stock `clients` count.
    expect(fromOurs[1]).toContainEqual({
      type: 'publish',
      topic: 'room-x',
      data: { type: 'announce', from: 'a' },
      clients: 2,
    });
  });

  it.each([
    ['invalid JSON', 'this is not json'],
    ['topics that are not an array', '{"type":"subscribe","topics":{"length":1}}'],
  ])(
    'the stock server dies on %s; ours closes that one connection and keeps relaying',
    async (_name, hostile) => {
      const stock = await spawnStockServer();
      stocks.push(stock);
      const attacker = await client(stock.url);
      attacker.sendRaw(hostile);
      const exit = await Promise.race([
        stock.exited,
        new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 5000)),
      ]);
      expect(exit).not.toBe('still running');
      expect(exit).not.toBe(0);
      await expect(fetch(`http://127.0.0.1:${stock.port}/`)).rejects.toThrow();

      const mine = await startSignalingServer({ port: 0 });
      ours.push(mine);
      const [a, b] = [await client(mine.url), await client(mine.url)];
      a.send({ type: 'subscribe', topics: ['t'] });
      b.send({ type: 'subscribe', topics: ['t'] });
      await Promise.all([roundTrip(a), roundTrip(b)]);
      const ourAttacker = await client(mine.url);
      ourAttacker.sendRaw(hostile);
      expect((await ourAttacker.closed).code).toBe(1008);
      a.send({ type: 'publish', topic: 't', data: 'still here' });
      expect((await b.next()).data).toBe('still here');
      expect(mine.health()).toMatchObject({ status: 'ok', connections: 2, violations: 1 });
    },
  );
});
