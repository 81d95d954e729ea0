import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { PeerCommand, PeerEvent } from './peer-protocol';
import type { PeerArgs } from './peer-args';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HARNESS = 'cli/peer/peer-process.ts';

/** How to start one harness process. */
export interface PeerSpec {
  readonly name: string;
  readonly signalUrl: string;
  readonly caseKeyHex: string;
  readonly mode?: PeerArgs['mode'];
  /** signed mode, reader: the founder's case genesis (from its `ready` event). */
  readonly genesis?: unknown;
  readonly stateFile?: string;
  readonly connect?: boolean;
  readonly identitySeedHex?: string;
}

type StateEvent = Extract<PeerEvent, { type: 'state' }>;
const running = new Set<PeerProcess>();

/**
 * One peer harness (cli/peer/peer-process.ts) in its own process, bound to 127.0.0.1, for
 * multi-process tests and benchmarks. Every wait is bounded; {@link killAllPeers} (afterAll,
 * or a bench's finally) makes sure no child outlives its driver.
 */
export class PeerProcess {
  readonly events: PeerEvent[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;
  private waiters: (() => void)[] = [];

  private constructor(readonly spec: PeerSpec) {
    const args = [
      '--import',
      'tsx',
      HARNESS,
      '--name',
      spec.name,
      '--signal',
      spec.signalUrl,
      '--bind',
      '127.0.0.1',
    ];
    if (spec.mode) args.push('--mode', spec.mode);
    if (spec.stateFile) args.push('--state', spec.stateFile);
    if (spec.connect === false) args.push('--no-connect');
    this.child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        CASEPACT_PEER_CASE_KEY: spec.caseKeyHex,
        ...(spec.identitySeedHex ? { CASEPACT_PEER_IDENTITY_SEED: spec.identitySeedHex } : {}),
        ...(spec.genesis ? { CASEPACT_PEER_GENESIS: JSON.stringify(spec.genesis) } : {}),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.add(this);
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      try {
        this.events.push(JSON.parse(line) as PeerEvent);
      } catch {
        this.stderr.push(`non-JSON stdout: ${line}`);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    createInterface({ input: this.child.stderr }).on('line', (line) => this.stderr.push(line));
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code) => {
        running.delete(this);
        for (const wake of this.waiters.splice(0)) wake();
        resolve(code);
      });
    });
  }

  /** Starts a harness and waits for its `ready` line. */
  static async start(spec: PeerSpec): Promise<PeerProcess> {
    const peer = new PeerProcess(spec);
    await peer.waitFor((event) => event.type === 'ready', 15_000, 'ready');
    return peer;
  }

  /** The case genesis a signed-mode founder announced in its `ready` event. */
  genesis(): unknown {
    const ready = this.events.find((event) => event.type === 'ready');
    return ready?.type === 'ready' ? ready.genesis : undefined;
  }

  send(command: PeerCommand): void {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** Resolves with the first event from index `since` on that matches; rejects after `timeoutMs`. */
  waitFor(
    predicate: (event: PeerEvent) => boolean,
    timeoutMs: number,
    label: string,
    since = 0,
  ): Promise<PeerEvent> {
    return new Promise((resolve, reject) => {
      let checked = since;
      const timer = setTimeout(() => {
        reject(new Error(`${this.spec.name}: timed out waiting for ${label}; ${this.diagnostics()}`));
      }, timeoutMs);
      const check = () => {
        for (; checked < this.events.length; checked++) {
          const event = this.events[checked];
          if (event && predicate(event)) {
            clearTimeout(timer);
            resolve(event);
            return;
          }
        }
        if (this.child.exitCode !== null) {
          clearTimeout(timer);
          reject(
            new Error(
              `${this.spec.name}: exited while waiting for ${label}; stderr: ${this.stderr.join(' | ')}`,
            ),
          );
          return;
        }
        this.waiters.push(check);
      };
      check();
    });
  }

  /** Last events and stderr lines (all of stderr with CASEPACT_TEST_DEBUG=1, e.g. with LOG=y-webrtc). */
  diagnostics(): string {
    const events = this.events.slice(-3).map((event) => JSON.stringify(event));
    const stderr = process.env.CASEPACT_TEST_DEBUG ? this.stderr : this.stderr.slice(-5);
    return `last events: ${events.join(' ')}; stderr: ${stderr.join('\n')}`;
  }

  /** Asks for and returns the peer's current log summary. */
  async state(): Promise<StateEvent> {
    const mark = this.events.length;
    this.send({ cmd: 'state' });
    return (await this.waitFor((event) => event.type === 'state', 10_000, 'state', mark)) as StateEvent;
  }

  /** Sends `exit` (the harness saves its state file) and waits; SIGKILL after 5 s. */
  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.send({ cmd: 'exit' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** Kills every harness still running (afterAll / afterEach). */
export async function killAllPeers(): Promise<void> {
  const all = [...running];
  for (const peer of all) peer.kill();
  await Promise.all(all.map((peer) => peer.exited));
}

/** Polls every peer's state until `done` holds for all of them, or fails after `timeoutMs`. */
export async function waitForStates(
  peers: readonly PeerProcess[],
  done: (states: StateEvent[]) => boolean,
  timeoutMs: number,
  label: string,
): Promise<StateEvent[]> {
  const deadline = Date.now() + timeoutMs;
  let last: StateEvent[] = [];
  while (Date.now() < deadline) {
    last = await Promise.all(peers.map((peer) => peer.state()));
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  const summary = last.map(
    (s, i) =>
      `${peers[i]?.spec.name}: ${s.count} ${s.state}/${s.peers} ${s.digest.slice(0, 8)} rejected ${s.rejected} ${JSON.stringify(s.facts)}`,
  );
  const details = process.env.CASEPACT_TEST_DEBUG
    ? peers.map((peer) => `\n${peer.spec.name}: ${peer.diagnostics()}`).join('')
    : '';
  throw new Error(`timed out waiting for ${label}: ${summary.join(', ')}${details}`);
}

/** True when every peer holds `count` entries with the same digest and rejected nothing. */
export function converged(count: number): (states: StateEvent[]) => boolean {
  return (states) =>
    states.every((s) => s.count === count && s.rejected === 0 && s.digest === states[0]?.digest);
}
