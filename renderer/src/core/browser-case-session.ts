import { IndexeddbPersistence } from 'y-indexeddb';
import type { CommandContext } from '../../../shared/contract/context';
import type { Result } from '../../../shared/contract/result';
import { selectContract } from '../../../shared/contract/selectors';
import type { ContractSnapshot } from '../../../shared/contract/views';
import { sodium } from '../../../shared/crypto/sodium';
import type { Identity } from '../../../shared/identity/identity';
import { parseMemberId } from '../../../shared/identity/member-id';
import { createInvite } from '../../../shared/invite/create-invite';
import { CaseReplica } from '../../../shared/signed/replica';
import { signCurrentTerms } from '../../../shared/signed/sign-terms';
import { exportSignedCopy } from '../../../shared/signed/signed-copy';
import { ed25519PresenceVerifier, publishPresence, readPresence } from '../../../shared/sync/presence';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../shared/sync/sync-status';
import { createWebrtcTransport, type WebrtcCaseTransport } from '../../../shared/sync/webrtc-transport';
import type { CaseRecord, CaseRecords } from './case-records';
import type {
  CaseSession,
  InviteOptions,
  PresentPeer,
  ProgressListener,
  RejectedChange,
} from './case-session';
import { randomId } from './random-id';
import { describeRejected } from './rejected-changes';

interface StoredNote {
  readonly id: string;
  readonly at: number;
  readonly nonce: string;
  readonly sealed: string;
}

/**
 * One case in the browser or desktop renderer: the signed replica (contract + log), the log
 * persisted in IndexedDB, and synced with the other parties over WebRTC. The contract is
 * rebuilt by replaying the stored log through verification on every start, so nothing
 * unverified is ever trusted from disk either.
 */
export class BrowserCaseSession implements CaseSession {
  readonly caseId: string;
  readonly me: string;
  private readonly listeners = new Set<() => void>();
  private cachedSnapshot: ContractSnapshot | undefined;
  private cachedRejected: readonly RejectedChange[] | undefined;
  private status: SyncStatus = INITIAL_SYNC_STATUS;
  private notesCache: ReturnType<CaseSession['privateNotes']> | undefined;
  private typing = false;
  private constructor(
    readonly replica: CaseReplica,
    private readonly record: CaseRecord,
    private readonly identity: Identity,
    private readonly records: CaseRecords,
    private readonly persistence: IndexeddbPersistence,
    private readonly transport: WebrtcCaseTransport | undefined,
  ) {
    this.caseId = replica.caseId;
    this.me = identity.id;
    replica.onChange(() => this.changed());
    replica.contract.on('update', () => this.changed());
    if (transport) {
      this.status = transport.status();
      transport.onStatus((status) => {
        this.status = status;
        this.emit();
      });
      transport.awareness.on('change', () => this.emit());
      this.announce();
      // The device lost its network: leave the room at once so the offline state is visible
      // and edits queue in the log; rejoin (and exchange what changed) when it is back.
      window.addEventListener('offline', this.goOffline);
      window.addEventListener('online', this.goOnline);
    }
  }

  private readonly goOffline = () => this.transport?.disconnect();

  private readonly goOnline = () => {
    this.transport?.connect();
    this.announce();
  };

  /** Opens a case this device holds (or has just founded or joined) and starts syncing it. */
  static async open(options: {
    record: CaseRecord;
    identity: Identity;
    records: CaseRecords;
    signalingUrls: readonly string[];
    replica?: CaseReplica;
  }): Promise<BrowserCaseSession> {
    const replica =
      options.replica ??
      new CaseReplica({
        genesis: options.record.genesis,
        keyring: options.record.keyring,
        identity: options.identity,
      });
    const persistence = new IndexeddbPersistence(`casepact-log-${replica.caseId}`, replica.log);
    await persistence.whenSynced;
    const transport = BrowserCaseSession.connect(replica, options.record, options.signalingUrls);
    return new BrowserCaseSession(
      replica,
      options.record,
      options.identity,
      options.records,
      persistence,
      transport,
    );
  }

  private static connect(
    replica: CaseReplica,
    record: CaseRecord,
    signalingUrls: readonly string[],
  ): WebrtcCaseTransport | undefined {
    if (signalingUrls.length === 0) return undefined;
    const created = createWebrtcTransport({
      doc: replica.log,
      caseKey: record.keyring.current.key,
      signalingUrls,
    });
    if (!created.ok) return undefined;
    created.value.connect();
    return created.value;
  }

  snapshot(): ContractSnapshot {
    this.cachedSnapshot ??= selectContract(this.replica.contract);
    return this.cachedSnapshot;
  }

  rejected(): readonly RejectedChange[] {
    if (!this.cachedRejected) {
      const snapshot = this.snapshot();
      this.cachedRejected = this.replica
        .quarantine()
        .refused.map((entry) => describeRejected(entry, snapshot));
    }
    return this.cachedRejected;
  }

  syncStatus(): SyncStatus {
    return this.status;
  }

  present(): readonly PresentPeer[] {
    if (!this.transport) return [];
    const members = this.snapshot().parties.flatMap((party) => party.members);
    const verify = ed25519PresenceVerifier((memberId) => {
      if (!members.some((member) => member.id === memberId && member.status === 'active')) return null;
      const parsed = parseMemberId(memberId);
      return parsed.ok ? parsed.value.publicKey : null;
    });
    return readPresence(this.transport.awareness.getStates(), {
      selfClientId: this.transport.awareness.clientID,
      roomName: this.transport.roomName,
      now: Date.now(),
      verify,
    })
      .filter((peer) => !peer.self)
      .map((peer) => ({
        memberId: peer.memberId,
        displayName: peer.displayName ?? 'Unknown peer',
        verified: peer.verified,
        typing: peer.activity === 'typing',
      }));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  run<T>(command: (ctx: CommandContext) => Result<T>): Result<T> {
    return this.replica.run(command);
  }

  async signCurrentTerms(): Promise<Result<{ readonly version: number }>> {
    return signCurrentTerms(this.replica);
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

  async removeMember(memberId: string): Promise<Result<{ readonly memberId: string }>> {
    return {
      ok: false,
      error: 'invalid-input',
      message: `Removing ${memberId} from the desktop or web app is not available yet: use "casepact member remove".`,
    };
  }

  async exportSignedCopy(progress?: ProgressListener): Promise<Uint8Array> {
    progress?.(0.1, 'Collecting the signed log');
    this.replica.flush();
    const text = exportSignedCopy(this.replica, this.identity, Date.now());
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
    if (this.typing === typing) return;
    this.typing = typing;
    this.announce();
  }

  async close(): Promise<void> {
    window.removeEventListener('offline', this.goOffline);
    window.removeEventListener('online', this.goOnline);
    this.replica.flush();
    this.transport?.destroy();
    await this.persistence.destroy();
    this.replica.destroy();
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

  private announce(): void {
    if (!this.transport) return;
    const s = sodium();
    publishPresence(
      this.transport.awareness,
      this.transport.roomName,
      {
        memberId: this.identity.id,
        displayName: this.identity.displayName,
        activity: this.typing ? 'typing' : 'active',
        at: Date.now(),
      },
      (message) => s.crypto_sign_detached(message, this.identity.secretKey),
    );
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
