import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { sodium } from '../../shared/crypto/sodium';
import { writeFileAtomic } from '../store/fs-durable';

/**
 * The log document's Yjs state, kept next to log.bin (`cases/<id>/sync-state.bin`) by the
 * long-running peers (docs/sync-cli.md "Sync state").
 *
 * log.bin holds the entries and stays the authority; this file only keeps their Yjs identity.
 * Rebuilt from records alone, every open would write each entry again as a new Yjs item under a
 * fresh client id: every `casepact sync` run would resend the whole log to every peer, and a
 * long-running `serve` would take in a full copy of a peer's log (as items to discard) each time
 * that peer synced. Loading this state first keeps the items peers already have, so only what is
 * really new crosses the wire.
 *
 *   file = "CPYS1\n" | u32 BE n | Yjs update v1 [n] | BLAKE2b-128(update) [16]
 *
 * Written whole and atomically (temp, fsync, rename); a missing, foreign or damaged file is
 * ignored (the records rebuild the document; only the saving is lost).
 */
const MAGIC = Buffer.from('CPYS1\n', 'latin1');
export const SYNC_STATE_FILE = 'sync-state.bin';

export function syncStatePath(dir: string): string {
  return join(dir, SYNC_STATE_FILE);
}

/** The saved Yjs update, or null when there is none or it does not check out. */
export function readSyncState(dir: string): Uint8Array | null {
  const path = syncStatePath(dir);
  if (!existsSync(path)) return null;
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return null;
  }
  if (data.length < MAGIC.length + 4 + 16 || !data.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const length = data.readUInt32BE(MAGIC.length);
  if (MAGIC.length + 4 + length + 16 !== data.length) return null;
  const update = data.subarray(MAGIC.length + 4, MAGIC.length + 4 + length);
  const sum = data.subarray(MAGIC.length + 4 + length);
  if (!Buffer.from(sodium().crypto_generichash(16, update, null)).equals(sum)) return null;
  return new Uint8Array(update);
}

/** Applies the saved state to `doc`; false when there was none or Yjs refused it. */
export function loadSyncState(dir: string, doc: Y.Doc, origin: unknown): boolean {
  const update = readSyncState(dir);
  if (!update) return false;
  try {
    Y.applyUpdate(doc, update, origin);
    return true;
  } catch {
    return false;
  }
}

/** Saves the document's whole state (atomic replace). */
export function saveSyncState(dir: string, doc: Y.Doc): void {
  const update = Y.encodeStateAsUpdate(doc);
  const out = Buffer.alloc(MAGIC.length + 4 + update.length + 16);
  MAGIC.copy(out, 0);
  out.writeUInt32BE(update.length, MAGIC.length);
  Buffer.from(update).copy(out, MAGIC.length + 4);
  Buffer.from(sodium().crypto_generichash(16, update, null)).copy(out, MAGIC.length + 4 + update.length);
  writeFileAtomic(syncStatePath(dir), out);
}
