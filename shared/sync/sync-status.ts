/**
 * The sync state a case shows in the UI (issue 5, "Status"): offline, connecting, or
 * connected to N peers, plus when it last exchanged data with a peer. Pure model: the
 * transports feed it facts, it derives the state and tells listeners when it changes.
 */

/** Coarse state shown to the user. */
export type SyncState = 'offline' | 'connecting' | 'connected';

/** A snapshot of a case's sync status. */
export interface SyncStatus {
  /**
   * `offline`: the transport was not asked to connect (or was disconnected).
   * `connecting`: asked to connect, but no peer is reachable yet (see `signaling`).
   * `connected`: at least one peer has an open channel.
   */
  readonly state: SyncState;
  /** Peers with an open channel (WebRTC data channels plus same-origin BroadcastChannel tabs). */
  readonly peers: number;
  /** Signaling servers configured, and how many of them currently have an open socket. */
  readonly signaling: { readonly connected: number; readonly total: number };
  /** Epoch ms of the last exchange with a peer (sync handshake, update in or out), or null. */
  readonly lastSyncedAt: number | null;
}

/** Facts a transport reports; the state is derived from them. */
export interface SyncFacts {
  readonly wanted: boolean;
  readonly peers: number;
  readonly signalingConnected: number;
  readonly signalingTotal: number;
}

/** Derives the coarse state from the facts: peers win over signaling, wanting wins over nothing. */
export function deriveSyncState(facts: SyncFacts): SyncState {
  if (!facts.wanted) return 'offline';
  return facts.peers > 0 ? 'connected' : 'connecting';
}

/** The status of a transport that has never connected. */
export const INITIAL_SYNC_STATUS: SyncStatus = {
  state: 'offline',
  peers: 0,
  signaling: { connected: 0, total: 0 },
  lastSyncedAt: null,
};

/** Listener for status changes. */
export type SyncStatusListener = (status: SyncStatus) => void;

function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  return (
    a.state === b.state &&
    a.peers === b.peers &&
    a.signaling.connected === b.signaling.connected &&
    a.signaling.total === b.signaling.total &&
    a.lastSyncedAt === b.lastSyncedAt
  );
}

/**
 * Holds one transport's status and notifies listeners only on real changes. The clock is
 * injected so tests are deterministic.
 */
export class SyncStatusTracker {
  private current: SyncStatus = INITIAL_SYNC_STATUS;
  private readonly listeners = new Set<SyncStatusListener>();

  /**
   * @param now clock (epoch ms), injected for tests
   * @param minSyncIntervalMs `lastSyncedAt` moves at most this often, so a burst of
   *   updates does not turn into a burst of status events (the UI shows minutes anyway)
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly minSyncIntervalMs = 1000,
  ) {}

  /** The current snapshot (immutable). */
  status(): SyncStatus {
    return this.current;
  }

  /** Subscribes; returns the unsubscribe function. The listener is not called immediately. */
  onStatus(listener: SyncStatusListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Records the transport's facts (connection wanted, peers, signaling sockets). */
  setFacts(facts: SyncFacts): void {
    this.publish({
      state: deriveSyncState(facts),
      peers: facts.peers,
      signaling: { connected: facts.signalingConnected, total: facts.signalingTotal },
      lastSyncedAt: this.current.lastSyncedAt,
    });
  }

  /** Records that data was just exchanged with a peer. */
  markSynced(): void {
    const at = this.now();
    const last = this.current.lastSyncedAt;
    if (last !== null && at >= last && at - last < this.minSyncIntervalMs) return;
    this.publish({ ...this.current, lastSyncedAt: at });
  }

  /** Drops every listener (transport destroyed). */
  clear(): void {
    this.listeners.clear();
  }

  private publish(next: SyncStatus): void {
    if (sameStatus(this.current, next)) return;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (error) {
        // A broken UI listener must not stop the others or the transport.
        console.error('sync status listener failed', error);
      }
    }
  }
}
