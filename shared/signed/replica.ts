import * as Y from 'yjs';
import type { CommandContext } from '../contract/context';
import { roots } from '../contract/schema';
import { randomBytes } from '../crypto/random';
import { equalBytes, toBase64Url } from '../identity/bytes';
import type { Identity } from '../identity/identity';
import type { CaseKeyring } from './case-key';
import type { Envelope } from './envelope';
import type { CaseGenesis } from './genesis';
import { verifiedInviteJoin } from './invite-hook';
import { openLogEntry, sealLogEntry } from './log-entry';
import type { AppliedChange, ForkEvidence, IngestReport, QuarantineEntry, WaitingEntry } from './pipeline';
import { VerificationPipeline } from './pipeline';
import { ingestRemovalsFirst } from './rotation-check';
import { LocalSigner } from './signer';

/**
 * One case on one device: the contract document (what the UI shows, written only through the
 * pipeline or signed local commands) and the log document (sealed envelopes keyed by hash: what
 * the sync layer replicates). Issue 5 connects `log` to y-webrtc / y-indexeddb; this object
 * notices remote entries by itself and verifies them before anything reaches `contract`.
 */

/** Name of the Y.Map in the log document. */
export const LOG_MAP = 'envelopes';

/** Origin of the replica's own writes to the log document. */
export const REPLICA_LOG_ORIGIN: { readonly source: 'casepact/replica' } = { source: 'casepact/replica' };

export interface CaseReplicaOptions {
  readonly genesis: CaseGenesis;
  readonly keyring: CaseKeyring;
  /** Without an identity the replica is read-only (verify, relay). */
  readonly identity?: Identity;
  /** An existing log document (restored from storage or being synced); replayed at once. */
  readonly log?: Y.Doc;
  readonly now?: () => number;
  readonly newId?: () => string;
  /** Decides 'invited-self' joins; default verifiedInviteJoin (invite-hook.ts). */
  readonly invitedSelf?: (envelope: Envelope, doc: Y.Doc) => boolean;
  readonly coalesceMs?: number;
  readonly maxDelayMs?: number;
}

export interface ReplicaEvent {
  readonly applied: readonly AppliedChange[];
  readonly quarantined: readonly QuarantineEntry[];
  readonly waiting: number;
}

export interface ReplicaQuarantine {
  readonly refused: readonly QuarantineEntry[];
  readonly waiting: readonly WaitingEntry[];
  readonly forks: readonly ForkEvidence[];
}

function randomId(): string {
  return toBase64Url(randomBytes(16));
}

export class CaseReplica {
  readonly caseId: string;
  readonly genesis: CaseGenesis;
  readonly contract: Y.Doc;
  readonly log: Y.Doc;
  readonly keyring: CaseKeyring;
  readonly identity: Identity | undefined;
  private readonly pipeline: VerificationPipeline;
  private readonly signer: LocalSigner | undefined;
  private readonly entries: Y.Map<Uint8Array>;
  private readonly listeners = new Set<(event: ReplicaEvent) => void>();
  private readonly entryListeners = new Set<(key: string, sealed: Uint8Array) => void>();
  /** Sealed bytes of every entry this replica accepted or wrote, to restore them if a peer tampers. */
  private readonly good = new Map<string, Uint8Array>();
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly observer: (event: Y.YMapEvent<Uint8Array>) => void;

  constructor(options: CaseReplicaOptions) {
    this.genesis = options.genesis;
    this.caseId = options.genesis.caseId;
    this.keyring = options.keyring;
    this.identity = options.identity;
    this.now = options.now ?? (() => Date.now());
    this.newId = options.newId ?? randomId;
    // gc off: the pipeline resolves the path of every item an update refers to, deleted ones too.
    this.contract = new Y.Doc({ gc: false });
    roots(this.contract);
    this.log = options.log ?? new Y.Doc();
    this.entries = this.log.getMap<Uint8Array>(LOG_MAP);
    this.pipeline = new VerificationPipeline({
      genesis: options.genesis,
      doc: this.contract,
      now: this.now,
      invitedSelf: options.invitedSelf ?? verifiedInviteJoin,
    });
    if (options.identity) {
      this.signer = new LocalSigner({
        identity: options.identity,
        caseId: this.caseId,
        doc: this.contract,
        pipeline: this.pipeline,
        now: this.now,
        onEnvelope: (envelope) => this.publish(envelope),
        ...(options.coalesceMs !== undefined ? { coalesceMs: options.coalesceMs } : {}),
        ...(options.maxDelayMs !== undefined ? { maxDelayMs: options.maxDelayMs } : {}),
      });
    }
    this.observer = (event) => {
      if (event.transaction.origin === REPLICA_LOG_ORIGIN) return;
      const keys = [...event.keysChanged];
      this.heal(keys);
      this.ingestLogEntries(keys);
    };
    this.entries.observe(this.observer);
    if (this.entries.size > 0) this.ingestLogEntries();
  }

