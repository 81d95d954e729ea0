/**
 * Separate-process harness for the membership CLI tests: `casepact` runs (each its own Node
 * process) and long-running member devices (rotating-peer.ts) that report their state as JSON.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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

export type PeerLine = Record<string, unknown> & { readonly type: string };

/** A member device online (rotating-peer.ts) in its own process. */
export class RotatingPeer {
  readonly lines: PeerLine[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  stderr = '';

  constructor(
    readonly name: string,
    home: string,
    caseId: string,
    signal: string,
  ) {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/cli/membership/rotating-peer.ts', home, caseId, signal],
      { cwd: ROOT, env: { ...process.env, CASEPACT_PASSPHRASE: PASSPHRASE } },
    );
    createInterface({ input: this.child.stdout }).on('line', (line) => this.lines.push(JSON.parse(line)));
    this.child.stderr.on('data', (chunk) => {
      this.stderr += String(chunk);
    });
  }

  /** The last state line. */
  state(): PeerLine | undefined {
    return this.lines.filter((l) => l.type === 'state').at(-1);
  }

  async until(test: (line: PeerLine) => boolean, what: string, ms = 45_000): Promise<PeerLine> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const found = this.lines.find(test);
      if (found) return found;
      if (this.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(
      `${this.name}: no ${what} within ${ms} ms; last state ${JSON.stringify(this.state())}; stderr ${this.stderr.slice(-500)}`,
    );
  }

  /** Waits until the latest state passes `test`. */
  async untilState(test: (state: PeerLine) => boolean, what: string, ms = 45_000): Promise<PeerLine> {
    return this.until((line) => line.type === 'state' && line === this.state() && test(line), what, ms);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

export const has = (list: unknown, item: string) => Array.isArray(list) && list.includes(item);
