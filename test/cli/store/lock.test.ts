import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, acquireCaseLock, holdsCaseLock, withCaseLock } from '../../../cli/store/lock';

const dir = () => mkdtempSync(join(tmpdir(), 'casepact-lock-'));
const sleepers: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of sleepers.splice(0)) child.kill('SIGKILL');
});

/** A live process that is not us, to stand for another casepact process holding the lock. */
function otherProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  sleepers.push(child);
  return new Promise((resolve) => child.once('spawn', () => resolve(child.pid as number)));
}

function holdAs(folder: string, pid: number, token = 'theirs'): void {
  writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ pid, host: hostname(), token, at: Date.now() }));
}

describe('cli/store/lock', () => {
  it('is exclusive: a lock held by a live process is busy, with who holds it', async () => {
    const folder = dir();
    const pid = await otherProcess();
    holdAs(folder, pid);
    const started = Date.now();
    const taken = acquireCaseLock(folder, { waitMs: 150 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(taken.ok).toBe(false);
    if (!taken.ok) {
      expect(taken.error.code).toBe('lock-busy');
      expect(taken.error.code === 'lock-busy' && taken.error.holder?.pid).toBe(pid);
    }
  });

  it('breaks the lock of a holder that died (kill -9) and says so: the log tail needs repair', async () => {
    const folder = dir();
    const pid = await otherProcess();
    holdAs(folder, pid);
    const child = sleepers[0];
    await new Promise((resolve) => {
      child?.once('exit', resolve);
      child?.kill('SIGKILL');
    });
    const taken = acquireCaseLock(folder, { waitMs: 1000 });
    expect(taken.ok && taken.lock.recovered).toBe(true);
    if (taken.ok) taken.lock.release();
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    const clean = acquireCaseLock(folder, { waitMs: 0 });
    expect(clean.ok && clean.lock.recovered).toBe(false);
    if (clean.ok) clean.lock.release();
  });

  it('breaks a lock older than staleMs whoever holds it, and an empty lock file after a second', async () => {
    const folder = dir();
    holdAs(folder, await otherProcess());
    const old = Date.now() / 1000 - 60;
    utimesSync(join(folder, LOCK_FILE), old, old);
    const taken = acquireCaseLock(folder, { waitMs: 0, staleMs: 30_000 });
    expect(taken.ok && taken.lock.recovered).toBe(true);
    if (taken.ok) taken.lock.release();
    writeFileSync(join(folder, LOCK_FILE), '');
    utimesSync(join(folder, LOCK_FILE), Date.now() / 1000 - 5, Date.now() / 1000 - 5);
    const again = acquireCaseLock(folder, { waitMs: 0 });
    expect(again.ok).toBe(true);
    if (again.ok) again.lock.release();
  });

  it('is re-entrant within a process and released by the outermost holder', () => {
    const folder = dir();
    const outer = withCaseLock(
      folder,
      () => {
        const inner = withCaseLock(
          folder,
          () => holdsCaseLock(folder),
          (e) => new Error(e.message),
        );
        return inner && existsSync(join(folder, LOCK_FILE));
      },
      (e) => new Error(e.message),
    );
    expect(outer).toBe(true);
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    expect(holdsCaseLock(folder)).toBe(false);
  });

  it('never removes a lock that is no longer its own', () => {
    const folder = dir();
    const taken = acquireCaseLock(folder);
    if (!taken.ok) throw new Error('lock');
    holdAs(folder, 1, 'someone-else'); // ours was broken as stale and someone took it
    taken.lock.release();
    expect(JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8')).token).toBe('someone-else');
  });

  it('releases when the body throws', () => {
    const folder = dir();
    expect(() =>
      withCaseLock(
        folder,
        () => {
          throw new Error('boom');
        },
        (e) => new Error(e.message),
      ),
    ).toThrow('boom');
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
  });
});
