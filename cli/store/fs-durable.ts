import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** fsyncs a directory so a rename or a new file in it survives a power cut. */
export function fsyncDir(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open directories; the data itself was fsynced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Creates a directory (and parents) readable by the owner only. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}

/** Writes a whole file atomically: temp file, fsync, rename, fsync of the directory. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  fsyncDir(dirname(path));
}
