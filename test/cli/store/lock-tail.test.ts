import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../cli/command';
import { CaseStore } from '../../../cli/store/case-store';
import { readLogTail } from '../../../cli/store/lock-tail';
import { appendLog, encodeRecord, readLog } from '../../../cli/store/log-file';
import { createCase, postMessage } from '../../../shared/contract/index';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { toHex } from '../../../shared/identity/bytes';
import type { Identity } from '../../../shared/identity/identity';
import { identityFromSeed } from '../../../shared/identity/identity';
import { foundCase } from '../../../shared/signed/found';

let s: Awaited<ReturnType<typeof sodiumReady>>;
let priya: Identity;
beforeAll(async () => {
  s = await sodiumReady();
  const made = identityFromSeed(new Uint8Array(32).fill(3), 'Priya', 'Acme Support');
  if (!made.ok) throw new Error(made.error.message);
  priya = made.value;
});

function record(i: number) {
  const sealed = s.randombytes_buf(60 + i);
  return { key: toHex(s.crypto_generichash(32, sealed, null)), sealed };
}

function storedCase(): { home: string; caseId: string } {
  const home = mkdtempSync(join(tmpdir(), 'casepact-guard-'));
  const founded = foundCase({
    identity: priya,
    create: (ctx) =>
      createCase(ctx, {
        title: 'Dock flickers',
        party: { name: 'Acme', role: 'provider' },
        member: { displayName: 'Priya' },
      }),
  });
  if (!founded.result.ok) throw new Error(founded.result.message);
  const store = CaseStore.create(home, priya, founded.genesis, founded.replica.keyring, Date.now());
  store.attach(founded.replica)();
  return { home, caseId: founded.genesis.caseId };
}

describe('cli/store/lock-tail: reading what others appended', () => {
  it('reads complete records after an offset and stops before a record still being written', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casepact-tail-')), 'log.bin');
    const [a, b, c] = [1, 2, 3].map(record) as [
      ReturnType<typeof record>,
      ReturnType<typeof record>,
      ReturnType<typeof record>,
    ];
    appendLog(path, [a]);
    const first = readLogTail(path, 0);
    expect(first.records.map((r) => r.key)).toEqual([a.key]);
    appendLog(path, [b]);
    const bytes = encodeRecord(c.key, c.sealed);
    appendFileSync(path, bytes.subarray(0, 30)); // an append in progress
    const second = readLogTail(path, first.end);
    expect(second.records.map((r) => r.key)).toEqual([b.key]);
    expect(second.trailing).toBe(30);
    appendFileSync(path, bytes.subarray(30));
    const third = readLogTail(path, second.end);
    expect(third.records.map((r) => r.key)).toEqual([c.key]);
    expect(third.trailing).toBe(0);
    expect(readLog(path).repaired).toBeUndefined(); // the reader never cut anything
  });

  it('returns nothing for a missing file', () => {
    expect(readLogTail(join(tmpdir(), 'casepact-no-such-log.bin'), 0)).toEqual({
      records: [],
      end: 0,
      trailing: 0,
    });
  });
});

describe('CaseStore persist: two writers of one identity', () => {
  it('refuses to save a change when the same identity appended since this process read the log', () => {
    const { home, caseId } = storedCase();
    const one = CaseStore.open(home, caseId).load(priya);
    const two = CaseStore.open(home, caseId).load(priya);
    one.replica.run((ctx) => postMessage(ctx, { text: 'first' }));
    one.persist();
    two.replica.run((ctx) => postMessage(ctx, { text: 'second, same sequence number' }));
    expect(() => two.persist()).toThrow(CliError);
    expect(() => two.persist()).toThrow(/changed this case at the same time/);
    const reread = CaseStore.open(home, caseId).load(priya);
    expect(reread.replica.quarantine().forks).toEqual([]);
    expect(reread.replica.applied()).toHaveLength(2);
  });

  it("saves when only other authors' entries (or unreadable ones) were appended meanwhile", () => {
    const { home, caseId } = storedCase();
    const store = CaseStore.open(home, caseId);
    const opened = store.load(priya);
    appendLog(join(store.dir, 'log.bin'), [record(9)]); // e.g. serve storing what a peer sent
    opened.replica.run((ctx) => postMessage(ctx, { text: 'still mine to save' }));
    expect(() => opened.persist()).not.toThrow();
    // And the next change of the same process continues from its own append.
    opened.replica.run((ctx) => postMessage(ctx, { text: 'and again' }));
    expect(() => opened.persist()).not.toThrow();
    const reread = CaseStore.open(home, caseId).load(priya);
    expect(reread.replica.applied()).toHaveLength(3);
    expect(reread.replica.quarantine().refused).toHaveLength(1);
  });
});
