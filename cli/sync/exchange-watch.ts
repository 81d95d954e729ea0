import type { WebrtcCaseTransport } from '../../shared/sync/webrtc-transport';

/**
 * Knows when a `casepact sync` run has exchanged what there was to exchange. y-webrtc's own
 * `synced` flag cannot tell: it marks only the peers met before the room first counted as synced
 * (readMessage calls back on sync step 2 only while `!room.synced`), so a peer that connects later
 * never counts. This watch listens to each peer's data channel instead:
 *
 *  - a y-sync "step 2" from a peer (message 0, sync type 1) means we hold everything it had;
 *  - its "step 1" (0, 0) was answered at once with our step 2 by y-webrtc, so it gets ours;
 *  - every message counts as activity (the quiet period restarts).
 *
 * Large messages travel in frames (shared/sync/framed-channel.ts), but every `data` listener of
 * a framed connection receives whole messages, so the types stay readable here. Should the
 * transport ever encrypt its data channel, they would not be: a peer then counts as exchanged
 * once it has been connected for the quiet period, which only makes `sync` slower to call itself
 * done, never wrong about what it stored.
 */

interface PeerLike {
  on(event: 'data', listener: (data: Uint8Array) => void): void;
  readonly bufferSize?: number;
}

interface ConnLike {
  readonly connected: boolean;
  readonly closed: boolean;
  readonly remotePeerId: string;
  readonly peer: unknown;
}

interface Seen {
  step1: boolean;
  step2: boolean;
  connectedAt: number | null;
}

export class ExchangeWatch {
  private readonly hooked = new WeakSet<object>();
  private readonly peers = new Map<string, Seen>();
  private everExchanged = false;
  private lastActivityAt: number;
  private lastCount = 0;
  private wrapped = false;
  private attachTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly transport: WebrtcCaseTransport,
    private readonly now: () => number = Date.now,
  ) {
    this.lastActivityAt = now();
  }

  /**
   * Hooks every connection of the room as it is created, before its channel can carry data: a
   * peer's step 1 and step 2 arrive right after the channel opens, often sooner than the next
   * poll. The room exists only once y-webrtc has derived its key (asynchronously, after
   * connect()), so this retries on a short timer until it can wrap the room's connection map.
   */
  attach(): void {
    if (this.attachTimer !== null || this.wrapped) return;
    const tryWrap = () => {
      const conns = this.transport.provider?.room?.webrtcConns as Map<string, ConnLike> | undefined;
      if (!conns) return false;
      const set = conns.set.bind(conns);
      conns.set = (id: string, conn: ConnLike) => {
        set(id, conn);
        this.hook(conn);
        return conns;
      };
      for (const conn of conns.values()) this.hook(conn);
      this.wrapped = true;
      return true;
    };
    if (tryWrap()) return;
    this.attachTimer = setInterval(() => {
      if (!tryWrap()) return;
      clearInterval(this.attachTimer as ReturnType<typeof setInterval>);
      this.attachTimer = null;
    }, 2);
  }

  /** Stops the attach timer (the transport is going away). */
  detach(): void {
    if (this.attachTimer !== null) clearInterval(this.attachTimer);
    this.attachTimer = null;
  }

  /** Records activity that did not come over a data channel (e.g. a write from disk). */
  touch(): void {
    this.lastActivityAt = this.now();
  }

  /** Epoch ms of the last message, peer arrival, or touch(). */
  get lastActivity(): number {
    return this.lastActivityAt;
  }

  /** Whether at least one peer has completed an exchange with us. */
  get exchanged(): boolean {
    return this.everExchanged;
  }

  /**
   * Hooks connections that appeared since the last call, and returns the live ones. Call it on
   * a timer: y-webrtc (and the connection guard) replace connections without telling anyone.
   */
  poll(quietMs: number): { connected: number; pending: number; drained: boolean } {
    const room = this.transport.provider?.room;
    const conns = room ? [...(room.webrtcConns.values() as Iterable<ConnLike>)] : [];
    const at = this.now();
    let connected = 0;
    let pending = 0;
    let drained = true;
    for (const conn of conns) {
      this.hook(conn);
      if (!conn.connected || conn.closed) continue;
      connected += 1;
      const seen = this.seen(conn.remotePeerId);
      if (seen.connectedAt === null) {
        seen.connectedAt = at;
        this.touch();
      }
      const done = (seen.step1 && seen.step2) || at - seen.connectedAt >= quietMs;
      if (done) this.everExchanged = true;
      else pending += 1;
      if (((conn.peer as PeerLike).bufferSize ?? 0) > 0) drained = false;
    }
    // A peer arriving restarts the quiet period; one leaving brings nothing new, so it does not.
    if (connected > this.lastCount) this.touch();
    this.lastCount = connected;
    // Forget peers that left, so a returning peer is watched afresh.
    const live = new Set(conns.filter((c) => c.connected && !c.closed).map((c) => c.remotePeerId));
    for (const id of [...this.peers.keys()]) if (!live.has(id)) this.peers.delete(id);
    return { connected, pending, drained };
  }

  private seen(id: string): Seen {
    let seen = this.peers.get(id);
    if (!seen) {
      seen = { step1: false, step2: false, connectedAt: null };
      this.peers.set(id, seen);
    }
    return seen;
  }

  private hook(conn: ConnLike): void {
    const peer = conn.peer as PeerLike | undefined;
    if (!peer || this.hooked.has(peer)) return;
    this.hooked.add(peer);
    peer.on('data', (data: Uint8Array) => {
      this.touch();
      // y-webrtc message 0 = sync; then y-protocols sync type 0 = step 1, 1 = step 2 (varuints < 128).
      if (data.length >= 2 && data[0] === 0) {
        const seen = this.seen(conn.remotePeerId);
        if (data[1] === 0) seen.step1 = true;
        if (data[1] === 1) seen.step2 = true;
      }
    });
  }
}
