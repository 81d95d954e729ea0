import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The stock y-webrtc signaling server shipped in node_modules. */
export const STOCK_SERVER = resolve('node_modules/y-webrtc/bin/server.js');

/** A port that was free a moment ago (the stock server takes its port only from PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export interface StockServer {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  /** Resolves with the exit code (or signal name) once the process ends. */
  readonly exited: Promise<number | string>;
  stop(): Promise<void>;
}

/** Spawns the stock server on a free port and waits until it accepts HTTP requests. */
export async function spawnStockServer(): Promise<StockServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [STOCK_SERVER], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const exited = new Promise<number | string>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown'));
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      await response.text();
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error('stock y-webrtc server did not start');
      }
      await new Promise((wait) => setTimeout(wait, 50));
    }
  }
  return {
    child,
    port,
    url: `ws://127.0.0.1:${port}`,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
