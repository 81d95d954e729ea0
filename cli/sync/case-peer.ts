import { statSync } from 'node:fs';
import { join } from 'node:path';
import { selectContract, selectParties } from '../../shared/contract/index';
import { webrtcRooms } from '../../shared/membership/case-rooms';
import { adoptKeys, epochsOf, standingOf } from '../../shared/membership/key-adoption';
import { sealedKeyIdOf } from '../../shared/membership/old-rooms';
import type { AppliedChange, QuarantineEntry } from '../../shared/signed/pipeline';
import { CaseReplica, LOG_MAP } from '../../shared/signed/replica';
import { ed25519 } from '../../shared/crypto/ed25519';
import { PRESENCE_RENEW_MS, publishPresence } from '../../shared/sync/presence';
import { deriveRoomSecrets } from '../../shared/sync/room-derivation';
import type { WebrtcCaseTransport } from '../../shared/sync/webrtc-transport';
import { isSignalingUrl } from '../../shared/sync/webrtc-transport';
import { CliError } from '../command';
import { CaseStore, caseDir } from '../store/case-store';
import type { LogRecord } from '../store/log-file';
import type {
  CasePeerError,
  CasePeerEvent,
  CasePeerOptions,
  CasePeerTally,
  NoLongerMember,
} from './case-peer-events';
import type { DurableLog } from './durable-log';
import type { ExchangeWatch } from './exchange-watch';
import { DISK_ORIGIN, openLogDocument } from './log-document';
import { unrefBroadcastChannels } from './node-exit';
import { PeerRooms } from './peer-rooms';
import { saveSyncState } from './sync-state';

export { DISK_ORIGIN } from './log-document';
export type { CasePeerError, CasePeerEvent, CasePeerOptions, CasePeerTally } from './case-peer-events';

/**
 * A stored case online (what `casepact sync` and `casepact serve` run, one per case): the case
 * replayed and verified from disk into a read-only replica, its log document on y-webrtc, and a
 * {@link DurableLog} that writes every entry peers send to disk (fsynced) and feeds entries other
 * processes of this home append to the peers. It never signs anything itself (no identity in the
 * replica): the one-shot commands author changes, so a running peer cannot fork their sequence.
 *
 * It follows key rotations like the app (docs/invite-link.md §3): after every batch it adopts the
 * keys this identity can open (its box in a rotation, key histories), stores them, replays the
 * log when entries unreadable before can now be opened (the replica is replaced), moves the log
 * to the room of the key in force and keeps every older key's room open with a mirror
 * ({@link PeerRooms}). Once this identity is no longer a member it leaves every room after the
 * exchange in progress (`removed`, then `retired`).
 */
export class CasePeer {
  readonly caseId: string;
  private current: CaseReplica;
  private unwatchReplica: () => void;
  private readonly rooms: PeerRooms;
  private readonly fromPeers: AppliedChange[] = [];
  private refused: QuarantineEntry[] = [];
  /** Refused during the last batch; reported once keys were adopted (they may open them). */
  private unreported: QuarantineEntry[] = [];
  /** Keys of entries this peer read from this home's log.bin (changes made here, not received). */
  private readonly fromHome = new Set<string>();
  private fromDisk = 0;
  private saved = 0;
  private readingDisk = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pollTimer: ReturnType<typeof setInterval>;
  private readonly presenceTimer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private started = false;
  private adoptQueued = false;
  private keysUnsaved = false;
  private rotated = false;
  private noLongerMember: NoLongerMember | null = null;
  private retired = false;
  private readonly logPath: string;
  private readonly dir: string;
  /** The log document changed since the sync state was last saved. */
  private stateDirty = true;
  private stateSavedAt = Date.now();

