/**
 * Signaling server load, ours next to the stock y-webrtc server (node_modules/y-webrtc/bin/
 * server.js), in one run, each server in its own process on loopback, driven by this process:
 *  - connections held: CONNECTIONS WebSocket clients open at once, each subscribed to a room
 *    (ROOM_SIZE per room) and answering a ping round trip; connect time; server RSS;
 *  - relay throughput: PAIRS publisher/receiver pairs, one room each, WINDOW messages in flight
 *    per pair, for LOAD_MS, while the idle connections stay open; counted at the receivers;
 *  - relay latency: one pair, one message at a time, publish → receiver, p50/p95.
 * Ours runs with the per-address and rate limits raised: every client here is 127.0.0.1, and
 * the per-connection rate limit (200/s by default) would otherwise be what is measured.
 * Output: JSON lines {"name","value","unit", "baseline"?, "ratio"?, …}.
 * Env: BENCH_CONNECTIONS (1000), BENCH_LOAD_MS (3000).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1000);
const LOAD_MS = Number(process.env.BENCH_LOAD_MS ?? 3000);
const ROOM_SIZE = 10;
const PAIRS = 20;
const WINDOW = 16;
const LATENCY_SAMPLES = 300;
/** About the size of an encrypted y-webrtc signal (base64 AES-GCM of an ICE candidate). */
const PAYLOAD = Buffer.alloc(300, 7).toString('base64');

interface Target {
  readonly label: 'casepact' | 'stock';
  readonly child: ChildProcess;
  readonly port: number;
}

function print(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function startOurs(): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/signaling.ts', '--serve-ours'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_CONNECTIONS: String(CONNECTIONS) },
  });
  const line = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  return { label: 'casepact', child, port: (JSON.parse(line) as { port: number }).port };
}

async function startStock(): Promise<Target> {
  const probe = await import('node:net');
  const port = await new Promise<number>((resolve) => {
    const server = probe.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const child = spawn(process.execPath, ['node_modules/y-webrtc/bin/server.js'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port) },
  });
  for (let tries = 0; tries < 200; tries++) {
    try {
      await (await fetch(`http://127.0.0.1:${port}/`)).text();
      break;
    } catch {
      await new Promise((wait) => setTimeout(wait, 25));
    }
  }
  return { label: 'stock', child, port };
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Opens a client; resolves null if the server refuses or drops it. */
function open(port: number): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', () => resolve(null));
  });
}

/** Sends a ping and resolves when the pong (or any reply chain ending in pong) comes back. */
function pingPong(ws: WebSocket): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 5000);
    const onMessage = (data: WebSocket.RawData) => {
      if (data.toString() === '{"type":"pong"}') {
        clearTimeout(timer);
        ws.off('message', onMessage);
        resolve(true);
      }
    };
    ws.on('message', onMessage);
    ws.send('{"type":"ping"}');
  });
}

async function holdConnections(target: Target): Promise<WebSocket[]> {
  const started = performance.now();
  const sockets: WebSocket[] = [];
  for (let batch = 0; batch < CONNECTIONS; batch += 50) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(50, CONNECTIONS - batch) }, () => open(target.port)),
    );
    for (const ws of opened) {
      if (!ws) continue;
      ws.on('error', () => {});
      ws.send(
        JSON.stringify({ type: 'subscribe', topics: [`idle-${Math.floor(sockets.length / ROOM_SIZE)}`] }),
      );
      sockets.push(ws);
    }
  }
  const alive = (await Promise.all(sockets.map(pingPong))).filter(Boolean).length;
  const elapsed = performance.now() - started;
  print({
    name: `signaling.${target.label}.connections-held`,
    value: alive,
    unit: 'connections',
    attempted: CONNECTIONS,
  });
  print({
    name: `signaling.${target.label}.connect-and-subscribe`,
    value: round(elapsed),
    unit: 'ms',
    connections: CONNECTIONS,
  });
  print({
    name: `signaling.${target.label}.rss-with-connections`,
    value: round(rssMb(target.child.pid), 1),
    unit: 'MB',
    connections: alive,
  });
  return sockets;
}

