import { selectCase } from '../../shared/contract/index';
import type { Identity } from '../../shared/identity/identity';
import type { WebrtcPeerOptions } from '../../shared/sync/webrtc-transport';
import { listCases } from '../store/case-store';
import type { CasePeerError, CasePeerEvent } from './case-peer';
import { CasePeer } from './case-peer';

/**
 * The always-on peer behind `casepact serve`: one {@link CasePeer} per case of this home that
 * this identity can open, kept online; cases created or joined after start are picked up by
 * scanning the store. y-webrtc re-gossips by itself: each new connection starts with a sync
 * step 1/2 exchange of state vectors, so a peer that was offline receives every entry it lacks
 * (and sends what it wrote meanwhile) as soon as it connects — tested in
 * test/integration/cli-serve-relay.test.ts. Reconnecting to a restarted signaling server is
 * y-webrtc's (lib0 websocket backoff, ≤ 2.5 s): each room re-subscribes and re-announces.
 */
export type CaseServerEvent =
  | CasePeerEvent
  | {
      readonly type: 'online';
      readonly caseId: string;
      readonly title: string | null;
      readonly changes: number;
      /** Epoch of the key in force and its room, where the case's log syncs. */
      readonly epoch: number;
      readonly room: string;
    }
  | { readonly type: 'skipped'; readonly caseId: string; readonly error: CasePeerError }
  | { readonly type: 'closed'; readonly caseId: string; readonly flushed: boolean };

/*
 * A case whose key rotated is followed by its peer (CasePeer: new room, older rooms mirrored). A
 * case this identity is no longer a member of is served until the exchange in progress is done
 * (`removed`, `retired`), then closed and not opened again by later scans.
 */

export interface CaseServerOptions {
  readonly home: string;
  readonly identity: Identity;
  readonly signalingUrls: readonly string[];
  readonly peerOpts: WebrtcPeerOptions;
  /** How often the store is scanned for new cases (ms, default 2000). */
  readonly scanMs?: number;
  readonly onEvent: (event: CaseServerEvent) => void;
}

/** Lock contention is retried on the next scan; anything else (another identity's case) is not. */
const RETRY_CODES: ReadonlySet<CasePeerError['code']> = new Set(['lock-busy']);

export class CaseServer {
  private readonly peers = new Map<string, CasePeer>();
  private readonly skipped = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(private readonly options: CaseServerOptions) {}

  /** Opens every case there is now and starts scanning for new ones. */
  start(): void {
    this.scan();
    this.timer = setInterval(() => this.scan(), this.options.scanMs ?? 2000);
  }

  /** Cases currently online. */
  get size(): number {
    return this.peers.size;
  }

  /** Adds the cases that appeared since the last scan. */
  scan(): void {
    if (this.stopped) return;
    for (const caseId of listCases(this.options.home)) {
      if (this.peers.has(caseId) || this.skipped.has(caseId)) continue;
      const opened = CasePeer.open({
        home: this.options.home,
        caseId,
        identity: this.options.identity,
        signalingUrls: this.options.signalingUrls,
        peerOpts: this.options.peerOpts,
        presence: true,
        onEvent: (event) => {
          this.options.onEvent(event);
          if (event.type === 'retired') setTimeout(() => this.retire(caseId), 0);
        },
      });
      if (!opened.ok) {
        if (!RETRY_CODES.has(opened.error.code)) this.skipped.add(caseId);
        this.options.onEvent({ type: 'skipped', caseId, error: opened.error });
        continue;
      }
      const peer = opened.peer;
      this.peers.set(caseId, peer);
      this.options.onEvent({
        type: 'online',
        caseId,
        title: selectCase(peer.replica.contract)?.title ?? null,
        changes: peer.replica.applied().length,
        ...peer.keyInForce(),
      });
      peer.start();
    }
  }

  /** Closes a case whose peer retired (this identity is no longer a member); later scans skip it. */
  private retire(caseId: string): void {
    const peer = this.peers.get(caseId);
    if (!peer || this.stopped) return;
    this.peers.delete(caseId);
    this.skipped.add(caseId);
    const closed = peer.close();
    this.options.onEvent({ type: 'closed', caseId, flushed: closed.flushed });
  }

  /** Display names of a served case's members (for reports); empty for an unknown case. */
  names(caseId: string): ReadonlyMap<string, string> {
    return this.peers.get(caseId)?.names() ?? new Map();
  }

  /** Flushes (fsync) and closes every case; leaves every room. */
  stop(): { flushed: number; failed: number } {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    let flushed = 0;
    let failed = 0;
    for (const [caseId, peer] of this.peers) {
      const closed = peer.close();
      if (closed.flushed) flushed += 1;
      else failed += 1;
      this.options.onEvent({ type: 'closed', caseId, flushed: closed.flushed });
    }
    this.peers.clear();
    return { flushed, failed };
  }
}
