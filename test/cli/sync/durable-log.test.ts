import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, acquireCaseLock } from '../../../cli/store/lock';
import { encodeRecord, readLog } from '../../../cli/store/log-file';
import { DurableLog, readLogLocked } from '../../../cli/sync/durable-log';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { toHex } from '../../../shared/identity/bytes';

let s: Awaited<ReturnType<typeof sodiumReady>>;
beforeAll(async () => {
  s = await sodiumReady();
});

const entry = (n = 80) => {
  const sealed = s.randombytes_buf(n);
  return [toHex(s.crypto_generichash(32, sealed, null)), sealed] as const;
};

/** A peer's view of one case folder: its own log document and DurableLog. */
function peer(dir: string) {
  const read = readLogLocked(dir);
  if (!read.ok) throw new Error(read.error.message);
  const doc = new Y.Doc();
  const map = doc.getMap<unknown>('envelopes');
  doc.transact(() => {
    for (const r of read.value.records) map.set(r.key, r.sealed);
  });
  return { map, durable: new DurableLog(dir, map, read.value.records, read.value.size) };
}

function synced(durable: DurableLog) {
  const outcome = durable.sync();
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

describe('cli/sync/durable-log', () => {
  it("stores what reaches the log document and hands each peer the other's appends", () => {
    const dir = mkdtempSync(join(tmpdir(), 'casepact-durable-'));
    const a = peer(dir);
    const b = peer(dir);
    const [k1, v1] = entry();
    const [k2, v2] = entry();
    a.map.set(k1, v1);
    expect(a.durable.dirty).toBe(true);
    expect(synced(a.durable).saved).toEqual([k1]);
    expect(a.durable.dirty).toBe(false);
    b.map.set(k2, v2);
    const fromB = synced(b.durable);
    expect(fromB.incoming.map((r) => r.key)).toEqual([k1]);
    expect(fromB.saved).toEqual([k2]);
    expect(synced(a.durable).incoming.map((r) => r.key)).toEqual([k2]);
    expect(readLog(join(dir, 'log.bin')).records.map((r) => r.key)).toEqual([k1, k2]);
    // Nothing new: nothing written, nothing read.
    expect(synced(a.durable)).toEqual({ incoming: [], saved: [], unstorable: [] });
  });

  it('keeps refused-looking entries too, skips only what the file cannot hold, and records value changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casepact-durable-'));
    const a = peer(dir);
    const [k, v] = entry();
    a.map.set(k, v);
    a.map.set('not-a-hash', new Uint8Array(5));
    a.map.set(toHex(s.randombytes_buf(32)), 'a string');
    const first = synced(a.durable);
    expect(first.saved).toEqual([k]);
    expect(first.unstorable).toHaveLength(2);
    const changed = s.randombytes_buf(90);
    a.map.set(k, changed);
    expect(synced(a.durable).saved).toEqual([k]);
    const records = readLog(join(dir, 'log.bin')).records;
    expect(records).toHaveLength(2);
    expect(records[1]?.sealed).toEqual(changed); // the last record of a key wins on load
    a.map.delete(k);
    expect(synced(a.durable).saved).toEqual([]); // a deletion by a peer erases nothing on disk
  });

  it('tries the lock once and reports it busy instead of blocking the event loop', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casepact-durable-'));
    const a = peer(dir);
    a.map.set(...entry());
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.ppid, host: hostname(), token: 't', at: Date.now() }),
    );
    const outcome = a.durable.sync();
    expect(outcome.ok).toBe(false);
    expect(a.durable.dirty).toBe(true);
  });

  it('after its holder died mid-append, cuts the torn record before appending', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casepact-durable-'));
    const a = peer(dir);
    const [k1, v1] = entry();
    a.map.set(k1, v1);
    synced(a.durable);
    const [k2, v2] = entry();
    appendFileSync(join(dir, 'log.bin'), encodeRecord(k2, v2).subarray(0, 50)); // torn
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), token: 'dead', at: Date.now() }),
    );
    const [k3, v3] = entry();
    a.map.set(k3, v3);
    expect(synced(a.durable).saved).toEqual([k3]);
    const read = readLog(join(dir, 'log.bin'));
    expect(read.repaired).toBeUndefined();
    expect(read.records.map((r) => r.key)).toEqual([k1, k3]);
    const lock = acquireCaseLock(dir, { waitMs: 0 });
    expect(lock.ok && lock.lock.recovered).toBe(false);
    if (lock.ok) lock.lock.release();
  });
});