  /**
   * Verifies entries of the log document and applies what passes. Called automatically when the
   * log document changes; call it directly after loading entries in bulk without observers.
   */
  ingestLogEntries(keys?: Iterable<string>): IngestReport {
    const batch: { key: string; envelope: Uint8Array }[] = [];
    const refused: QuarantineEntry[] = [];
    for (const key of keys ?? this.entries.keys()) {
      if (this.pipeline.knows(key)) continue;
      const sealed = this.entries.get(key);
      if (sealed === undefined) continue;
      const opened = openLogEntry(this.keyring, this.caseId, key, sealed);
      if (!opened.ok) {
        refused.push(this.pipeline.refuseEntry(key, 'entry-unreadable', opened.error.message));
        continue;
      }
      batch.push({ key, envelope: opened.value });
    }
    // A removal in the batch is applied before the removed member's later changes (rotation-check.ts).
    const report = ingestRemovalsFirst(this.pipeline, batch);
    for (const change of report.applied) {
      const sealed = this.entries.get(change.key);
      if (sealed) this.good.set(change.key, sealed);
    }
    const full = { ...report, quarantined: [...refused, ...report.quarantined] };
    if (full.applied.length > 0 || full.quarantined.length > 0) {
      this.emit({ applied: full.applied, quarantined: full.quarantined, waiting: report.waiting.length });
    }
    return full;
  }

  /** A command context for this replica's identity (throws for a read-only replica). */
  context(): CommandContext {
    if (!this.identity) throw new Error('this replica has no identity: it cannot write');
    return { doc: this.contract, actor: this.identity.id, now: this.now, newId: this.newId };
  }

  /**
   * Runs a local command (any shared/contract command) and signs its update at once. Returns the
   * command's own result; refused commands change nothing and sign nothing.
   */
  run<T>(command: (ctx: CommandContext) => T, ctx: CommandContext = this.context()): T {
    const result = command(ctx);
    this.signer?.flush();
    return result;
  }

  /** Signs buffered typing now (e.g. before export or shutdown). */
  flush(): void {
    this.signer?.flush();
  }

  /** Refused entries, entries still waiting, and fork evidence. */
  quarantine(): ReplicaQuarantine {
    return {
      refused: this.pipeline.quarantine(),
      waiting: this.pipeline.waiting(),
      forks: this.pipeline.forks(),
    };
  }

  /** Applied changes in application order. */
  applied(): readonly AppliedChange[] {
    return this.pipeline.applied();
  }

  /** The applied envelopes in application order (what a signed copy holds). */
  appliedEnvelopes(): readonly Envelope[] {
    return this.pipeline.appliedEnvelopes();
  }

  /** Called after every batch that applied or refused something (remote or replayed). */
  onChange(listener: (event: ReplicaEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called for every entry this replica writes to the log (its own signed changes): persist them. */
  onLocalEntry(listener: (key: string, sealed: Uint8Array) => void): () => void {
    this.entryListeners.add(listener);
    return () => this.entryListeners.delete(listener);
  }

  destroy(): void {
    this.signer?.destroy();
    this.entries.unobserve(this.observer);
    this.listeners.clear();
    this.entryListeners.clear();
  }

  private publish(envelope: Envelope): void {
    const sealed = sealLogEntry(this.keyring, this.caseId, envelope.hashHex, envelope.bytes);
    this.good.set(envelope.hashHex, sealed);
    this.log.transact(() => this.entries.set(envelope.hashHex, sealed), REPLICA_LOG_ORIGIN);
    for (const listener of this.entryListeners) listener(envelope.hashHex, sealed);
    // A local change (e.g. adding a member) may unblock waiting envelopes: retry them, outside the
    // contract document's update event this runs in.
    if (this.pipeline.hasPending()) queueMicrotask(() => this.ingestLogEntries([]));
  }

  /**
   * The log map is writable by anyone holding the case key: a peer could delete or overwrite an
   * entry. Entries are content-addressed, so the honest bytes are known; put them back.
   */
  private heal(keys: readonly string[]): void {
    const restore: [string, Uint8Array][] = [];
    for (const key of keys) {
      const good = this.good.get(key);
      const current = this.entries.get(key);
      if (good && !(current instanceof Uint8Array && equalBytes(current, good))) restore.push([key, good]);
    }
    if (restore.length === 0) return;
    // Not inside the observer's transaction: Yjs forbids nested writes from observers of remote updates.
    queueMicrotask(() => {
      this.log.transact(() => {
        for (const [key, bytes] of restore) this.entries.set(key, bytes);
      }, REPLICA_LOG_ORIGIN);
    });
  }

  private emit(event: ReplicaEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
