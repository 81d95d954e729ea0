import { createHash, randomBytes } from 'node:crypto';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Field values a log entry may carry: never payloads, never topic names or addresses in clear. */
export type LogValue = string | number | boolean | null;

/** One structured log entry; `event` is a stable snake_case name (see docs/signaling.md). */
export interface LogEntry {
  readonly level: LogLevel;
  readonly event: string;
  readonly [field: string]: LogValue;
}

/** Where the server sends its log entries. */
export type SignalingLogger = (entry: LogEntry) => void;

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Drops everything (the default for tests and embedders that pass no logger). */
export const silentLogger: SignalingLogger = () => {};

/**
 * Writes one JSON object per line, with an ISO timestamp, dropping entries below `minLevel`.
 * Logging must never take the server down, so a failing sink is ignored.
 */
export function createJsonLogger(
  write: (line: string) => void,
  minLevel: LogLevel = 'info',
): SignalingLogger {
  const threshold = LEVEL_ORDER[minLevel];
  return (entry) => {
    if (LEVEL_ORDER[entry.level] < threshold) return;
    try {
      write(JSON.stringify({ time: new Date().toISOString(), ...entry }));
    } catch {
      // A closed stdout (EPIPE) or similar: the server keeps serving.
    }
  };
}

export function isLogLevel(value: string): value is LogLevel {
  return value in LEVEL_ORDER;
}

/**
 * A short, salted hash to correlate log lines about one topic or address without revealing it
 * (issue 5: logs carry no topic names in clear). The salt lives only in this process, so hashes
 * cannot be matched across restarts or against a list of guessed room names.
 */
export function createRedactor(salt: Uint8Array = randomBytes(16)): (value: string) => string {
  return (value) => createHash('sha256').update(salt).update(value).digest('hex').slice(0, 8);
}
