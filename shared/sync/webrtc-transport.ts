import type * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider } from 'y-webrtc';
import { channelCodec } from './channel-seal';
import { ConnGuard } from './webrtc-conn-guard';
import type { CaseTransport } from './transport';
import type { SyncStatus, SyncStatusListener } from './sync-status';
import { SyncStatusTracker } from './sync-status';
import { deriveRoomSecrets } from './room-derivation';
import type { SyncResult } from './sync-result';
import { syncFail, syncOk } from './sync-result';

/**
 * simple-peer options passed through y-webrtc (`peerOpts`). In the browser leave `wrtc`
 * out; in Node pass the node-datachannel polyfill (cli/peer/node-webrtc.ts does that).
 */
export interface WebrtcPeerOptions {
  readonly wrtc?: unknown;
  /** RTCPeerConnection configuration. `iceServers` defaults to [] (see {@link buildPeerOptions}). */
  readonly config?: { readonly iceServers?: readonly unknown[]; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** Options of {@link createWebrtcTransport}. */
export interface WebrtcTransportOptions {
  /** The case's log document (sealed envelopes). Never the contract document. */
  readonly doc: Y.Doc;
  /** The 32-byte case key; room name and password are derived from it. */
  readonly caseKey: Uint8Array;
  /** Our signaling servers (ws:// or wss://, no query or fragment). [] = no signaling at all. */
  readonly signalingUrls: readonly string[];
  readonly peerOpts?: WebrtcPeerOptions;
  /** Presence channel; created (and destroyed with the transport) when omitted. */
  readonly awareness?: Awareness;
  /** Most WebRTC connections this room opens (y-webrtc default: random 20..34). */
  readonly maxConns?: number;
  /**
   * Also meet same-origin tabs/windows over BroadcastChannel (default true). Pass false in
   * Node: there it reaches only worker threads of the same process, and y-webrtc would still
   * AES-GCM-encrypt every update for it (~0.1 ms each, measured).
   */
  readonly broadcastChannel?: boolean;
  /** A peer whose handshake has not completed after this long is dropped (default 20 s). */
  readonly handshakeTimeoutMs?: number;
  readonly now?: () => number;
}

/** A {@link CaseTransport} over y-webrtc, with the room it joined. */
export interface WebrtcCaseTransport extends CaseTransport {
  /** Derived room name (the only case-related string the signaling server sees). */
  readonly roomName: string;
  /** The y-webrtc provider, null before the first `connect()`. For diagnostics and tests. */
  readonly provider: WebrtcProvider | null;
}

// y-webrtc keeps one room per name per JavaScript realm and throws asynchronously (an
// unhandled rejection) on a second one; we refuse it up front with a typed error instead.
const openRooms = new Set<string>();

const SIGNALING_URL = /^wss?:\/\/[A-Za-z0-9.\-[\]:]+(\/[A-Za-z0-9._~\-/]*)?$/;

/** True for a ws:// or wss:// URL without credentials, query or fragment. */
export function isSignalingUrl(url: string): boolean {
  return SIGNALING_URL.test(url);
}

/**
 * simple-peer options with safe defaults. simple-peer's own default `config` lists Google
 * and Twilio STUN servers, which would be contacted on every connection: we always pass
 * `iceServers` (default none; host candidates only), so no third party is contacted unless
 * the user configured a STUN/TURN server.
 */
export function buildPeerOptions(peerOpts: WebrtcPeerOptions = {}): WebrtcPeerOptions {
  return {
    ...peerOpts,
    config: { ...peerOpts.config, iceServers: [...(peerOpts.config?.iceServers ?? [])] },
  };
}

/**
 * Creates a transport that syncs `doc` with the peers of the case's room over y-webrtc.
 * Offline until `connect()`. Requires `await sodiumReady()` beforehand.
 *
 * What is contacted: only `signalingUrls` (passed explicitly, so y-webrtc's public default
 * server is never used), the peers they introduce, and STUN/TURN servers only if listed in
 * `peerOpts.config.iceServers`. Same-origin tabs also meet over BroadcastChannel, encrypted
 * with the room password (`filterBcConns: true`: a tab reached that way gets no WebRTC link).
 */
export function createWebrtcTransport(options: WebrtcTransportOptions): SyncResult<WebrtcCaseTransport> {
  const secrets = deriveRoomSecrets(options.caseKey);
  if (!secrets.ok) return secrets;
  for (const url of options.signalingUrls) {
    if (!isSignalingUrl(url)) {
      return syncFail({
        code: 'invalid-signaling-url',
        url: url.slice(0, 200),
        message: 'signaling URLs must be ws:// or wss:// with no credentials, query or fragment',
      });
    }
  }
  if (openRooms.has(secrets.value.roomName)) {
    return syncFail({ code: 'room-already-open', message: 'this case is already connected in this process' });
  }
  openRooms.add(secrets.value.roomName);
  return syncOk(new YWebrtcTransport(options, secrets.value.roomName, secrets.value.password));
}

class YWebrtcTransport implements WebrtcCaseTransport {
  readonly awareness: Awareness;
  provider: WebrtcProvider | null = null;
  private readonly ownsAwareness: boolean;
  private readonly tracker: SyncStatusTracker;
  private readonly signalingUrls: string[];
  private readonly peerOpts: WebrtcPeerOptions;
  private readonly guard: ConnGuard;
  private hookedSignaling: { conn: { off(name: string, f: () => void): void } }[] = [];
  private savedPresence: Record<string, unknown> | null = null;
  private wanted = false;
  private destroyed = false;

  constructor(
    private readonly options: WebrtcTransportOptions,
    readonly roomName: string,
    private readonly password: string,
  ) {
    this.ownsAwareness = !options.awareness;
    this.awareness = options.awareness ?? new Awareness(options.doc);
    this.tracker = new SyncStatusTracker(options.now ?? Date.now);
    this.signalingUrls = [...options.signalingUrls];
    this.peerOpts = buildPeerOptions(options.peerOpts);
    this.guard = new ConnGuard(
      {
        provider: () => this.provider,
        wanted: () => this.wanted,
        changed: this.refresh,
        codec: channelCodec(options.caseKey),
      },
      options.handshakeTimeoutMs ?? 20_000,
    );
  }

  connect(): void {
    if (this.destroyed || this.wanted) return;
    this.wanted = true;
    if (this.savedPresence) this.awareness.setLocalState(this.savedPresence);
    this.savedPresence = null;
    if (!this.provider) {
      // The constructor connects by itself; `signaling` is always explicit (never the public default).
      this.provider = new WebrtcProvider(this.roomName, this.options.doc, {
        signaling: this.signalingUrls,
        password: this.password,
        awareness: this.awareness,
        filterBcConns: true,
        peerOpts: this.peerOpts,
        ...(this.options.maxConns ? { maxConns: this.options.maxConns } : {}),
      });
      this.provider.on('peers', this.refresh);
      this.provider.on('status', this.refresh);
      this.provider.on('synced', this.onSynced);
      this.options.doc.on('update', this.onDocUpdate);
    } else {
      this.provider.connect();
    }
    this.hookSignaling();
    this.refresh();
  }

  disconnect(): void {
    if (!this.wanted || !this.provider) return;
    this.wanted = false;
    // y-webrtc clears our awareness state on disconnect; keep it to restore on reconnect.
    this.savedPresence = this.awareness.getLocalState();
    this.unhookSignaling();
    this.provider.disconnect();
    this.guard.clear();
    this.refresh();
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
    if (this.provider) {
      this.options.doc.off('update', this.onDocUpdate);
      this.provider.destroy();
    }
    if (this.ownsAwareness) this.awareness.destroy();
    openRooms.delete(this.roomName);
  }

  private hookSignaling(): void {
    const provider = this.provider;
    if (!provider) return;
    for (const conn of new Set(provider.signalingConns)) {
      conn.on('connect', this.refresh);
      conn.on('disconnect', this.refresh);
      this.hookedSignaling.push({ conn });
    }
  }

  private unhookSignaling(): void {
    for (const { conn } of this.hookedSignaling) {
      conn.off('connect', this.refresh);
      conn.off('disconnect', this.refresh);
    }
    this.hookedSignaling = [];
  }

  private countPeers(): number {
    const room = this.provider?.room;
    if (!room || !this.wanted) return 0;
    let open = 0;
    for (const conn of room.webrtcConns.values()) if (conn.connected && !conn.closed) open++;
    return open + room.bcConns.size;
  }

  private readonly refresh = (): void => {
    if (this.destroyed) return;
    this.guard.attach();
    const room = this.provider?.room;
    // y-webrtc has no switch for BroadcastChannel; its broadcast path checks `bcconnected`,
    // which every room.connect() sets again, and every connect is followed by a 'status' event.
    if (room && this.options.broadcastChannel === false) room.bcconnected = false;
    const connectedSignaling = this.wanted
      ? new Set(this.provider?.signalingConns.filter((conn) => conn.connected)).size
      : 0;
    this.tracker.setFacts({
      wanted: this.wanted,
      peers: this.countPeers(),
      signalingConnected: connectedSignaling,
      signalingTotal: this.signalingUrls.length,
    });
  };

  private readonly onSynced = (event: { synced: boolean }): void => {
    if (event.synced && this.countPeers() > 0) this.tracker.markSynced();
    this.refresh();
  };

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    // y-webrtc applies remote updates with its Room as origin; local ones go out to open peers.
    if (origin === this.provider?.room || this.countPeers() > 0) this.tracker.markSynced();
  };
}
