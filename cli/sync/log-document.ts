import * as Y from 'yjs';
import { equalBytes } from '../../shared/identity/bytes';
import { LOG_MAP } from '../../shared/signed/replica';
import type { CaseLockError } from '../store/lock';
import { DurableLog, readLogLocked } from './durable-log';
import { loadSyncState } from './sync-state';

/** Transaction origin of entries put into the log document from disk. */
export const DISK_ORIGIN: { readonly source: 'casepact/disk' } = { source: 'casepact/disk' };

/**
 * A case's log document as a long-running peer opens it, with its {@link DurableLog}: the saved
 * Yjs state first (the items peers already hold, sync-state.ts), then every record of log.bin
 * it lacks or holds with other bytes (log.bin is the authority; the last record of a key wins).
 */
export function openLogDocument(
  dir: string,
): { ok: true; log: Y.Doc; durable: DurableLog } | { ok: false; error: CaseLockError } {
  const read = readLogLocked(dir);
  if (!read.ok) return read;
  const log = new Y.Doc();
  const entries = log.getMap<unknown>(LOG_MAP);
  loadSyncState(dir, log, DISK_ORIGIN);
  log.transact(() => {
    for (const record of read.value.records) {
      const current = entries.get(record.key);
      if (!(current instanceof Uint8Array && equalBytes(current, record.sealed))) {
        entries.set(record.key, record.sealed);
      }
    }
  }, DISK_ORIGIN);
  return { ok: true, log, durable: new DurableLog(dir, entries, read.value.records, read.value.size) };
}
