import { IndexeddbPersistence } from 'y-indexeddb';
import type { CommandContext } from '../../../shared/contract/context';
import type { Result } from '../../../shared/contract/result';
import { selectContract } from '../../../shared/contract/selectors';
import type { ContractSnapshot } from '../../../shared/contract/views';
import { sodium } from '../../../shared/crypto/sodium';
import type { Identity } from '../../../shared/identity/identity';
import { createInvite } from '../../../shared/invite/create-invite';
import { removeMemberWithRotation } from '../../../shared/membership/remove-member';
import { CaseReplica } from '../../../shared/signed/replica';
import { signCurrentTerms } from '../../../shared/signed/sign-terms';
import { exportSignedCopy } from '../../../shared/signed/signed-copy';
import type { SyncStatus } from '../../../shared/sync/sync-status';
import { adoptKeys, epochsOf, standingOf } from '../../../shared/membership/key-adoption';
import type { CaseRecord, CaseRecords } from './case-records';
import { type RoomOpener, webrtcRooms } from '../../../shared/membership/case-rooms';
import type {
  CaseSession,
  InviteOptions,
  PresentPeer,
  ProgressListener,
  RejectedChange,
} from './case-session';
import { CaseSync, type NetworkEvents, RETIRE_AFTER_MS } from './case-sync';
import { randomId } from './random-id';
import { describeRejected } from './rejected-changes';

interface StoredNote {
  readonly id: string;
  readonly at: number;
  readonly nonce: string;
  readonly sealed: string;
}

/** What a removal did, as `removeMember` returns it. */
export interface RemovalDone {
  readonly memberId: string;
  /** The local member removed itself. */
  readonly leaving: boolean;
  /** One sentence on what happens to this case on this device now. */
  readonly detail: string;
}

export interface OpenCaseOptions {
  readonly record: CaseRecord;
  readonly identity: Identity;
  readonly records: CaseRecords;
  readonly signalingUrls: readonly string[];
  readonly replica?: CaseReplica;
  /** Opens a transport per room; default y-webrtc through `signalingUrls` (none: no sync). */
  readonly rooms?: RoomOpener;
  /** Default `window`. */
  readonly network?: NetworkEvents;
  /** How long a device that is no longer a member stays in its room once a peer is connected. */
  readonly retireAfterMs?: number;
}

/**
 * One case in the browser or desktop renderer: the signed replica (contract + log), the log
 * persisted in IndexedDB, and synced with the other parties over WebRTC in the room of the
 * current case key (older keys' rooms kept through mirrors, see CaseRooms). The contract is
 * rebuilt by replaying the stored log through verification on every start, so nothing
 * unverified is ever trusted from disk either. Key rotations (removals) written here or by
 * others are adopted as they arrive: keys persisted, rooms moved.
 */
export class BrowserCaseSession implements CaseSession {
  readonly caseId: string;
  readonly me: string;
  private current: CaseReplica;
  private readonly listeners = new Set<() => void>();
  private cachedSnapshot: ContractSnapshot | undefined;
  private cachedRejected: readonly RejectedChange[] | undefined;
  private notesCache: ReturnType<CaseSession['privateNotes']> | undefined;
  private readonly sync: CaseSync;
  private unwatchReplica: () => void;
  private adoptQueued = false;
  private retired = false;
  private closed = false;

  private constructor(
    replica: CaseReplica,
    private readonly record: CaseRecord,
    private readonly identity: Identity,
    private readonly records: CaseRecords,
    private readonly persistence: IndexeddbPersistence,
    rooms: RoomOpener | undefined,
    network: NetworkEvents | undefined,
    retireAfterMs: number,
  ) {
    this.caseId = replica.caseId;
    this.me = identity.id;
    this.current = replica;
    this.unwatchReplica = this.watchReplica(replica);
    this.sync = new CaseSync(replica.log, rooms, identity, () => this.emit(), network, retireAfterMs);
  }

  /** The signed replica; replaced when new keys make older entries readable (see adoptKeys). */
  get replica(): CaseReplica {
    return this.current;
  }

