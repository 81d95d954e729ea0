import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * A per-case lock file (docs/sync-cli.md "Sharing CASEPACT_HOME"): `cases/<id>/lock`, created
 * exclusively ('wx'), holding who took it. Every reader and appender of a case's log file takes it
 * for the few milliseconds it touches the file, so
 *  - an append is never seen half-written by a reader that would "repair" (truncate) it, and
 *  - two processes never append at once (records would interleave).
 * `casepact serve` and one-shot commands (`sign`, `message`, …) share a home this way.
 *
 * Node has no flock(); a lock file survives a `kill -9` of its holder, so a lock whose holder is
 * gone (same host, pid not alive) or that is older than `staleMs` is broken. Breaking happens under
 * a second lock (`lock.break`) so two breakers cannot both delete and one steal the other's fresh
 * lock. The taker of a broken lock is told (`recovered`): the dead holder may have died mid-append,
 * so the log's tail must be repaired (readLog) before appending after it.
 *
 * Within one process the lock is re-entrant (a count per case folder): a caller holding it may call
 * code that takes it again (e.g. CaseStore.load inside a session's own locked section).
 */

/** Why a lock could not be taken. */
export type CaseLockError =
  | { readonly code: 'lock-busy'; readonly holder: LockHolder | null; readonly message: string }
  | { readonly code: 'lock-io'; readonly message: string };

/** What a lock file records about its holder (never secrets). */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  /** Epoch ms the lock was taken. */
  readonly at: number;
}

/** A held lock. */
export interface CaseLock {
  /** True when a stale lock (dead holder) was broken to take this one: repair before appending. */
  readonly recovered: boolean;
  /** Releases (idempotent). Only removes the file if it is still ours. */
  release(): void;
}

export interface LockOptions {
  /** How long to wait for a busy lock (ms). Default 10 s; 0 = try once. */
  readonly waitMs?: number;
  /** A lock older than this is stale whoever holds it (ms). Default 30 s: holders keep it for ms. */
  readonly staleMs?: number;
}

export const LOCK_FILE = 'lock';
const BREAK_FILE = 'lock.break';
const BREAK_STALE_MS = 5_000;
const DEFAULT_WAIT_MS = 10_000;
const DEFAULT_STALE_MS = 30_000;

const held = new Map<string, { count: number; token: string; recovered: boolean }>();
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (
      typeof parsed.pid === 'number' &&
      typeof parsed.host === 'string' &&
      typeof parsed.token === 'string' &&
      typeof parsed.at === 'number'
    ) {
      return parsed as LockHolder;
    }
  } catch {
    // Unreadable or half-written (its writer died between create and write): judged by age.
  }
  return null;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(path: string): number | null {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** Whether the lock at `path` is abandoned. */
function isStale(path: string, holder: LockHolder | null, staleMs: number): boolean {
  const age = ageMs(path);
  if (age === null) return false; // gone already: just retry
  if (age > staleMs) return true;
  if (holder === null) return age > 1_000; // created but never written: its writer died
  return holder.host === hostname() && holder.pid !== process.pid && !pidAlive(holder.pid);
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** Removes a stale lock under the break lock; true when it was removed by us. */
function breakStale(dir: string, staleMs: number): boolean {
  const lockPath = join(dir, LOCK_FILE);
  const breakPath = join(dir, BREAK_FILE);
  if (!createExclusive(breakPath, String(process.pid))) {
    const age = ageMs(breakPath);
    if (age !== null && age > BREAK_STALE_MS) unlinkQuiet(breakPath); // a breaker died breaking
    return false;
  }
  try {
    const holder = readHolder(lockPath);
    if (!isStale(lockPath, holder, staleMs)) return false;
    unlinkQuiet(lockPath);
    return true;
  } finally {
    unlinkQuiet(breakPath);
  }
}

function handle(dir: string): CaseLock {
  const entry = held.get(dir);
  let released = false;
  return {
    recovered: entry?.recovered ?? false,
    release() {
      if (released) return;
      released = true;
      const current = held.get(dir);
      if (!current) return;
      current.count -= 1;
      if (current.count > 0) return;
      held.delete(dir);
      const path = join(dir, LOCK_FILE);
      if (readHolder(path)?.token === current.token) unlinkQuiet(path);
    },
  };
}

/**
 * Takes the lock of the case folder `dir`, waiting (blocking, in short sleeps) up to `waitMs`.
 * Blocking is deliberate: holders keep the lock for milliseconds, and the one-shot commands that
 * call this have nothing else to do meanwhile. Long-running peers use `waitMs: 0` and retry.
 */
export function acquireCaseLock(
  dir: string,
  options: LockOptions = {},
): { ok: true; lock: CaseLock } | { ok: false; error: CaseLockError } {
  const mine = held.get(dir);
  if (mine) {
    mine.count += 1;
    return { ok: true, lock: handle(dir) };
  }
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const path = join(dir, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  let recovered = false;
  let pause = 2;
  for (;;) {
    const token = randomBytes(12).toString('hex');
    const holder: LockHolder = { pid: process.pid, host: hostname(), token, at: Date.now() };
    try {
      if (createExclusive(path, JSON.stringify(holder))) {
        held.set(dir, { count: 1, token, recovered });
        return { ok: true, lock: handle(dir) };
      }
      if (isStale(path, readHolder(path), staleMs) && breakStale(dir, staleMs)) {
        recovered = true;
        continue;
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      return { ok: false, error: { code: 'lock-io', message: `cannot use the case lock file (${code})` } };
    }
    if (Date.now() >= deadline) {
      const current = readHolder(path);
      return {
        ok: false,
        error: {
          code: 'lock-busy',
          holder: current,
          message: `the case is busy: another casepact process${current ? ` (pid ${current.pid})` : ''} holds its lock`,
        },
      };
    }
    sleepSync(Math.min(pause, Math.max(1, deadline - Date.now())));
    pause = Math.min(pause * 2, 50);
  }
}

/**
 * Runs `body` holding the case lock; throws `onBusy(error)` when it cannot be taken. The lock
 * is released whatever `body` does.
 */
export function withCaseLock<T>(
  dir: string,
  body: (lock: CaseLock) => T,
  onBusy: (error: CaseLockError) => Error,
  options?: LockOptions,
): T {
  const taken = acquireCaseLock(dir, options);
  if (!taken.ok) throw onBusy(taken.error);
  try {
    return body(taken.lock);
  } finally {
    taken.lock.release();
  }
}

/** Whether this process currently holds the lock of `dir` (tests, assertions). */
export function holdsCaseLock(dir: string): boolean {
  return held.has(dir);
}
