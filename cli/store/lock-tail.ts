import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { sodium } from '../../shared/crypto/sodium';
import { toHex } from '../../shared/identity/bytes';
import type { LogRecord } from './log-file';

/**
 * Reads the records other processes appended to a case's log.bin after `offset` (the record
 * format is log-file.ts's: u32 BE n | key [32] ‖ sealed | BLAKE2b-128). Unlike readLog it never
 * repairs: an incomplete record at the end is someone's append in progress (or the torn tail of a
 * process that died, repaired by whoever next takes the lock), so reading stops before it.
 */
export interface TailRead {
  readonly records: readonly LogRecord[];
  /** Offset just after the last complete record read (where the next read starts). */
  readonly end: number;
  /** Bytes after `end` that do not form a complete, intact record (yet). */
  readonly trailing: number;
}

const MAX_RECORD = 8 * 1024 * 1024;
const MAGIC_LENGTH = 7;

export function readLogTail(path: string, offset: number): TailRead {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], end: offset, trailing: 0 };
    throw error;
  }
  try {
    const start = Math.max(offset, MAGIC_LENGTH);
    const size = fstatSync(fd).size;
    if (size <= start) return { records: [], end: Math.max(offset, Math.min(size, start)), trailing: 0 };
    const data = Buffer.alloc(size - start);
    let read = 0;
    while (read < data.length) {
      const n = readSync(fd, data, read, data.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    const records: LogRecord[] = [];
    let at = 0;
    while (at + 4 <= read) {
      const length = data.readUInt32BE(at);
      if (length < 33 || length > MAX_RECORD || at + 4 + length + 16 > read) break;
      const payload = data.subarray(at + 4, at + 4 + length);
      const sum = data.subarray(at + 4 + length, at + 4 + length + 16);
      if (!Buffer.from(sodium().crypto_generichash(16, payload, null)).equals(sum)) break;
      records.push({ key: toHex(payload.subarray(0, 32)), sealed: new Uint8Array(payload.subarray(32)) });
      at += 4 + length + 16;
    }
    return { records, end: start + at, trailing: read - at };
  } finally {
    closeSync(fd);
  }
}

/** Size of a file, 0 when it does not exist. */
export function fileSizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Optimistic concurrency for one-shot commands (called under the case lock, before appending):
 * did another process append an entry by `author` since this one read the file? Then the change
 * this process signed continues a chain that is no longer the author's head: appending it would
 * fork the author's sequence (the same seq twice), so the caller refuses to save it.
 * Entries by other authors (what `casepact serve` writes for peers) are no conflict.
 *
 * `authorOf` opens an entry and returns its author, or null for one that does not open.
 */
export function ownEntriesSince(
  path: string,
  since: number,
  known: ReadonlySet<string>,
  author: string,
  authorOf: (key: string, sealed: Uint8Array) => string | null,
): { readonly conflict: boolean; readonly end: number } {
  const tail = readLogTail(path, since);
  const conflict = tail.records.some((r) => !known.has(r.key) && authorOf(r.key, r.sealed) === author);
  return { conflict, end: tail.end };
}