async function relayThroughput(target: Target): Promise<number> {
  const pairs = await Promise.all(
    Array.from({ length: PAIRS }, async (_, index) => {
      const [publisher, receiver] = [await open(target.port), await open(target.port)];
      if (!publisher || !receiver) throw new Error('could not open a load pair');
      const topic = `load-${index}`;
      for (const ws of [publisher, receiver]) {
        ws.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
        await pingPong(ws);
      }
      return { publisher, receiver, frame: JSON.stringify({ type: 'publish', topic, data: PAYLOAD }) };
    }),
  );
  let running = true;
  let delivered = 0;
  for (const pair of pairs) {
    pair.receiver.on('message', () => {
      delivered++;
      if (running) pair.publisher.send(pair.frame); // closed loop: one out for each one in
    });
    for (let i = 0; i < WINDOW; i++) pair.publisher.send(pair.frame);
  }
  await new Promise((wait) => setTimeout(wait, 500)); // warm-up
  const before = delivered;
  const started = performance.now();
  await new Promise((wait) => setTimeout(wait, LOAD_MS));
  const rate = ((delivered - before) * 1000) / (performance.now() - started);
  running = false;
  for (const pair of pairs) {
    pair.publisher.terminate();
    pair.receiver.terminate();
  }
  return rate;
}

async function relayLatency(target: Target): Promise<{ p50: number; p95: number }> {
  const [publisher, receiver] = [await open(target.port), await open(target.port)];
  if (!publisher || !receiver) throw new Error('could not open a latency pair');
  for (const ws of [publisher, receiver]) {
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['latency'] }));
    await pingPong(ws);
  }
  const frame = JSON.stringify({ type: 'publish', topic: 'latency', data: PAYLOAD });
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      receiver.once('message', () => resolve());
      publisher.send(frame);
    });
    samples.push(performance.now() - started);
  }
  publisher.terminate();
  receiver.terminate();
  samples.sort((a, b) => a - b);
  const at = (p: number) =>
    samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

async function measure(target: Target): Promise<{ rate: number; p50: number; p95: number }> {
  const idle = await holdConnections(target);
  const rate = await relayThroughput(target);
  const { p50, p95 } = await relayLatency(target);
  for (const ws of idle) ws.terminate();
  return { rate, p50, p95 };
}

async function stop(target: Target): Promise<void> {
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  const results: Record<string, { rate: number; p50: number; p95: number }> = {};
  // Stock first, then ours: both see the same machine, one at a time.
  for (const start of [startStock, startOurs]) {
    const target = await start();
    try {
      results[target.label] = await measure(target);
    } finally {
      await stop(target);
    }
  }
  const stock = results.stock;
  const ours = results.casepact;
  if (!stock || !ours) throw new Error('a measurement is missing');
  const common = { pairs: PAIRS, window: WINDOW, idleConnections: CONNECTIONS, payloadBytes: PAYLOAD.length };
  print({
    name: 'signaling.stock.relay-throughput',
    value: Math.round(stock.rate),
    unit: 'msg/s',
    ...common,
  });
  print({
    name: 'signaling.casepact.relay-throughput',
    value: Math.round(ours.rate),
    unit: 'msg/s',
    baseline: Math.round(stock.rate),
    ratio: round(ours.rate / stock.rate),
    ...common,
  });
  for (const [label, result] of Object.entries(results)) {
    const baseline =
      label === 'casepact' ? { baseline: round(stock.p50, 3), ratio: round(result.p50 / stock.p50) } : {};
    print({
      name: `signaling.${label}.relay-latency-p50`,
      value: round(result.p50, 3),
      unit: 'ms',
      ...baseline,
    });
    print({ name: `signaling.${label}.relay-latency-p95`, value: round(result.p95, 3), unit: 'ms' });
  }
}

if (process.argv[2] === '--serve-ours') {
  // Child mode: our server in this process, reporting its port on stdout.
  const { startSignalingServer } = await import('../cli/signaling/index');
  const server = await startSignalingServer({
    port: 0,
    limits: {
      maxConnectionsPerAddress: CONNECTIONS + 2 * PAIRS + 100,
      rateBurst: 1_000_000,
      ratePerSecond: 1_000_000,
    },
  });
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
} else {
  await main();
}
