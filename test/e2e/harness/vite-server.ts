import { freePort, type RunningServer, startServerProcess } from './web-server';

/** Starts `vite` with a given config on 127.0.0.1 and a free port (e.g. the visual workbench). */
export async function startViteServer(config: string, timeoutMs = 60_000): Promise<RunningServer> {
  const port = await freePort();
  const args = ['vite', '--config', config, '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  return startServerProcess('npx', args, port, timeoutMs);
}
