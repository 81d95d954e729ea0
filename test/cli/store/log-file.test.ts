import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendLog, readLog } from '../../../cli/store/log-file';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { toHex } from '../../../shared/identity/bytes';

let s: Awaited<ReturnType<typeof sodiumReady>>;
beforeAll(async () => {
  s = await sodiumReady();
});

function record(i: number) {
  const sealed = s.randombytes_buf(100 + i * 7);
  return { key: toHex(s.crypto_generichash(32, sealed, null)), sealed };
}

const dir = () => mkdtempSync(join(tmpdir(), 'casepact-log-'));

describe('cli/store/log-file', () => {
  it('reads back what it appended', () => {
    const path = join(dir(), 'log.bin');
    const records = [0, 1, 2, 3].map(record);
    appendLog(path, records.slice(0, 2));
    appendLog(path, records.slice(2));
    const read = readLog(path);
    expect(read.repaired).toBeUndefined();
    expect(read.records.map((r) => r.key)).toEqual(records.map((r) => r.key));
    expect(read.records[3]?.sealed).toEqual(records[3]?.sealed);
  });

  it('drops a torn final record at every cut point and stays appendable', () => {
    const path = join(dir(), 'log.bin');
    const records = [0, 1, 2].map(record);
    appendLog(path, records);
    const full = readFileSync(path);
    const lastStart = full.length - (4 + 32 + (records[2]?.sealed.length ?? 0) + 16);
    for (let cut = lastStart + 1; cut < full.length; cut += 13) {
      writeFileSync(path, full.subarray(0, cut));
      const read = readLog(path);
      expect(read.records.map((r) => r.key)).toEqual(records.slice(0, 2).map((r) => r.key));
      expect(read.repaired?.kind).toBe('torn-tail');
      expect(statSync(path).size).toBe(lastStart);
    }
    appendLog(path, [records[2] as ReturnType<typeof record>]);
    expect(readLog(path).records).toHaveLength(3);
  });

  it('sets damage in the middle aside and keeps everything before it', () => {
    const folder = dir();
    const path = join(folder, 'log.bin');
    const records = [0, 1, 2, 3, 4].map(record);
    appendLog(path, records);
    const bytes = Uint8Array.from(readFileSync(path));
    const at = 7 + 4 + (4 + 32 + 100 + 16) + 10; // inside record #2's payload
    bytes[at] = (bytes[at] as number) ^ 0xff;
    writeFileSync(path, bytes);
    const read = readLog(path);
    expect(read.records.map((r) => r.key)).toEqual([records[0]?.key]);
    expect(read.repaired?.kind).toBe('damaged');
    expect(readdirSync(folder).some((name) => name.startsWith('log.bin.damaged-'))).toBe(true);
    expect(readLog(path).repaired).toBeUndefined();
  });

  it('survives a header cut short and refuses a foreign file', () => {
    const path = join(dir(), 'log.bin');
    writeFileSync(path, 'CPL');
    expect(readLog(path).records).toEqual([]);
    truncateSync(path, 0);
    expect(readLog(path).records).toEqual([]);
    writeFileSync(path, 'hello world, not a log');
    expect(() => readLog(path)).toThrow(/not a Casepact log/);
    expect(existsSync(path)).toBe(true);
  });

  it('loses nothing it reported as saved when killed with SIGKILL mid-append', async () => {
    const path = join(dir(), 'log.bin');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/cli/fixtures/append-loop.ts', path], {
      cwd: process.cwd(),
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (output.split('\n').length > 150) {
          clearInterval(check);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const reported = output.split('\n').filter((line) => /^[0-9a-f]{64}$/.test(line));
    const read = readLog(path);
    const stored = new Set(read.records.map((r) => r.key));
    expect(reported.length).toBeGreaterThan(100);
    for (const key of reported) expect(stored.has(key)).toBe(true);
    expect(read.repaired?.kind ?? 'torn-tail').toBe('torn-tail');
  });
});
