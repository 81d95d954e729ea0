/**
 * Harness for the `casepact sync` / `casepact serve` integration tests (test/integration/cli-*):
 * every party is a CASEPACT_HOME driven by the real CLI (`bin/casepact.mjs`) in its own process,
 * peers meet over real WebRTC (node-datachannel) on 127.0.0.1 through our signaling server.
 * Every child started here is tracked and killed by {@link killAllChildren}.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PASSPHRASE = 'correct horse battery staple';

const children = new Set<ChildProcessWithoutNullStreams>();

export interface Run {
  readonly code: number | null;
  readonly stdout: string[];
  readonly stderr: string;
}

export function tempBase(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function track(child: ChildProcessWithoutNullStreams): ChildProcessWithoutNullStreams {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function envFor(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, CASEPACT_HOME: home, CASEPACT_PASSPHRASE: PASSPHRASE, ...extra };
}

/**
 * Runs `casepact ARGS` in HOME. `doneWhen`: a command that has printed what it had to (e.g.
 * join's case id) is given 3 s to exit by itself, then killed; join keeps Node alive through
 * y-webrtc's BroadcastChannel (docs/sync-cli.md "Known issues").
 */
export function casepact(
  home: string,
  args: readonly string[],
  options: { timeoutMs?: number; doneWhen?: (stdout: string) => boolean; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = track(
      spawn(process.execPath, ['bin/casepact.mjs', ...args], { cwd: ROOT, env: envFor(home, options.env) }),
    );
    let stdout = '';
    let stderr = '';
    let lingering: ReturnType<typeof setTimeout> | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (!lingering && options.doneWhen?.(stdout)) {
        lingering = setTimeout(() => child.kill('SIGKILL'), 3000);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (lingering) clearTimeout(lingering);
      const done = options.doneWhen?.(stdout) ?? false;
      resolve({ code: done && code === null ? 0 : code, stdout: stdout.trim().split('\n'), stderr });
    });
  });
}

/** Runs a command and fails with its stderr unless it exits 0. */
export async function ok(home: string, ...args: string[]): Promise<string[]> {
  const run = await casepact(home, args);
  if (run.code !== 0) throw new Error(`casepact ${args.join(' ')} exited ${run.code}: ${run.stderr.trim()}`);
  return run.stdout;
}

/** What `casepact show --json` prints. */
export interface ShowJson {
  readonly caseId: string;
  readonly actions: readonly { id: string; title: string }[];
  readonly messages: readonly { text: string; author: string }[];
  readonly agreements: { readonly currentTermsHash: string };
  readonly parties: readonly { members: readonly { displayName: string; status: string }[] }[];
  readonly verification: {
    readonly changes: number;
    readonly refused: readonly { reason: string; detail: string; author: string | null }[];
    readonly waiting: readonly { reason: string; author: string }[];
    readonly forks: readonly unknown[];
  };
}

export async function show(home: string, caseId: string): Promise<ShowJson> {
  return JSON.parse((await ok(home, 'show', caseId, '--json')).join('\n')) as ShowJson;
}

/** The facts two converged copies must share. */
export function digest(view: ShowJson): {
  terms: string;
  actions: string[];
  messages: string[];
  changes: number;
} {
  return {
    terms: view.agreements.currentTermsHash,
    actions: view.actions.map((a) => a.title).sort(),
    messages: view.messages.map((m) => m.text).sort(),
    changes: view.verification.changes,
  };
}

/** `casepact sync CASE --json` summary. */
export interface SyncJson {
  readonly end: 'idle' | 'no-peer' | 'timeout';
  readonly peersMet: number;
  readonly received: { readonly changes: number };
  readonly rejected: readonly { reason: string; author: string | null }[];
  readonly saved: number;
}

export async function sync(
  home: string,
  caseId: string,
  signal: string,
  ...extra: string[]
): Promise<SyncJson> {
  const lines = await ok(home, 'sync', caseId, '--signal', signal, '--bind', '127.0.0.1', '--json', ...extra);
  return JSON.parse(lines.at(-1) as string) as SyncJson;
}

/** A long-running child printing JSON lines (`casepact serve --json`, test peers). */
export class JsonChild {
  readonly lines: Record<string, unknown>[] = [];
  stderr = '';
  readonly child: ChildProcessWithoutNullStreams;

  constructor(args: readonly string[], env: NodeJS.ProcessEnv) {
    this.child = track(spawn(process.execPath, args, { cwd: ROOT, env }));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      try {
        this.lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        this.lines.push({ type: 'text', line });
      }
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
  }

  /** `casepact serve --json` in HOME. */
  static serve(home: string, signal: string, ...extra: string[]): JsonChild {
    return new JsonChild(
      [
        'bin/casepact.mjs',
        'serve',
        '--signal',
        signal,
        '--bind',
        '127.0.0.1',
        '--json',
        '--scan',
        '0.5',
        ...extra,
      ],
      envFor(home),
    );
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async until(
    test: (line: Record<string, unknown>) => boolean,
    ms = 30_000,
    from = 0,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const found = this.lines.slice(from).find(test);
      if (found) return found;
      if (this.exited) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `timed out (${ms} ms) waiting for a line; stderr: ${this.stderr.slice(-500)}; saw: ${JSON.stringify(this.lines.slice(-8))}`,
    );
  }

  /** SIGTERM (or another signal), then the exit code; SIGKILL after 10 s. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.exited) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  async kill9(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

/** Kills every child process still running (afterAll). */
export async function killAllChildren(): Promise<void> {
  const waits = [...children].map(
    (child) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
        child.once('exit', resolve);
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(waits);
}

/** Creates an identity in each home (in parallel). */
export async function identities(homes: Readonly<Record<string, string>>, org = 'Org'): Promise<void> {
  await Promise.all(
    Object.entries(homes).map(([name, home]) =>
      ok(home, 'id', 'new', '--name', name, '--org', `${name} ${org}`),
    ),
  );
}

/**
 * The founder's home starts a case; each joiner joins by invite link while the founder's
 * `serve` keeps the case online (the real flow). Returns the case id.
 */
export async function caseWithMembers(
  founder: string,
  joiners: readonly { home: string; role: string; party: string }[],
  signal: string,
  title = 'Laptop does not boot after the firmware update',
): Promise<string> {
  const caseId = (await ok(founder, 'case', 'new', '--title', title)).at(-1) as string;
  const serve = JsonChild.serve(founder, signal);
  try {
    await serve.until((line) => line.type === 'online');
    for (const joiner of joiners) {
      const link = (await ok(founder, 'invite', caseId, '--role', joiner.role, '--party', joiner.party)).at(
        -1,
      ) as string;
      const joined = await casepact(
        joiner.home,
        ['join', link, '--signal', signal, '--bind', '127.0.0.1', '--timeout', '60'],
        {
          doneWhen: (out) => out.includes(caseId),
        },
      );
      if (joined.code !== 0) throw new Error(`join failed (${joined.code}): ${joined.stderr}`);
    }
    // The founder's store has every join once serve saved it.
    await serve.until(
      (line) => line.type === 'saved' && (line.total as number) >= 1 + joiners.length * 2,
      20_000,
    );
  } finally {
    await serve.stop();
  }
  return caseId;
}
