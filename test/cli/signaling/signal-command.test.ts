import { describe, expect, it } from 'vitest';
import { CliError } from '../../../cli/command';
import { createSignalCommand, limitFlag, parseSignalArgs } from '../../../cli/commands/signal';
import { spawnCliServer } from './cli-server';
import { connect, roundTrip } from './ws-client';

describe('casepact signal: arguments', () => {
  it('defaults to port 4444 on 127.0.0.1 at info level', () => {
    expect(parseSignalArgs([])).toEqual({ port: 4444, host: '127.0.0.1', logLevel: 'info', limits: {} });
  });

  it('reads --port, --host, --log-level and every limit flag, with a space or =', () => {
    expect(
      parseSignalArgs([
        '--port',
        '0',
        '--host=::1',
        '--log-level',
        'debug',
        '--max-topics-per-connection=7',
        '--rate-per-second',
        '9',
      ]),
    ).toEqual({
      port: 0,
      host: '::1',
      logLevel: 'debug',
      limits: { maxTopicsPerConnection: 7, ratePerSecond: 9 },
    });
    expect(limitFlag('maxConnectionsPerAddress')).toBe('--max-connections-per-address');
  });

  it.each([
    [['--port', '70000']],
    [['--port', 'abc']],
    [['--port']],
    [['--max-message-bytes', '0']],
    [['--max-message-bytes', '-5']],
    [['--log-level', 'loud']],
    [['--host', '']],
    [['--unknown', '1']],
  ])('refuses %j as a usage error (exit 2)', (args) => {
    try {
      parseSignalArgs(args);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
    }
  });

  it('prints one JSON object per line and stops when told to', async () => {
    const lines: string[] = [];
    let stop: (signal: string) => void = () => {};
    const command = createSignalCommand(() => new Promise((resolve) => (stop = resolve)));
    const running = command.run(['--port', '0'], { out: (line) => lines.push(line), err: () => {}, env: {} });
    while (!lines.some((line) => line.includes('"ready"'))) await new Promise((wait) => setTimeout(wait, 10));
    const ready = JSON.parse(lines.find((line) => line.includes('"ready"')) ?? '{}');
    await roundTrip(await connect(ready.url));
    stop('SIGTERM');
    expect(await running).toBe(0);
    const events = lines.map((line) => JSON.parse(line).event);
    expect(events).toEqual(
      expect.arrayContaining(['listening', 'ready', 'conn_open', 'stop_requested', 'stopped']),
    );
  });

  it('reports a port already in use as a one-line error', async () => {
    const lines: string[] = [];
    let stop: (signal: string) => void = () => {};
    const first = createSignalCommand(() => new Promise((resolve) => (stop = resolve)));
    const running = first.run(['--port', '0'], { out: (line) => lines.push(line), err: () => {}, env: {} });
    while (!lines.some((line) => line.includes('"ready"'))) await new Promise((wait) => setTimeout(wait, 10));
    const { port } = JSON.parse(lines.find((line) => line.includes('"ready"')) ?? '{}');
    const second = createSignalCommand(() => new Promise(() => {}));
    await expect(
      second.run(['--port', String(port)], { out: () => {}, err: () => {}, env: {} }),
    ).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
    stop('SIGTERM');
    expect(await running).toBe(0);
  });
});

describe('casepact signal: the real binary', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves /health and exits 0 on %s, closing clients with 1001',
    async (signal) => {
      const server = await spawnCliServer();
      const health = await (await fetch(`http://127.0.0.1:${server.port}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', connections: 0, topics: 0 });
      const client = await connect(server.url);
      await roundTrip(client);
      expect(await server.stop(signal)).toBe(0);
      expect((await client.closed).code).toBe(1001);
      expect(server.logs.map((entry) => entry.event)).toEqual(
        expect.arrayContaining(['listening', 'ready', 'conn_open', 'stop_requested', 'shutdown', 'stopped']),
      );
    },
  );
});
