import { statSync } from 'node:fs';
import { join } from 'node:path';
import type * as Y from 'yjs';
import { equalBytes } from '../../shared/identity/bytes';
import type { CaseLockError } from '../store/lock';
import { acquireCaseLock } from '../store/lock';
import type { LogReadResult, LogRecord } from '../store/log-file';
import { appendLog, readLog } from '../store/log-file';
import { readLogTail } from '../store/lock-tail';

/**
 * The on-disk side of a long-running case peer (`casepact sync`, `casepact serve`): keeps the
 * case's log.bin and the in-memory log document in step, in both directions, under the case lock.
 *
 *  - Entries that reach the log document (from peers, verified or not: a peer's waiting or
 *    refused entry is kept too, so nothing a peer sent is lost) are appended and fsynced.
 *  - Records other processes of this home appended (`casepact message`, `sign`, … while the peer
 *    runs) are read from the file's tail and handed back, to be put in the log document, which
 *    sends them to peers.
 *
 * The file records a key again when its value changed (a peer overwrote it; the replica heals
 * entries it accepted): the last record of a key wins on load, like the log document.
 */
export interface DurableSyncResult {
  /** Records other processes appended since the last sync. */
  readonly incoming: readonly LogRecord[];
  /** Keys appended (and fsynced) by this sync. */
  readonly saved: readonly string[];
  /** Log document keys that cannot be stored (not a 64-hex key or not bytes): live-only. */
  readonly unstorable: readonly string[];
}

export type DurableSyncOutcome =
  | { readonly ok: true; readonly value: DurableSyncResult }
  | { readonly ok: false; readonly error: CaseLockError };

const KEY = /^[0-9a-f]{64}$/;
const MAX_SEALED = 8 * 1024 * 1024 - 32;

/** The records of log.bin read under the lock, and where the file ended then. */
export interface LockedRead extends LogReadResult {
  readonly size: number;
}

/** Reads the whole log file under the case lock (blocking, like the one-shot commands). */
export function readLogLocked(
  dir: string,
): { ok: true; value: LockedRead } | { ok: false; error: CaseLockError } {
  const taken = acquireCaseLock(dir);
  if (!taken.ok) return taken;
  try {
    const path = join(dir, 'log.bin');
    const read = readLog(path);
    return { ok: true, value: { ...read, size: fileSize(path) } };
  } finally {
    taken.lock.release();
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export class DurableLog {
  private readonly path: string;
  /** What the file holds for each key (the latest record). */
  private readonly stored = new Map<string, Uint8Array>();
  private readonly pending = new Set<string>();
  private readonly unstorable = new Set<string>();
  private end: number;
  private readonly observer: (event: Y.YMapEvent<unknown>) => void;

  /**
   * @param dir the case folder
   * @param entries the log document's map, already holding `records`
   * @param records what the file held when it was read (under the lock)
   * @param size the file's size then: records appended later are read from there
   */
  constructor(
    private readonly dir: string,
    private readonly entries: Y.Map<unknown>,
    records: readonly LogRecord[],
    size: number,
  ) {
    this.path = join(dir, 'log.bin');
    this.end = size;
    for (const record of records) this.stored.set(record.key, record.sealed);
    // What the document holds beyond the file (e.g. from a saved sync state) is written first thing.
    for (const [key, value] of entries) {
      const known = this.stored.get(key);
      if (!(known && value instanceof Uint8Array && equalBytes(known, value))) this.pending.add(key);
    }
    this.observer = (event) => {
      for (const key of event.keysChanged) this.pending.add(key);
    };
    entries.observe(this.observer);
  }

  /** Whether entries of the log document still wait to be written. */
  get dirty(): boolean {
    return this.pending.size > 0;
  }

  /** Where the file ended when this peer last read or wrote it. */
  get offset(): number {
    return this.end;
  }

  /** Number of distinct keys the file holds. */
  get size(): number {
    return this.stored.size;
  }

  /**
   * Under the case lock: reads what others appended, then appends and fsyncs what the log
   * document holds that the file does not. `waitMs: 0` (default) tries once: a busy lock is
   * returned as an error for the caller to retry, never waited for on the event loop.
   */
  sync(waitMs = 0): DurableSyncOutcome {
    const taken = acquireCaseLock(this.dir, { waitMs });
    if (!taken.ok) return taken;
    try {
      if (taken.lock.recovered) this.repair();
      const tail = readLogTail(this.path, this.end);
      this.end = tail.end;
      const incoming: LogRecord[] = [];
      for (const record of tail.records) {
        const known = this.stored.get(record.key);
        this.stored.set(record.key, record.sealed);
        if (!known || !equalBytes(known, record.sealed)) incoming.push(record);
      }
      const fromFile = new Set(incoming.map((record) => record.key));
      const fresh: LogRecord[] = [];
      const unstorable: string[] = [];
      for (const key of this.pending) {
        const value = this.entries.get(key);
        if (value === undefined) continue; // deleted by a peer: the file keeps what it had
        if (!KEY.test(key) || !(value instanceof Uint8Array) || value.length > MAX_SEALED) {
          if (!this.unstorable.has(key)) unstorable.push(key);
          this.unstorable.add(key);
          continue;
        }
        const known = this.stored.get(key);
        if (known && equalBytes(known, value)) continue;
        // Records read just now from the file win over the document's older value.
        if (fromFile.has(key)) continue;
        fresh.push({ key, sealed: value });
      }
      if (fresh.length > 0) {
        appendLog(this.path, fresh);
        this.end = fileSize(this.path);
        for (const record of fresh) this.stored.set(record.key, record.sealed);
      }
      this.pending.clear();
      return { ok: true, value: { incoming, saved: fresh.map((r) => r.key), unstorable } };
    } finally {
      taken.lock.release();
    }
  }

  /** Stops watching the log document. */
  close(): void {
    this.entries.unobserve(this.observer);
  }

  /**
   * The previous lock holder died: its last append may be torn. readLog cuts a torn tail (or
   * moves damage aside); if that cut below what this peer had read, forget the keys that are no
   * longer in the file so the next sync writes them again from memory.
   */
  private repair(): void {
    const read = readLog(this.path);
    const size = fileSize(this.path);
    if (size >= this.end) return;
    this.stored.clear();
    for (const record of read.records) this.stored.set(record.key, record.sealed);
    for (const key of this.entries.keys()) if (!this.stored.has(key)) this.pending.add(key);
    this.end = size;
  }
}
