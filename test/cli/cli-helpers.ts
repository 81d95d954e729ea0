import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const PASSPHRASE = 'correct horse battery staple';

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'casepact-cli-'));
}

/** Runs `node bin/casepact.mjs ...args` with a temp CASEPACT_HOME; no terminal, no inherited secrets. */
export function casepact(home: string, args: readonly string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, ['bin/casepact.mjs', ...args], {
    cwd: process.cwd(),
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      CASEPACT_HOME: home,
      CASEPACT_PASSPHRASE: PASSPHRASE,
      ...env,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Same, asynchronously (for runs that get killed). */
export function casepactAsync(home: string, args: readonly string[]) {
  return spawn(process.execPath, ['bin/casepact.mjs', ...args], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: home, CASEPACT_HOME: home, CASEPACT_PASSPHRASE: PASSPHRASE },
  });
}

/** A user-facing failure: non-zero exit, exactly one line on stderr, no stack trace. */
export function expectOneLineError(run: CliRun): string {
  const lines = run.stderr.trim().split('\n');
  if (run.status === 0) throw new Error(`expected failure, got exit 0: ${run.stdout}`);
  if (lines.length !== 1) throw new Error(`expected one stderr line, got:\n${run.stderr}`);
  if (/\n\s+at |Error:|node:internal/.test(run.stderr)) throw new Error(`stack trace leaked:\n${run.stderr}`);
  return lines[0] as string;
}
