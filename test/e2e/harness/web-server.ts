import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms`);
}

/** Starts a command that serves HTTP on 127.0.0.1:`port`, and stops its whole process group. */
export async function startServerProcess(
  command: string,
  args: readonly string[],
  port: number,
  timeoutMs = 60_000,
): Promise<RunningServer> {
  const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(url, child, timeoutMs);
  } catch (error) {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

/** Starts an npm script that serves the renderer on 127.0.0.1 and a free port. */
export async function startNpmServer(script: 'web' | 'preview', timeoutMs = 60_000): Promise<RunningServer> {
  const port = await freePort();
  return startServerProcess(
    'npm',
    ['run', '-s', script, '--', '--port', String(port), '--strictPort'],
    port,
    timeoutMs,
  );
}
