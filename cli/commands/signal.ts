import type { CliCommand, CliIo } from '../command';
import { CliError } from '../command';
import type { SignalingLimits } from '../signaling/limits';
import { limitNames } from '../signaling/limits';
import type { LogLevel } from '../signaling/logger';
import { createJsonLogger, isLogLevel } from '../signaling/logger';
import { SignalingStartError, startSignalingServer } from '../signaling/server';

/** `maxTopicsPerConnection` → `--max-topics-per-connection`. */
export function limitFlag(name: keyof SignalingLimits): string {
  return `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

export interface SignalOptions {
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  readonly limits: Partial<Record<keyof SignalingLimits, number>>;
}

const DEFAULT_PORT = 4444;

function parseInteger(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new CliError(`${flag} needs a whole number`, 2);
  const number = Number(value);
  if (number < min || number > max) throw new CliError(`${flag} must be between ${min} and ${max}`, 2);
  return number;
}

/** Parses the command line; every mistake is a CliError with exit code 2 (usage). */
export function parseSignalArgs(args: readonly string[]): SignalOptions {
  let port = DEFAULT_PORT;
  let host = '127.0.0.1';
  let logLevel: LogLevel = 'info';
  const limits: Partial<Record<keyof SignalingLimits, number>> = {};
  const byFlag = new Map(limitNames().map((name) => [limitFlag(name), name]));
  for (let index = 0; index < args.length; index++) {
    const [flag = '', inline] = (args[index] ?? '').split(/=(.*)/s, 2);
    const value = inline ?? args[++index];
    if (flag === '--port') port = parseInteger(flag, value, 0, 65_535);
    else if (flag === '--host') {
      if (!value) throw new CliError('--host needs an address, e.g. 127.0.0.1', 2);
      host = value;
    } else if (flag === '--log-level') {
      if (!value || !isLogLevel(value))
        throw new CliError('--log-level must be debug, info, warn or error', 2);
      logLevel = value;
    } else if (byFlag.has(flag)) {
      const name = byFlag.get(flag) as keyof SignalingLimits;
      limits[name] = parseInteger(flag, value, 1, Number.MAX_SAFE_INTEGER);
    } else {
      throw new CliError(`unknown option "${flag}" (see docs/signaling.md)`, 2);
    }
  }
  return { port, host, logLevel, limits };
}

/** Resolves with the name of the first SIGINT or SIGTERM. */
function untilStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Builds the command; tests pass their own stop trigger instead of process signals. */
export function createSignalCommand(waitForStop: () => Promise<string> = untilStopSignal): CliCommand {
  return {
    path: ['signal'],
    summary: 'Run a y-webrtc compatible signaling server (hardened)',
    usage: '[--port N] [--host H] [--limit flags]',
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const options = parseSignalArgs(args);
      const log = createJsonLogger((line) => io.out(line), options.logLevel);
      // Register for signals before listening, so a stop that races the start is not lost.
      const stopped = waitForStop();
      let server: Awaited<ReturnType<typeof startSignalingServer>>;
      try {
        server = await startSignalingServer({ ...options, log });
      } catch (error) {
        if (error instanceof SignalingStartError) throw new CliError(error.message, 1);
        throw error;
      }
      // Printed whatever the log level: with --port 0 this is how a caller learns the port.
      io.out(
        JSON.stringify({
          time: new Date().toISOString(),
          level: 'info',
          event: 'ready',
          url: server.url,
          port: server.port,
        }),
      );
      const signal = await stopped;
      log({ level: 'info', event: 'stop_requested', signal });
      await server.close();
      log({ level: 'info', event: 'stopped' });
      return 0;
    },
  };
}

/** `casepact signal --port N [--host H]`: see docs/signaling.md. */
export const signalCommand: CliCommand = createSignalCommand();
