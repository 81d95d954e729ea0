import { WebrtcConn } from 'y-webrtc';
import type { WebrtcProvider } from 'y-webrtc';
import type { ChannelCodec } from './channel-seal';
import type { FramablePeer } from './framed-channel';
import { frameMessages } from './framed-channel';

/** What the guard needs from its transport. */
export interface ConnGuardHost {
  provider(): WebrtcProvider | null;
  /** False once the transport was asked to disconnect: no retries then. */
  wanted(): boolean;
  /** Called whenever a connection opens or closes. */
  changed(): void;
  /** Seals every message of every connection (channel-seal.ts); none: messages go as y-webrtc made them. */
  readonly codec?: ChannelCodec;
}

type Timer = unknown;
type SimplePeer = {
  signal(data: unknown): void;
  initiator?: boolean;
  on(event: string, listener: (...args: unknown[]) => void): void;
  removeAllListeners(event: string): void;
  destroy(): void;
};

/** Fresh attempts to one peer after failed ones, before falling back to y-webrtc's announces. */
const MAX_RETRIES = 3;

/**
 * Keeps y-webrtc's peer connections healthy. y-webrtc keeps one connection per remote peer id
 * and feeds every signal from that peer into it, whatever its state; three situations then
 * leave two live peers unconnected (all seen with node-datachannel over loopback, the first
 * also predicted for browsers that roll back implicitly):
 *
 *  1. Glare: both peers announce at once and both make an offer. y-webrtc keeps one (higher
 *     random token) and, on the other side, hands it to the connection that made its own
 *     offer. Each side listens on the data channel it created, so both say "connected" and
 *     neither hears the other. Happens on every simultaneous join, e.g. after a signaling
 *     restart. Fix: an offer reaching a connection that already negotiates goes to a fresh
 *     answering connection instead.
 *  2. Failed attempt: an offer/answer fails locally (libdatachannel, under load, sometimes
 *     reports "Got a remote candidate without ICE transport"). y-webrtc drops the connection
 *     and announces, but the other side still holds its half of the attempt and ignores the
 *     announce. Fix: retry ourselves with a new offer (bounded), which case 1 routes right.
 *  3. Vanished peer: an announce from a peer that then left leaves a connection that never
 *     opens and counts against maxConns forever. Fix: a handshake timeout destroys it.
 */
export class ConnGuard {
  private readonly hooked = new WeakSet<WebrtcConn>();
  private readonly patchedRooms = new WeakSet<object>();
  private readonly negotiating = new WeakSet<WebrtcConn>();
  private readonly timers = new Map<WebrtcConn, Timer>();
  private readonly retries = new Map<string, number>();
  private readonly retryTimers = new Set<Timer>();

  constructor(
    private readonly host: ConnGuardHost,
    private readonly handshakeTimeoutMs: number,
  ) {}

  /**
   * Hooks every connection of the provider's room at creation. A responder gets its first
   * signal right after it is created, before any event fires, so the room's map is wrapped.
   */
  attach(): void {
    const room = this.host.provider()?.room;
    if (!room || this.patchedRooms.has(room)) return;
    this.patchedRooms.add(room);
    const conns = room.webrtcConns;
    const set = conns.set.bind(conns);
    conns.set = (id: string, conn: WebrtcConn) => {
      set(id, conn);
      this.hook(conn);
      return conns;
    };
    for (const conn of conns.values()) this.hook(conn);
  }

  /** Cancels pending timers (disconnect / destroy). */
  clear(): void {
    for (const timer of [...this.timers.values(), ...this.retryTimers]) clearTimeout(timer);
    this.timers.clear();
    this.retryTimers.clear();
    this.retries.clear();
  }

  private hook(conn: WebrtcConn): void {
    if (this.hooked.has(conn)) return;
    this.hooked.add(conn);
    const peer = conn.peer as SimplePeer;
    // Every connection, including replacements, carries messages of any size (message-frames.ts),
    // sealed under the case key (channel-seal.ts).
    frameMessages(conn.peer as unknown as FramablePeer, this.host.codec);
    if (peer.initiator) this.negotiating.add(conn);
    peer.on('connect', () => {
      this.settle(conn);
      this.retries.delete(conn.remotePeerId);
    });
    peer.on('close', () => {
      const failed = !conn.connected && this.negotiating.has(conn);
      this.settle(conn);
      if (failed) this.scheduleRetry(conn.remotePeerId);
    });
    this.guardOffers(conn, peer);
    if (!conn.connected) {
      this.timers.set(
        conn,
        setTimeout(() => {
          this.timers.delete(conn);
          if (!conn.connected && !conn.closed) peer.destroy(); // emits 'close'
        }, this.handshakeTimeoutMs),
      );
    }
  }

  private settle(conn: WebrtcConn): void {
    const timer = this.timers.get(conn);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(conn);
    this.host.changed();
  }

  private guardOffers(conn: WebrtcConn, peer: SimplePeer): void {
    const signal = peer.signal.bind(peer);
    peer.signal = (data: unknown) => {
      const isOffer =
        typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'offer';
      const room = this.host.provider()?.room;
      if (isOffer && this.negotiating.has(conn) && room?.webrtcConns.get(conn.remotePeerId) === conn) {
        this.replace(conn, false)?.peer.signal(data);
        return;
      }
      if (isOffer) this.negotiating.add(conn);
      signal(data);
    };
  }

  /** Swaps `stale` for a new connection to the same peer; the stale one is silenced first. */
  private replace(stale: WebrtcConn, initiator: boolean): WebrtcConn | null {
    const provider = this.host.provider();
    const room = provider?.room;
    const signaling = provider?.signalingConns.find((c) => c.connected);
    if (!room || !signaling) return null;
    const timer = this.timers.get(stale);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(stale);
    // y-webrtc's close handler deletes by peer id and would remove the replacement too.
    const peer = stale.peer as SimplePeer;
    for (const event of ['close', 'error', 'connect', 'data', 'signal']) peer.removeAllListeners(event);
    peer.destroy();
    const fresh = new WebrtcConn(signaling, initiator, stale.remotePeerId, room);
    room.webrtcConns.set(stale.remotePeerId, fresh); // hooked by attach()'s wrapper
    return fresh;
  }

  private scheduleRetry(remotePeerId: string): void {
    const attempts = this.retries.get(remotePeerId) ?? 0;
    if (attempts >= MAX_RETRIES || !this.host.wanted()) return;
    this.retries.set(remotePeerId, attempts + 1);
    // Jitter, so two sides that failed together do not collide again.
    const timer = setTimeout(
      () => {
        this.retryTimers.delete(timer);
        this.retry(remotePeerId);
      },
      50 + Math.floor(Math.random() * 250),
    );
    this.retryTimers.add(timer);
  }

  private retry(remotePeerId: string): void {
    const provider = this.host.provider();
    const room = provider?.room;
    const signaling = provider?.signalingConns.find((c) => c.connected);
    if (!this.host.wanted() || !provider || !room || !signaling) return;
    const current = room.webrtcConns.get(remotePeerId);
    if (current && (current.connected || this.negotiating.has(current))) return; // in progress
    if (current) {
      // An idle responder that only caught stray candidates of the failed attempt.
      this.replace(current, true);
    } else if (room.webrtcConns.size < provider.maxConns) {
      room.webrtcConns.set(remotePeerId, new WebrtcConn(signaling, true, remotePeerId, room));
    }
    this.host.changed();
  }
}