  /** Rooms this session has open: the log's, then older keys' mirrors. */
  roomNames(): string[] {
    return this.sync.roomNames();
  }

  /** Opens a case this device holds (or has just founded or joined) and starts syncing it. */
  static async open(options: OpenCaseOptions): Promise<BrowserCaseSession> {
    const replica =
      options.replica ??
      new CaseReplica({
        genesis: options.record.genesis,
        keyring: options.record.keyring,
        identity: options.identity,
      });
    const persistence = new IndexeddbPersistence(`casepact-log-${replica.caseId}`, replica.log);
    await persistence.whenSynced;
    const session = new BrowserCaseSession(
      replica,
      options.record,
      options.identity,
      options.records,
      persistence,
      options.rooms ?? webrtcRooms(options.signalingUrls),
      options.network ?? (typeof window === 'undefined' ? undefined : window),
      options.retireAfterMs ?? RETIRE_AFTER_MS,
    );
    // Rotations stored while the app was closed: adopt first, so the log goes straight to its room.
    session.adopt();
    await session.follow();
    session.checkStanding();
    return session;
  }

  snapshot(): ContractSnapshot {
    this.cachedSnapshot ??= selectContract(this.current.contract);
    return this.cachedSnapshot;
  }

  rejected(): readonly RejectedChange[] {
    if (!this.cachedRejected) {
      const snapshot = this.snapshot();
      this.cachedRejected = this.current
        .quarantine()
        .refused.map((entry) => describeRejected(entry, snapshot));
    }
    return this.cachedRejected;
  }

  syncStatus(): SyncStatus {
    return this.sync.status();
  }

