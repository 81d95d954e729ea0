import { statSync } from 'node:fs';
import { join } from 'node:path';
import { selectParties } from '../../shared/contract/index';
import type { Identity } from '../../shared/identity/identity';
import type { AppliedChange, QuarantineEntry } from '../../shared/signed/pipeline';
import { CaseReplica, LOG_MAP } from '../../shared/signed/replica';

export { DISK_ORIGIN } from './log-document';
import type { SyncStatus } from '../../shared/sync/sync-status';
import type { WebrtcCaseTransport, WebrtcPeerOptions } from '../../shared/sync/webrtc-transport';
import { createWebrtcTransport } from '../../shared/sync/webrtc-transport';
import { CliError } from '../command';
import { CaseStore, caseDir } from '../store/case-store';
import type { DurableLog } from './durable-log';
import { DISK_ORIGIN, openLogDocument } from './log-document';
import { saveSyncState } from './sync-state';
import { ExchangeWatch } from './exchange-watch';
import { unrefBroadcastChannels } from './node-exit';

/**
 * A stored case online (what `casepact sync` and `casepact serve` run, one per case): the case
 * replayed and verified from disk into a read-only replica, its log document on y-webrtc, and a
 * {@link DurableLog} that writes every entry peers send to disk (fsynced) and feeds entries other
 * processes of this home append to the peers. It never signs anything itself (no identity in the
 * replica): the one-shot commands author changes, so a running peer cannot fork their sequence.
 */

export type CasePeerEvent =
  | {
      readonly type: 'applied';
      readonly caseId: string;
      readonly changes: readonly AppliedChange[];
      readonly source: 'peer' | 'disk';
    }
  | { readonly type: 'refused'; readonly caseId: string; readonly entries: readonly QuarantineEntry[] }
  | {
      readonly type: 'saved';
      readonly caseId: string;
      readonly count: number;
      /** Distinct entries in the file now. */
      readonly total: number;
      /** Entry keys just fsynced. */
      readonly keys: readonly string[];
    }
  | { readonly type: 'unstorable'; readonly caseId: string; readonly count: number }
  | { readonly type: 'status'; readonly caseId: string; readonly status: SyncStatus }
  | { readonly type: 'error'; readonly caseId: string; readonly message: string };

export type CasePeerError =
  | { readonly code: 'case-unreadable'; readonly message: string }
  | { readonly code: 'lock-busy'; readonly message: string }
  | { readonly code: 'transport'; readonly message: string };

export interface CasePeerOptions {
  readonly home: string;
  readonly caseId: string;
  /** Opens the stored case keys; never used to sign. */
  readonly identity: Identity;
  readonly signalingUrls: readonly string[];
  readonly peerOpts: WebrtcPeerOptions;
  /** How often log.bin is checked for other processes' appends (ms, default 200). */
  readonly pollMs?: number;
  /** How often a long-running peer saves the log document's Yjs state (ms, default 30 s). */
  readonly stateEveryMs?: number;
  readonly onEvent?: (event: CasePeerEvent) => void;
}

/** What came in since the peer opened. */
export interface CasePeerTally {
  /** Changes applied that peers sent (not those read back from this home's disk). */
  readonly fromPeers: readonly AppliedChange[];
  /** Changes other processes of this home wrote while the peer ran (then sent to peers). */
  readonly fromDisk: number;
  readonly refused: readonly QuarantineEntry[];
  /** Entries waiting (sequence gap, missing dependency) now. */
  readonly waiting: number;
  /** Entries written to disk for peers. */
  readonly saved: number;
}

export class CasePeer {
  readonly caseId: string;
  readonly watch: ExchangeWatch;
  private readonly fromPeers: AppliedChange[] = [];
  private readonly refused: QuarantineEntry[] = [];
  private fromDisk = 0;
  private saved = 0;
  private readingDisk = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pollTimer: ReturnType<typeof setInterval>;
  private closed = false;
  private readonly logPath: string;
  private readonly dir: string;
  /** The log document changed since the sync state was last saved. */
  private stateDirty = true;
  private stateSavedAt = Date.now();

  private constructor(
    private readonly options: CasePeerOptions,
    readonly replica: CaseReplica,
    private readonly durable: DurableLog,
    readonly transport: WebrtcCaseTransport,
  ) {
    this.caseId = replica.caseId;
    this.dir = caseDir(options.home, replica.caseId);
    this.logPath = join(this.dir, 'log.bin');
    this.watch = new ExchangeWatch(transport);
    replica.onChange((event) => {
      if (event.applied.length > 0) {
        const source = this.readingDisk ? 'disk' : 'peer';
        if (source === 'peer') this.fromPeers.push(...event.applied);
        else this.fromDisk += event.applied.length;
        this.emit({ type: 'applied', caseId: this.caseId, changes: event.applied, source });
      }
      if (event.quarantined.length > 0) {
        this.refused.push(...event.quarantined);
        this.emit({ type: 'refused', caseId: this.caseId, entries: event.quarantined });
      }
    });
    replica.log.on('update', this.onLogUpdate);
    transport.onStatus((status) => this.emit({ type: 'status', caseId: this.caseId, status }));
    this.pollTimer = setInterval(this.poll, options.pollMs ?? 200);
  }

