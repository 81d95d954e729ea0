import * as Y from 'yjs';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import type { CaseTransport } from './transport';
import type { SyncStatus, SyncStatusListener } from './sync-status';
import { SyncStatusTracker } from './sync-status';

/** An in-process room: every transport that joined it and is connected syncs with all others. */
export interface MemoryNetwork {
  /** Attaches a transport for `doc` to this room (offline until `connect()`). */
  join(doc: Y.Doc, options?: { readonly now?: () => number }): CaseTransport;
  /** Transports currently connected. */
  connectedCount(): number;
}

/**
 * Creates an in-memory room that syncs Y.Docs in the same process with real Yjs state
 * vectors and awareness updates, delivered synchronously. It is the {@link CaseTransport}
 * for unit tests of the core (no WebRTC, no sockets); partitions are `disconnect()` calls.
 */
export function createMemoryNetwork(): MemoryNetwork {
  const online = new Set<MemoryTransport>();
  const refresh = () => {
    for (const peer of online) peer.refresh();
  };
  return {
    join: (doc, options) => new MemoryTransport(doc, online, refresh, options?.now ?? Date.now),
    connectedCount: () => online.size,
  };
}

class MemoryTransport implements CaseTransport {
  readonly awareness: Awareness;
  private readonly tracker: SyncStatusTracker;
  private wanted = false;
  private destroyed = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly online: Set<MemoryTransport>,
    private readonly refreshAll: () => void,
    now: () => number,
  ) {
    this.awareness = new Awareness(doc);
    this.tracker = new SyncStatusTracker(now);
  }

  connect(): void {
    if (this.destroyed || this.wanted) return;
    this.wanted = true;
    for (const other of this.online) this.exchangeWith(other);
    this.online.add(this);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.refreshAll();
  }

  disconnect(): void {
    if (!this.wanted) return;
    this.wanted = false;
    this.online.delete(this);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    // Others stop seeing us, and we stop showing them: presence means "reachable now".
    const others = [...this.online];
    for (const other of others) removeAwarenessStates(other.awareness, [this.doc.clientID], other);
    removeAwarenessStates(
      this.awareness,
      others.map((other) => other.doc.clientID),
      this,
    );
    this.refresh();
    this.refreshAll();
  }

  status(): SyncStatus {
    return this.tracker.status();
  }

  onStatus(listener: SyncStatusListener): () => void {
    return this.tracker.onStatus(listener);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.disconnect();
    this.destroyed = true;
    this.tracker.clear();
    this.awareness.destroy();
  }

  /** Recomputes the facts from the room membership. */
  refresh(): void {
    this.tracker.setFacts({
      wanted: this.wanted,
      peers: this.wanted ? this.online.size - 1 : 0,
      signalingConnected: 0,
      signalingTotal: 0,
    });
  }

  private exchangeWith(other: MemoryTransport): void {
    // Sync step 1 + 2 in both directions: each side sends what the other's state vector lacks.
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(other.doc)), other);
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(this.doc)), this);
    const theirs = encodeAwarenessUpdate(other.awareness, [...other.awareness.getStates().keys()]);
    const ours = encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]);
    applyAwarenessUpdate(this.awareness, theirs, this);
    applyAwarenessUpdate(other.awareness, ours, other);
    this.tracker.markSynced();
    other.tracker.markSynced();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Updates we applied from the room carry our own origin; the mesh already delivered them.
    if (origin === this) return;
    for (const other of this.online) {
      if (other === this) continue;
      Y.applyUpdate(other.doc, update, other);
      other.tracker.markSynced();
      this.tracker.markSynced();
    }
  };

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === this) return;
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    const update = encodeAwarenessUpdate(this.awareness, changed);
    for (const other of this.online) {
      if (other !== this) applyAwarenessUpdate(other.awareness, update, other);
    }
  };
}
