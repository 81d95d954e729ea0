import type { CommandContext } from '../../../shared/contract/context';
import type { Result } from '../../../shared/contract/result';
import type { ContractSnapshot } from '../../../shared/contract/views';
import type { SyncStatus } from '../../../shared/sync/sync-status';

/** A change that verification refused, in words a customer understands. */
export interface RejectedChange {
  readonly id: string;
  /** Who signed it (member id), or null when the signature itself is bad. */
  readonly author: string | null;
  readonly authorName: string | null;
  readonly at: number | null;
  /** One sentence: why this change was not applied. */
  readonly reason: string;
  readonly code: string;
}

/** Someone seen online in the case (from awareness: unverified unless signed). */
export interface PresentPeer {
  readonly memberId: string | null;
  readonly displayName: string;
  readonly verified: boolean;
  readonly typing: boolean;
}

export type InviteRole = 'customer' | 'provider' | 'partner' | 'observer';

export interface InviteOptions {
  readonly role: InviteRole;
  /** Lifetime in ms from now. */
  readonly expiresInMs: number;
  readonly singleUse: boolean;
  /** Party the invitee joins; a new party is created from the joiner's organisation when absent. */
  readonly party?: string;
}

/** Progress of long work (joining a large case, verifying, exporting), 0..1. */
export type ProgressListener = (fraction: number, label: string) => void;

/**
 * One open case as the UI sees it. The session owns the contract document, its signed log,
 * persistence and sync; the UI reads snapshots and runs shared/contract commands through
 * `run`, which signs whatever the command wrote. Components never touch the Y.Doc.
 */
export interface CaseSession {
  readonly caseId: string;
  /** The local member's id. */
  readonly me: string;
  snapshot(): ContractSnapshot;
  rejected(): readonly RejectedChange[];
  syncStatus(): SyncStatus;
  present(): readonly PresentPeer[];
  /** Fires after any change to snapshot, rejected changes, sync status or presence. */
  subscribe(listener: () => void): () => void;
  /** Runs a contract command as the local member; its write is signed and shared. */
  run<T>(command: (ctx: CommandContext) => Result<T>): Result<T>;
  /** Signs the current terms hash as the local member. */
  signCurrentTerms(): Promise<Result<{ readonly version: number }>>;
  createInvite(options: InviteOptions): Promise<Result<{ readonly link: string }>>;
  removeMember(memberId: string): Promise<Result<{ readonly memberId: string }>>;
  /** The signed copy file (docs/signed-copy.md). */
  exportSignedCopy(progress?: ProgressListener): Promise<Uint8Array>;
  /** Private notes: stored on this device only, never in the shared document. */
  privateNotes(): readonly { readonly id: string; readonly text: string; readonly at: number }[];
  addPrivateNote(text: string): Promise<void>;
  setTyping(typing: boolean): void;
  close(): Promise<void>;
}

/** What the inbox lists per case, without opening its session. */
export interface CaseListing {
  readonly caseId: string;
  readonly snapshot: ContractSnapshot;
  readonly myRole: string | null;
  readonly myParty: string | null;
  readonly unread: number;
  readonly sync: SyncStatus;
}
