import type { Identity } from '../../shared/identity/identity';
import type { AppliedChange, QuarantineEntry } from '../../shared/signed/pipeline';
import type { SyncStatus } from '../../shared/sync/sync-status';
import type { WebrtcPeerOptions } from '../../shared/sync/webrtc-transport';

/** Why this device no longer serves a case: it left, another member removed it, or it holds no key in force. */
export interface NoLongerMember {
  readonly standing: 'removed' | 'left' | 'excluded';
  /** Member id of the remover (`removed` only). */
  readonly by: string | null;
}

/** What a {@link CasePeer} reports while it runs (serve prints one line per event). */
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
  | { readonly type: 'error'; readonly caseId: string; readonly message: string }
  /** The case key rotated: the log now syncs in the room of the key of `epoch`. */
  | { readonly type: 'rotated'; readonly caseId: string; readonly epoch: number; readonly room: string }
  /** An older key's room is kept open (a mirror carrying entries sealed with that key or older). */
  | {
      readonly type: 'old-room';
      readonly caseId: string;
      readonly epoch: number;
      readonly room: string;
      readonly carries: number;
    }
  /** This identity is no longer a member: the peer stops after the exchange in progress. */
  | ({ readonly type: 'removed'; readonly caseId: string } & NoLongerMember)
  /** The peer left every room of the case (after `removed`). */
  | { readonly type: 'retired'; readonly caseId: string };

export type CasePeerError =
  | { readonly code: 'case-unreadable'; readonly message: string }
  | { readonly code: 'lock-busy'; readonly message: string }
  | { readonly code: 'transport'; readonly message: string };

export interface CasePeerOptions {
  readonly home: string;
  readonly caseId: string;
  /** Opens the stored case keys (and its boxes in key rotations); never used to sign. */
  readonly identity: Identity;
  readonly signalingUrls: readonly string[];
  readonly peerOpts: WebrtcPeerOptions;
  /** How often log.bin is checked for other processes' appends (ms, default 200). */
  readonly pollMs?: number;
  /** How often a long-running peer saves the log document's Yjs state (ms, default 30 s). */
  readonly stateEveryMs?: number;
  /** Quiet period after which a device no longer a member leaves the rooms (ms, default 2000). */
  readonly retireQuietMs?: number;
  /** Publish this identity's signed presence in the case's room (the always-on peer does). */
  readonly presence?: boolean;
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
  /** Epoch of the key the log syncs with now, and whether it rotated while the peer ran. */
  readonly epoch: number;
  readonly rotated: boolean;
  /** Set once this identity is found to be no longer a member. */
  readonly noLongerMember: NoLongerMember | null;
}