  private constructor(
    private readonly options: CasePeerOptions,
    private readonly store: CaseStore,
    replica: CaseReplica,
    private readonly durable: DurableLog,
  ) {
    this.caseId = replica.caseId;
    this.current = replica;
    this.dir = caseDir(options.home, replica.caseId);
    this.logPath = join(this.dir, 'log.bin');
    const open = webrtcRooms(options.signalingUrls, { peerOpts: options.peerOpts, broadcastChannel: false });
    if (!open) throw new Error('CasePeer needs a signaling server');
    this.rooms = new PeerRooms(replica.log, open, {
      status: (status) => {
        this.announce();
        this.emit({ type: 'status', caseId: this.caseId, status });
      },
      moved: (keyId, transport) => {
        this.rotated = true;
        const epoch = epochsOf(this.current).get(keyId) ?? 0;
        this.emit({ type: 'rotated', caseId: this.caseId, epoch, room: transport?.roomName ?? '' });
      },
      mirrored: (key, mirror, transport) =>
        this.emit({
          type: 'old-room',
          caseId: this.caseId,
          epoch: epochsOf(this.current).get(key.keyId) ?? 0,
          room: transport?.roomName ?? '',
          carries: mirror.size,
        }),
    });
    this.unwatchReplica = this.watchReplica(replica);
    replica.log.on('update', this.onLogUpdate);
    this.pollTimer = setInterval(this.poll, options.pollMs ?? 200);
    if (options.presence) this.presenceTimer = setInterval(() => this.announce(), PRESENCE_RENEW_MS);
  }

  /** Opens the stored case and adopts its stored rotations (not yet connected: call {@link start}). */
  static open(options: CasePeerOptions): { ok: true; peer: CasePeer } | { ok: false; error: CasePeerError } {
    unrefBroadcastChannels();
    if (options.signalingUrls.length === 0 || !options.signalingUrls.every(isSignalingUrl)) {
      return {
        ok: false,
        error: { code: 'transport', message: 'no usable signaling server (ws:// or wss://)' },
      };
    }
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
    const peer = new CasePeer(options, store, replica, durable);
    // Rotations stored while no peer ran: adopt first, so the log goes straight to its room.
    peer.adopt();
    return { ok: true, peer };
  }

  /** The verified replica; replaced when new keys make older entries readable. */
  get replica(): CaseReplica {
    return this.current;
  }

  /** The watch on the log's room (null while the log moves between rooms, or after retiring). */
  get watch(): ExchangeWatch | null {
    return this.rooms.watch;
  }

  /** The log's transport, in the room of the key in force (undefined before start and while moving). */
  get transport(): WebrtcCaseTransport | undefined {
    return this.rooms.transport;
  }

  /** Whether a peer ever completed an exchange with us, in any room of the case. */
  get exchanged(): boolean {
    return this.rooms.exchanged;
  }

  /** The key new entries are sealed with: its epoch, and the room the log syncs in. */
  keyInForce(): { readonly epoch: number; readonly room: string } {
    const current = this.current.keyring.current;
    const secrets = deriveRoomSecrets(current.key);
    return {
      epoch: epochsOf(this.current).get(current.keyId) ?? 0,
      room: secrets.ok ? secrets.value.roomName : '',
    };
  }

  /** Room names open now: the log's, then older keys' (for tests and diagnostics). */
  roomNames(): string[] {
    return this.rooms.roomNames();
  }

  /** Starts looking for peers, in the room of the key in force and every older key's. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.follow();
    if (this.noLongerMember) this.emit({ type: 'removed', caseId: this.caseId, ...this.noLongerMember });
  }

  /** What came in since the peer opened. */
  tally(): CasePeerTally {
    return {
      fromPeers: [...this.fromPeers],
      fromDisk: this.fromDisk,
      refused: [...this.refused],
      waiting: this.current.quarantine().waiting.length,
      saved: this.saved,
      epoch: this.keyInForce().epoch,
      rotated: this.rotated,
      noLongerMember: this.noLongerMember,
    };
  }

  /** Display names of the case's members, for reports. */
  names(): ReadonlyMap<string, string> {
    return new Map<string, string>(
      selectParties(this.current.contract).flatMap((p) =>
        p.members.map((m) => [m.id, m.displayName] as const),
      ),
    );
  }

