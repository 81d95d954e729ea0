import type { Awareness } from 'y-protocols/awareness';
import type { SyncStatus, SyncStatusListener } from './sync-status';

/**
 * How a case's log document meets other peers. The core (verification pipeline, stores,
 * UI projections) sees only this interface, so it runs in unit tests over
 * {@link createMemoryNetwork} and in the app over {@link createWebrtcTransport}.
 *
 * A transport syncs exactly one Y.Doc: the case's log document (sealed envelopes keyed by
 * content hash). It never touches the contract document; what reaches the contract is
 * decided by each peer's verification pipeline observing the log document.
 */
export interface CaseTransport {
  /** Starts looking for peers. Idempotent; returns at once (connection is asynchronous). */
  connect(): void;
  /** Leaves the room: closes peer channels, withdraws presence. Local edits keep working. */
  disconnect(): void;
  /** Current status snapshot. */
  status(): SyncStatus;
  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: SyncStatusListener): () => void;
  /** Presence channel (y-protocols awareness). Read it through shared/sync/presence. */
  readonly awareness: Awareness;
  /** Disconnects for good and releases the room; the transport cannot be reused. */
  destroy(): void;
}