  present(): readonly PresentPeer[] {
    return this.sync.present(this.snapshot().parties.flatMap((party) => party.members));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  run<T>(command: (ctx: CommandContext) => Result<T>): Result<T> {
    return this.current.run(command);
  }

  async signCurrentTerms(): Promise<Result<{ readonly version: number }>> {
    return signCurrentTerms(this.current);
  }

  async createInvite(options: InviteOptions): Promise<Result<{ readonly link: string }>> {
    const now = Date.now();
    const created = createInvite({
      genesis: this.record.genesis,
      caseKey: this.record.keyring.current.key,
      role: options.role,
      party: options.party ?? null,
      singleUse: options.singleUse,
      issuedAt: now,
      expiresAt: now + options.expiresInMs,
      inviter: this.identity,
    });
    return created.ok
      ? { ok: true, value: { link: created.link } }
      : { ok: false, error: 'invalid-input', message: created.message };
  }

  /**
   * Removes a member, or leaves when `memberId` is the local member (docs/invite-link.md §3): one
   * signed change that removes and rotates the case key. The removed member's last entry (the
   * removal, sealed with the old key) goes out through the old key's room, kept as a mirror;
   * the log moves to the new key's room. Leaving keeps no new key: the device stays in its room
   * until its departure has reached a peer, then stops syncing this case.
   */
  async removeMember(memberId: string): Promise<Result<RemovalDone>> {
    const leaving = memberId === this.me;
    // The key history written right after the removal is sealed with the new key: it must not go
    // out in the old room, where the removed member still is.
    if (!leaving) this.sync.hold();
    const removed = removeMemberWithRotation(sodium(), this.current, memberId, Date.now());
    if (!removed.ok) {
      this.sync.release();
      const error =
        removed.error === 'last-member'
          ? 'invalid-state'
          : removed.error === 'no-identity'
            ? 'not-a-member'
            : removed.error;
      return { ok: false, error, message: removed.message };
    }
    this.changed();
    this.checkStanding();
    if (leaving) {
      return {
        ok: true,
        value: {
          memberId,
          leaving,
          detail: !this.sync.stopped
            ? 'This device stops syncing the case once your departure has reached another party. Your copy stays here.'
            : 'This device no longer syncs the case. Your copy stays here.',
        },
      };
    }
    this.persist();
    await this.follow();
    return {
      ok: true,
      value: {
        memberId,
        leaving,
        detail: 'The case key was changed: nothing written from now on reaches the removed member.',
      },
    };
  }

  async exportSignedCopy(progress?: ProgressListener): Promise<Uint8Array> {
    progress?.(0.1, 'Collecting the signed log');
    this.current.flush();
    const text = exportSignedCopy(this.current, this.identity, Date.now());
    progress?.(1, 'Signed copy ready');
    return sodium().from_string(text);
  }

  privateNotes(): ReturnType<CaseSession['privateNotes']> {
    if (!this.notesCache) {
      this.notesCache = this.storedNotes()
        .map((note) => ({ id: note.id, at: note.at, text: this.records.open(note) ?? '' }))
        .filter((note) => note.text !== '');
    }
    return this.notesCache;
  }

  async addPrivateNote(text: string): Promise<void> {
    const notes = this.storedNotes();
    notes.push({ id: randomId(), at: Date.now(), ...this.records.seal(text) });
    localStorage.setItem(this.notesKey(), JSON.stringify(notes));
    this.notesCache = undefined;
    this.emit();
  }

  setTyping(typing: boolean): void {
    this.sync.setTyping(typing);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.current.flush();
    this.sync.close();
    await this.persistence.destroy();
    this.unwatchReplica();
    this.current.destroy();
    this.listeners.clear();
  }

  private notesKey(): string {
    return `casepact.notes.${this.caseId}`;
  }

  private storedNotes(): StoredNote[] {
    try {
      const value = JSON.parse(localStorage.getItem(this.notesKey()) ?? '[]') as unknown;
      return Array.isArray(value) ? (value as StoredNote[]) : [];
    } catch {
      return [];
    }
  }

  private watchReplica(replica: CaseReplica): () => void {
    const offChange = replica.onChange(() => {
      this.changed();
      this.queueAdopt();
    });
    const onContract = () => this.changed();
    replica.contract.on('update', onContract);
    return () => {
      offChange();
      replica.contract.off('update', onContract);
    };
  }

  /** After a batch: adopt keys and check standing, outside the replica's ingest (it may be replaced). */
  private queueAdopt(): void {
    if (this.adoptQueued || this.closed) return;
    this.adoptQueued = true;
    queueMicrotask(() => {
      this.adoptQueued = false;
      if (this.closed) return;
      if (this.adopt()) void this.follow();
      this.checkStanding();
    });
  }

  /** Takes in rotations and key histories; true when the rooms must follow the keyring. */
  private adopt(): boolean {
    const adoption = adoptKeys(this.current, this.identity, (old) => this.rebuild(old));
    // Our next entries are sealed with the new key: none may go out in the old room meanwhile.
    if (adoption.currentChanged) this.sync.hold();
    if (adoption.added > 0 || adoption.currentChanged) this.persist();
    return adoption.added > 0 || adoption.currentChanged;
  }

  /** Replays the log with the keyring as it is now (entries once unreadable are read). */
  private rebuild(old: CaseReplica): CaseReplica {
    old.flush();
    this.unwatchReplica();
    old.destroy();
    this.current = new CaseReplica({
      genesis: this.record.genesis,
      keyring: this.record.keyring,
      identity: this.identity,
      log: old.log,
    });
    this.unwatchReplica = this.watchReplica(this.current);
    this.changed();
    return this.current;
  }

  /** Stores the keyring, once the case is stored at all (a join in progress stores it when done). */
  private persist(): void {
    if (this.records.caseIds().includes(this.caseId)) this.records.put(this.record);
  }

  private follow(): Promise<void> {
    const keyring = this.current.keyring;
    return this.sync.follow(keyring.current, keyring.all(), epochsOf(this.current));
  }

  /** Not a member any more (left or removed): retire from the rooms (case-sync.ts RETIRE_AFTER_MS). */
  private checkStanding(): void {
    if (this.retired || this.closed) return;
    const standing = standingOf(this.snapshot(), this.me);
    if (standing.kind !== 'left' && standing.kind !== 'removed') return;
    this.retired = true;
    this.sync.retire();
  }

  private changed(): void {
    this.cachedSnapshot = undefined;
    this.cachedRejected = undefined;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
