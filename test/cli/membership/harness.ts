/**
 * Separate-process harness for the membership CLI tests: `casepact` runs (each its own Node
 * process), and what a home's stored copy says while its `casepact serve` (cli-harness.ts
 * JsonChild.serve) keeps the case online.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const PASSPHRASE = 'correct horse battery staple';

export interface Run {
  readonly code: number;
  readonly stdout: string[];
  readonly stderr: string;
}

/** `node bin/casepact.mjs ...args` with CASEPACT_HOME = home; bounded (90 s). */
export function casepact(home: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/casepact.mjs', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, CASEPACT_HOME: home, CASEPACT_PASSPHRASE: PASSPHRASE },
        timeout: 90_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: stdout.trim().split('\n'), stderr });
      },
    );
  });
}

/** Options of a run that meets peers (`join`, `sync`): our signaling server, 127.0.0.1, 60 s. */
export const online = (signal: string): string[] => [
  '--signal',
  signal,
  '--bind',
  '127.0.0.1',
  '--timeout',
  '60',
];

/** Runs a TypeScript helper of this folder in its own process. */
export function helper(script: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `test/cli/membership/${script}`, ...args],
      { cwd: ROOT, env: { ...process.env, CASEPACT_PASSPHRASE: PASSPHRASE }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: stdout.trim().split('\n'), stderr });
      },
    );
  });
}

/** What `casepact show --json` prints, as far as these tests read it. */
export interface CaseView {
  readonly messages: readonly { text: string }[];
  readonly parties: readonly { members: readonly { displayName: string; status: string }[] }[];
  readonly agreements: {
    readonly currentTermsHash: string;
    readonly versions: readonly { signatures: readonly { member: string; current: boolean }[] }[];
  };
  readonly verification: {
    readonly changes: number;
    readonly refused: readonly { author: string | null; reason: string; seq: number | null }[];
  };
}

/** `casepact show CASE --json` in HOME (works while `casepact serve` runs on the same home). */
export async function view(home: string, caseId: string): Promise<CaseView> {
  const shown = await casepact(home, 'show', caseId, '--json');
  if (shown.code !== 0) throw new Error(`show failed in ${home}: ${shown.stderr}`);
  return JSON.parse(shown.stdout.join('\n')) as CaseView;
}

/** Active (or removed) members' display names, sorted. */
export const membersOf = (copy: CaseView, status = 'active'): string[] =>
  copy.parties
    .flatMap((p) => p.members)
    .filter((m) => m.status === status)
    .map((m) => m.displayName)
    .sort();

/** Polls HOME's stored copy (what its `casepact serve` saved) until `test` passes. */
export async function untilStored(
  home: string,
  caseId: string,
  test: (copy: CaseView) => boolean,
  what: string,
  ms = 45_000,
): Promise<CaseView> {
  const deadline = Date.now() + ms;
  let last: CaseView | undefined;
  while (Date.now() < deadline) {
    last = await view(home, caseId);
    if (test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${home}: no ${what} within ${ms} ms; last copy ${JSON.stringify(last).slice(0, 1500)}`);
}

export const has = (list: unknown, item: string) => Array.isArray(list) && list.includes(item);