  /**
   * Whether the exchange is over: at least one peer exchanged with us in the log's room (the
   * current one: a move starts over), every connected peer has, nothing arrived for `quietMs`,
   * nothing waits to be written, nothing waits to be sent. After retiring: once all is written.
   */
  idle(quietMs: number, now = Date.now()): { idle: boolean; connected: number; exchanged: boolean } {
    const settled = !this.durable.dirty && this.flushTimer === null && !this.adoptQueued;
    if (this.retired) return { idle: settled, connected: 0, exchanged: this.exchanged };
    const watch = this.rooms.watch;
    if (!watch) return { idle: false, connected: 0, exchanged: this.exchanged };
    const seen = watch.poll(quietMs);
    const idle =
      watch.exchanged && seen.pending === 0 && seen.drained && settled && now - watch.lastActivity >= quietMs;
    return { idle, connected: seen.connected, exchanged: watch.exchanged };
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
    if (incoming.length > 0) this.takeFromHome(incoming);
    return true;
  }

  /**
   * Saves the log document's Yjs state (sync-state.ts) when it changed since the last save.
   * Only after a successful flush: the state never runs ahead of log.bin.
   */
  saveState(): void {
    if (this.closed || !this.stateDirty || this.durable.dirty) return;
    try {
      saveSyncState(this.dir, this.current.log);
      this.stateDirty = false;
    } catch (error) {
      // A cache: log.bin has everything; say so and carry on.
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      this.emit({ type: 'error', caseId: this.caseId, message: `could not save the sync state (${code})` });
    }
  }

  /** Flushes (waiting for the lock up to 10 s), saves the sync state, leaves the rooms, releases. */
  close(): { flushed: boolean } {
    if (this.closed) return { flushed: true };
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    clearInterval(this.pollTimer);
    clearInterval(this.presenceTimer);
    const flushed = this.flush(10_000);
    if (flushed) this.saveState();
    this.saveKeys();
    this.closed = true;
    this.current.log.off('update', this.onLogUpdate);
    this.rooms.close();
    this.durable.close();
    this.unwatchReplica();
    this.current.destroy();
    return { flushed };
  }

  /**
   * Entries a command of this home appended while we run: into the log document, hence to peers.
   * One sealed with a key newer than the log's room (the key history a `member remove` run here
   * writes) must not reach the old room, where the removed member still is: the room is held
   * until the keys are adopted and the log has moved.
   */
  private takeFromHome(incoming: readonly LogRecord[]): void {
    if (this.started && this.beyondRoom(incoming)) this.rooms.hold();
    const entries = this.current.log.getMap<Uint8Array>(LOG_MAP);
    this.readingDisk = true;
    try {
      this.current.log.transact(() => {
        for (const record of incoming) {
          entries.set(record.key, record.sealed);
          this.fromHome.add(record.key);
        }
      }, DISK_ORIGIN);
    } finally {
      this.readingDisk = false;
    }
    if (this.rooms.held) this.queueAdopt();
    this.rooms.watch?.touch();
  }

  /** Whether a record is sealed with a key the log's room must not carry (newer, or unknown). */
  private beyondRoom(records: readonly LogRecord[]): boolean {
    const room = this.rooms.keyId;
    if (!room) return false;
    const epochs = epochsOf(this.current);
    const roomEpoch = epochs.get(room) ?? 0;
    return records.some((record) => {
      const keyId = sealedKeyIdOf(record.sealed);
      if (!keyId || keyId === room) return false;
      const epoch = epochs.get(keyId);
      return epoch === undefined || epoch > roomEpoch;
    });
  }

  private watchReplica(replica: CaseReplica): () => void {
    return replica.onChange((event) => {
      if (event.applied.length > 0) {
        const source = this.readingDisk ? 'disk' : 'peer';
        this.tallyApplied(event.applied, source);
      }
      if (event.quarantined.length > 0) this.unreported.push(...event.quarantined);
      this.queueAdopt();
    });
  }

  private tallyApplied(changes: readonly AppliedChange[], source: 'peer' | 'disk'): void {
    if (source === 'peer') this.fromPeers.push(...changes);
    else this.fromDisk += changes.length;
    this.emit({ type: 'applied', caseId: this.caseId, changes, source });
  }

  /** After a batch, outside the replica's ingest (the replica may be replaced). */
  private queueAdopt(): void {
    if (this.adoptQueued || this.closed) return;
    this.adoptQueued = true;
    queueMicrotask(() => {
      this.adoptQueued = false;
      if (!this.closed) this.adopt();
    });
  }

