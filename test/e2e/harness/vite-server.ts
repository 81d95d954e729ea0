import { spawn } from 'node:child_process';
import { freePort, type RunningServer, repoRoot } from './web-server';

/** Starts `vite` with a given config on 127.0.0.1 and a free port (e.g. the visual workbench). */
export async function startViteServer(config: string, timeoutMs = 60_000): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(
    'npx',
    ['vite', '--config', config, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite exited early with code ${child.exitCode}\n${output}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      throw new Error(`vite at ${url} did not answer within ${timeoutMs} ms\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
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