  /** Opens the stored case and its transport (not yet connected: call {@link start}). */
  static open(options: CasePeerOptions): { ok: true; peer: CasePeer } | { ok: false; error: CasePeerError } {
    unrefBroadcastChannels();
    let store: CaseStore;
    let keyring: ReturnType<CaseStore['keyring']>;
    try {
      store = CaseStore.open(options.home, options.caseId);
      keyring = store.keyring(options.identity);
    } catch (error) {
      const message = error instanceof CliError ? error.message : 'the case cannot be opened';
      return { ok: false, error: { code: 'case-unreadable', message } };
    }
    const opened = openLogDocument(store.dir);
    if (!opened.ok) return { ok: false, error: { code: 'lock-busy', message: opened.error.message } };
    const { log, durable } = opened;
    // No identity: this replica verifies and relays, it never signs (see the class comment).
    const replica = new CaseReplica({ genesis: store.meta.genesis, keyring, log });
    const transport = createWebrtcTransport({
      doc: log,
      caseKey: keyring.current.key,
      signalingUrls: options.signalingUrls,
      peerOpts: options.peerOpts,
      broadcastChannel: false,
    });
    if (!transport.ok) {
      durable.close();
      replica.destroy();
      return { ok: false, error: { code: 'transport', message: transport.error.message } };
    }
    return { ok: true, peer: new CasePeer(options, replica, durable, transport.value) };
  }

  /** Starts looking for peers. */
  start(): void {
    this.transport.connect();
    this.watch.attach();
  }

  /** What came in since the peer opened. */
  tally(): CasePeerTally {
    return {
      fromPeers: [...this.fromPeers],
      fromDisk: this.fromDisk,
      refused: [...this.refused],
      waiting: this.replica.quarantine().waiting.length,
      saved: this.saved,
    };
  }

  /** Display names of the case's members, for reports. */
  names(): ReadonlyMap<string, string> {
    return new Map<string, string>(
      selectParties(this.replica.contract).flatMap((p) =>
        p.members.map((m) => [m.id, m.displayName] as const),
      ),
    );
  }

  /**
   * Whether the exchange is over: at least one peer exchanged with us, every connected peer has,
   * nothing arrived for `quietMs`, nothing waits to be written, nothing waits to be sent.
   */
  idle(quietMs: number, now = Date.now()): { idle: boolean; connected: number; exchanged: boolean } {
    const seen = this.watch.poll(quietMs);
    const idle =
      this.watch.exchanged &&
      seen.pending === 0 &&
      seen.drained &&
      !this.durable.dirty &&
      this.flushTimer === null &&
      now - this.watch.lastActivity >= quietMs;
    return { idle, connected: seen.connected, exchanged: this.watch.exchanged };
  }

  /**
   * Writes what waits and reads what others appended, waiting up to `waitMs` for the lock.
   * Returns false when the lock stayed busy (the caller retries; nothing is lost meanwhile).
   */
  flush(waitMs = 0): boolean {
    if (this.closed) return true;
    const outcome = this.durable.sync(waitMs);
    if (!outcome.ok) return false;
    const { incoming, saved, unstorable } = outcome.value;
    if (saved.length > 0) {
      this.saved += saved.length;
      this.emit({
        type: 'saved',
        caseId: this.caseId,
        count: saved.length,
        total: this.durable.size,
        keys: saved,
      });
    }
    if (unstorable.length > 0)
      this.emit({ type: 'unstorable', caseId: this.caseId, count: unstorable.length });
    if (incoming.length > 0) {
      // Written by a command of this home while we run: into the log document, hence to peers.
      const entries = this.replica.log.getMap<Uint8Array>(LOG_MAP);
      this.readingDisk = true;
      try {
        this.replica.log.transact(() => {
          for (const record of incoming) entries.set(record.key, record.sealed);
        }, DISK_ORIGIN);
      } finally {
        this.readingDisk = false;
      }
      this.watch.touch();
    }
    return true;
  }

  /**
   * Saves the log document's Yjs state (sync-state.ts) when it changed since the last save.
   * Only after a successful flush: the state never runs ahead of log.bin.
   */
  saveState(): void {
    if (this.closed || !this.stateDirty || this.durable.dirty) return;
    try {
      saveSyncState(this.dir, this.replica.log);
      this.stateDirty = false;
    } catch (error) {
      // A cache: log.bin has everything; say so and carry on.
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      this.emit({ type: 'error', caseId: this.caseId, message: `could not save the sync state (${code})` });
    }
  }

  /** Flushes (waiting for the lock up to 10 s), saves the sync state, leaves the room, releases. */
  close(): { flushed: boolean } {
    if (this.closed) return { flushed: true };
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    clearInterval(this.pollTimer);
    const flushed = this.flush(10_000);
    if (flushed) this.saveState();
    this.closed = true;
    this.replica.log.off('update', this.onLogUpdate);
    this.watch.detach();
    this.transport.destroy();
    this.durable.close();
    this.replica.destroy();
    return { flushed };
  }

  private readonly onLogUpdate = (_update: Uint8Array, origin: unknown): void => {
    this.stateDirty = true;
    if (origin === DISK_ORIGIN || this.closed) return;
    this.watch.touch();
    this.scheduleFlush(0);
  };

  private scheduleFlush(delayMs: number): void {
    if (this.flushTimer !== null || this.closed) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      if (!this.flush(0)) this.scheduleFlush(20);
    }, delayMs);
  }

  /** Checks log.bin for appends by other processes; cheap (a stat) when nothing changed. */
  private readonly poll = (): void => {
    if (this.closed || this.flushTimer !== null) return;
    if (this.stateDirty && Date.now() - this.stateSavedAt >= (this.options.stateEveryMs ?? 30_000)) {
      this.stateSavedAt = Date.now();
      this.saveState();
    }
    let size = 0;
    try {
      size = statSync(this.logPath).size;
    } catch {
      return;
    }
    if (size !== this.durable.offset || this.durable.dirty) this.scheduleFlush(0);
  };

  private emit(event: CasePeerEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A failing reporter must not stop the peer.
    }
  }
}