  /** Takes in rotations and key histories; stores keys, follows rooms, reports what stays refused. */
  private adopt(): void {
    const adoption = adoptKeys(this.current, this.options.identity, (old) => this.rebuild(old));
    const keysChanged = adoption.added > 0 || adoption.currentChanged;
    if (keysChanged) {
      this.keysUnsaved = true;
      this.saveKeys();
    }
    if (this.started && (keysChanged || this.rooms.held)) this.follow();
    if (this.unreported.length > 0) {
      const still = new Set(this.current.quarantine().refused.map((q) => q.key));
      const refused = this.unreported.filter((q) => still.has(q.key));
      this.unreported = [];
      if (refused.length > 0) {
        this.refused.push(...refused);
        this.emit({ type: 'refused', caseId: this.caseId, entries: refused });
      }
    }
    if (adoption.excluded && !this.noLongerMember) this.noLongerMemberNow();
  }

  /** Replays the log with the keyring as it is now: entries once unreadable are read. */
  private rebuild(old: CaseReplica): CaseReplica {
    const known = new Set(old.applied().map((change) => change.key));
    old.flush();
    this.unwatchReplica();
    old.destroy();
    const next = new CaseReplica({ genesis: this.store.meta.genesis, keyring: old.keyring, log: old.log });
    this.current = next;
    this.unwatchReplica = this.watchReplica(next);
    const still = new Set(next.quarantine().refused.map((q) => q.key));
    this.refused = this.refused.filter((q) => still.has(q.key));
    if (this.started) {
      const opened = next.applied().filter((change) => !known.has(change.key));
      const mine = opened.filter((change) => this.fromHome.has(change.key));
      const theirs = opened.filter((change) => !this.fromHome.has(change.key));
      if (theirs.length > 0) this.tallyApplied(theirs, 'peer');
      if (mine.length > 0) this.tallyApplied(mine, 'disk');
    }
    return next;
  }

  private follow(): void {
    const keyring = this.current.keyring;
    this.rooms.follow(keyring.current, keyring.all(), epochsOf(this.current));
  }

  private saveKeys(): void {
    if (!this.keysUnsaved) return;
    try {
      this.store.saveKeys(this.options.identity, this.current.keyring);
      this.keysUnsaved = false;
    } catch {
      // The case stayed locked: kept in memory, stored on the next poll (or at close).
      this.emit({
        type: 'error',
        caseId: this.caseId,
        message: 'could not store the new case key yet (case locked)',
      });
    }
  }

  /** This identity is no longer a member: say so, and leave once the exchange in progress is done. */
  private noLongerMemberNow(): void {
    const standing = standingOf(selectContract(this.current.contract), this.options.identity.id);
    this.noLongerMember =
      standing.kind === 'removed'
        ? { standing: 'removed', by: standing.member.removedBy }
        : { standing: standing.kind === 'left' ? 'left' : 'excluded', by: null };
    if (this.started) this.emit({ type: 'removed', caseId: this.caseId, ...this.noLongerMember });
  }

  /**
   * Signed presence in the log's room (`presence` option: the always-on peer), re-signed before it
   * ages out, so the app shows this identity's device online. Idle: it never types. Re-published
   * on every status change, which also covers a move to a new key's room.
   */
  private announce(): void {
    const transport = this.rooms.transport;
    if (!this.options.presence || !transport || this.closed || this.noLongerMember) return;
    const { identity } = this.options;
    publishPresence(
      transport.awareness,
      transport.roomName,
      { memberId: identity.id, displayName: identity.displayName, activity: 'idle', at: Date.now() },
      (message) => ed25519().sign(message, identity.secretKey),
    );
  }

  private retire(): void {
    if (!this.flush(0)) return;
    this.retired = true;
    this.rooms.close();
    this.emit({ type: 'retired', caseId: this.caseId });
  }

  private readonly onLogUpdate = (_update: Uint8Array, origin: unknown): void => {
    this.stateDirty = true;
    if (origin === DISK_ORIGIN || this.closed) return;
    this.rooms.watch?.touch();
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
    if (this.closed) return;
    this.saveKeys();
    if (this.started && this.noLongerMember && !this.retired) {
      if (this.idle(this.options.retireQuietMs ?? 2000).idle) this.retire();
    }
    if (this.flushTimer !== null) return;
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
