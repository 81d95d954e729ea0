import { connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CliServer } from './cli-server';
import { spawnCliServer } from './cli-server';
import { hostileFrame, seededRandom } from './fuzz-cases';
import { connect, roundTrip } from './ws-client';

const SEED = Number(process.env.SIGNAL_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));
const HOSTILE_FRAMES = 10_000;
const WORKERS = 16;
const TIME_BUDGET_MS = 10_000;
const GOOD_TOPIC = 'good-room-7f3a';

let server: CliServer;

beforeAll(async () => {
  // Every fuzz connection comes from 127.0.0.1, so the per-address cap is raised above WORKERS.
  server = await spawnCliServer(['--max-connections-per-address', '256', '--log-level', 'warn'], true);
});

afterAll(async () => {
  await server?.stop();
});

/** One hostile connection: sends a few frames without waiting, then goes away rudely or not. */
async function hostileConnection(random: () => number, budget: { left: number }, kinds: Map<string, number>) {
  const ws = new WebSocket(server.url, { perMessageDeflate: false, maxPayload: 1 << 20 });
  ws.on('error', () => {});
  const opened = await new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('close', () => resolve(false));
  });
  if (!opened) return;
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  const frames = 1 + Math.floor(random() * 12);
  for (let i = 0; i < frames && budget.left > 0 && ws.readyState === WebSocket.OPEN; i++) {
    const frame = hostileFrame(random, GOOD_TOPIC);
    budget.left--;
    kinds.set(frame.kind, (kinds.get(frame.kind) ?? 0) + 1);
    if (random() < 0.05) {
      // A fragment that never ends: the server must not wait for it forever.
      ws.send(frame.data, { binary: frame.binary, fin: false });
      break;
    }
    ws.send(frame.data, { binary: frame.binary });
  }
  const ending = random();
  if (ending < 0.3) ws.terminate();
  else if (ending < 0.6) ws.close();
  await Promise.race([closed, new Promise((wait) => setTimeout(wait, 300))]);
  ws.terminate();
}

/** Raw TCP abuse: junk instead of HTTP, or a broken upgrade request. */
function rawAbuse(random: () => number): Promise<void> {
  return new Promise((resolve) => {
    const socket = tcpConnect(server.port, '127.0.0.1');
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.on('connect', () => {
      const junk =
        random() < 0.5
          ? Buffer.from(Array.from({ length: 300 }, () => Math.floor(random() * 256)))
          : 'GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 99\r\n\r\n';
      socket.end(junk);
      setTimeout(() => socket.destroy(), 200);
    });
  });
}

describe('signaling fuzz (server in its own process)', () => {
  it(`stays up and keeps relaying for a well-behaved pair under ${HOSTILE_FRAMES} hostile frames (seed ${SEED})`, async () => {
    const [alice, bob] = [await connect(server.url), await connect(server.url)];
    alice.send({ type: 'subscribe', topics: [GOOD_TOPIC] });
    bob.send({ type: 'subscribe', topics: [GOOD_TOPIC] });
    await Promise.all([roundTrip(alice), roundTrip(bob)]);

    // Bob records Alice's sequence numbers; hostile clients may inject valid junk into the room
    // too (the protocol allows any subscriber to publish), which Bob must simply skip.
    const seen: number[] = [];
    bob.ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { data?: { seq?: unknown } };
      if (typeof message.data?.seq === 'number') seen.push(message.data.seq);
    });
    let sent = 0;
    const publisher = setInterval(() => {
      alice.send({ type: 'publish', topic: GOOD_TOPIC, data: { seq: sent++ } });
    }, 20);

    const started = Date.now();
    const budget = { left: HOSTILE_FRAMES };
    const kinds = new Map<string, number>();
    const workers = Array.from({ length: WORKERS }, async (_, index) => {
      const mine = seededRandom(SEED + index + 1);
      while (budget.left > 0 && Date.now() - started < TIME_BUDGET_MS) {
        if (mine() < 0.05) await rawAbuse(mine);
        else await hostileConnection(mine, budget, kinds);
      }
    });
    await Promise.all(workers);
    const elapsed = Date.now() - started;
    clearInterval(publisher);
    await roundTrip(alice);
    await new Promise((wait) => setTimeout(wait, 200));

    const hostileSent = HOSTILE_FRAMES - budget.left;
    expect(hostileSent, `only ${hostileSent} frames in ${elapsed} ms`).toBeGreaterThanOrEqual(5000);
    expect(kinds.size).toBeGreaterThanOrEqual(15);
    // The process is alive and healthy.
    expect(server.child.exitCode).toBeNull();
    const health = await (await fetch(`http://127.0.0.1:${server.port}/health`)).json();
    expect(health.status).toBe('ok');
    expect(health.violations).toBeGreaterThan(500);
    // Every message of the well-behaved pair arrived, in order, none lost.
    expect(sent).toBeGreaterThan(50);
    expect(seen).toEqual(Array.from({ length: sent }, (_, i) => i));
    expect(alice.isOpen() && bob.isOpen()).toBe(true);
    // And a newcomer is served normally afterwards.
    const late = await connect(server.url);
    await roundTrip(late);
    late.close();
    alice.close();
    bob.close();
    // No log line carries the good room's name or a payload.
    expect(JSON.stringify(server.logs)).not.toContain(GOOD_TOPIC);
    expect(JSON.stringify(server.logs)).not.toContain('junk');
  }, 30_000);
});
