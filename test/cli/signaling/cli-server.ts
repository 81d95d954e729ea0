import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Our server run through the real CLI (`casepact signal`) in its own process. */
export interface CliServer {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  /** Every JSON log line printed so far. */
  readonly logs: Record<string, unknown>[];
  readonly exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the server in its own process and waits for its `ready` line: through the real
 * CLI (`node bin/casepact.mjs signal --port 0 …args`), or with `direct`, through the signal
 * command alone (fixtures/signal-process.ts), which does not load the other commands.
 */
export function spawnCliServer(args: readonly string[] = [], direct = false): Promise<CliServer> {
  const command = direct
    ? ['--import', 'tsx', 'test/cli/signaling/fixtures/signal-process.ts']
    : ['bin/casepact.mjs', 'signal'];
  const child = spawn(process.execPath, [...command, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a stray server behind a failed start
      reject(new Error(`server did not start: ${stderr}`));
    }, 15_000);
    exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
    lines.on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        entry = { unparsed: line };
      }
      logs.push(entry);
      if (entry.event === 'ready') {
        clearTimeout(timer);
        const port = Number(entry.port);
        resolve({
          child,
          port,
          url: `ws://127.0.0.1:${port}`,
          logs,
          exited,
          async stop(signal = 'SIGTERM') {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}
