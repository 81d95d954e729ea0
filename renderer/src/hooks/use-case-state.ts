import { useCallback, useSyncExternalStore } from 'react';
import type { ContractSnapshot } from '../../../shared/contract/views';
import type { SyncStatus } from '../../../shared/sync/sync-status';
import type { CaseSession, PresentPeer, RejectedChange } from '../core/case-session';

/** A private note as the session keeps it (this device only). */
export interface PrivateNote {
  readonly id: string;
  readonly text: string;
  readonly at: number;
}

/** Everything a case workspace renders, read from the session in one consistent pass. */
export interface CaseState {
  readonly snapshot: ContractSnapshot;
  readonly rejected: readonly RejectedChange[];
  readonly sync: SyncStatus;
  readonly present: readonly PresentPeer[];
  readonly notes: readonly PrivateNote[];
}

function read(session: CaseSession): CaseState {
  return {
    snapshot: session.snapshot(),
    rejected: session.rejected(),
    sync: session.syncStatus(),
    present: session.present(),
    notes: session.privateNotes(),
  };
}

/** The state plus `refresh`, as useCaseState returns it. */
export type LiveCaseState = CaseState & { readonly refresh: () => void };

/**
 * Mirrors one session for React: the value is re-read only when the session says something
 * changed (or when asked, for private notes, which the session does not announce), so
 * `getSnapshot` returns the same object between changes as useSyncExternalStore requires,
 * whatever the session's own getters return.
 */
class SessionMirror {
  private value: CaseState;
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly session: CaseSession) {
    this.value = read(session);
  }

  readonly get = (): CaseState => this.value;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.unsubscribe) {
      this.unsubscribe = this.session.subscribe(() => this.refresh());
      // Changes made while nobody listened would otherwise be missed.
      this.refresh();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
      }
    };
  };

  readonly refresh = (): void => {
    this.value = read(this.session);
    for (const listener of [...this.listeners]) listener();
  };
}

const mirrors = new WeakMap<CaseSession, SessionMirror>();

function mirrorOf(session: CaseSession): SessionMirror {
  let mirror = mirrors.get(session);
  if (!mirror) {
    mirror = new SessionMirror(session);
    mirrors.set(session, mirror);
  }
  return mirror;
}

/**
 * The case as the UI reads it: snapshot, rejected changes, sync status, presence and private
 * notes. Re-renders when the session reports a change. `refresh` re-reads on demand (after
 * adding a private note, which is local and not announced by `subscribe`).
 */
export function useCaseState(session: CaseSession): LiveCaseState {
  const mirror = mirrorOf(session);
  const state = useSyncExternalStore(mirror.subscribe, mirror.get, mirror.get);
  const refresh = useCallback(() => mirror.refresh(), [mirror]);
  return { ...state, refresh };
}
