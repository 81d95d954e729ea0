/**
 * A CaseSession for the visual workbench: a real contract document, real shared/contract commands,
 * real Ed25519 agreement signatures and real invite links, kept in memory in one page. It has no
 * persistence, signed log or network — those belong to the app's case session — so sync status,
 * presence and refused changes are fixtures set by the page, named as such.
 */
import * as Y from 'yjs';
import { recordSignature } from '../../../shared/contract/agreements';
import { removeMember } from '../../../shared/contract/commands/parties';
import type { CommandContext } from '../../../shared/contract/context';
import { err, type Result } from '../../../shared/contract/result';
import { selectContract } from '../../../shared/contract/selectors';
import { TERMS_FORMAT, type CanonicalTerms } from '../../../shared/contract/terms';
import type { ContractSnapshot } from '../../../shared/contract/views';
import { sodium } from '../../../shared/crypto/sodium';
import type { Identity } from '../../../shared/identity/identity';
import { createInvite } from '../../../shared/invite/create-invite';
import { signTermsHash } from '../../../shared/signed/agreement';
import type { CaseGenesis } from '../../../shared/signed/genesis';
import type { SyncStatus } from '../../../shared/sync/sync-status';
import type {
  CaseSession,
  InviteOptions,
  PresentPeer,
  RejectedChange,
} from '../../../renderer/src/core/case-session';

export interface Fixtures {
  sync: SyncStatus;
  present: PresentPeer[];
  rejected: RejectedChange[];
}

export class LocalCaseSession implements CaseSession {
  private cached: ContractSnapshot | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly notes: { id: string; text: string; at: number }[] = [];
  private readonly caseKey = sodium().randombytes_buf(32);

  constructor(
    readonly doc: Y.Doc,
    private readonly identity: Identity,
    private readonly genesis: CaseGenesis,
    private readonly fixtures: Fixtures,
    private readonly clock: () => number = Date.now,
  ) {
    doc.on('update', () => {
      this.cached = undefined;
      this.emit();
    });
  }

  get caseId(): string {
    return this.genesis.caseId;
  }

  get me(): string {
    return this.identity.id;
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }

  snapshot(): ContractSnapshot {
    this.cached ??= selectContract(this.doc);
    return this.cached;
  }
  rejected() {
    return this.fixtures.rejected;
  }
  syncStatus() {
    return this.fixtures.sync;
  }
  present() {
    return this.fixtures.present;
  }
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  run<T>(command: (ctx: CommandContext) => Result<T>): Result<T> {
    const s = sodium();
    return command({
      doc: this.doc,
      actor: this.me,
      now: this.clock,
      newId: () => s.to_base64(s.randombytes_buf(16), s.base64_variants.URLSAFE_NO_PADDING),
    });
  }
  async signCurrentTerms(): Promise<Result<{ readonly version: number }>> {
    const hash = this.snapshot().agreements.currentTermsHash;
    const signature = signTermsHash(this.identity, this.caseId, hash);
    const r = this.run((ctx) => recordSignature(ctx, { termsHash: hash, signature }));
    return r.ok ? { ok: true, value: { version: r.value.version } } : r;
  }
  async createInvite(options: InviteOptions): Promise<Result<{ readonly link: string }>> {
    const now = this.clock();
    const r = createInvite({
      genesis: this.genesis,
      caseKey: this.caseKey,
      role: options.role,
      party: options.party ?? null,
      singleUse: options.singleUse,
      issuedAt: now,
      expiresAt: now + options.expiresInMs,
      inviter: { publicKey: this.identity.publicKey, secretKey: this.identity.secretKey },
    });
    return r.ok ? { ok: true, value: { link: r.link } } : err('invalid-input', r.message);
  }
  async removeMember(memberId: string) {
    return this.run((ctx) => removeMember(ctx, { memberId }));
  }
  async exportSignedCopy(): Promise<Uint8Array> {
    throw new Error('the workbench keeps no signed log to export');
  }
  privateNotes() {
    return this.notes;
  }
  async addPrivateNote(text: string) {
    this.notes.push({ id: String(this.notes.length + 1), text, at: this.clock() });
  }
  setTyping(): void {}
  async close() {}

  /** The stored terms of a recorded version (the optional capability the agreements diff uses). */
  versionTerms(version: number): CanonicalTerms | null {
    const v = this.doc.getMap('agreements').get(String(version));
    const json = v instanceof Y.Map ? v.get('terms') : undefined;
    if (typeof json !== 'string') return null;
    const parsed = JSON.parse(json) as CanonicalTerms;
    return parsed.format === TERMS_FORMAT ? parsed : null;
  }
}
