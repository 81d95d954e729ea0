import type * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider } from 'y-webrtc';
import { sodium } from '../../shared/crypto/sodium';
import type { CaseTransport } from '../../shared/sync/transport';
import type { SyncStatus, SyncStatusListener } from '../../shared/sync/sync-status';
import { SyncStatusTracker } from '../../shared/sync/sync-status';
import type { ChannelCodec } from '../../shared/sync/channel-seal';
import { channelCodec } from '../../shared/sync/channel-seal';
import { deriveRoomSecrets } from '../../shared/sync/room-derivation';
import { ConnGuard } from '../../shared/sync/webrtc-conn-guard';
import { buildPeerOptions, createWebrtcTransport } from '../../shared/sync/webrtc-transport';
import type { WebrtcPeerOptions } from '../../shared/sync/webrtc-transport';
import type { SyncResult } from '../../shared/sync/sync-result';

/** A transport plus the room it joined, as the harness uses it. */
export interface PeerLink {
  readonly transport: CaseTransport;
  readonly roomName: string;
  /** The y-webrtc Room object, i.e. the transaction origin of updates that came from peers. */
  remoteOrigin(): unknown;
}

/** The Casepact path: derived room name and password, our transport. */
export function openCasepactLink(
  doc: Y.Doc,
  caseKey: Uint8Array,
  signalingUrls: readonly string[],
  peerOpts: WebrtcPeerOptions,
): SyncResult<PeerLink> {
  const created = createWebrtcTransport({ doc, caseKey, signalingUrls, peerOpts, broadcastChannel: false });
  if (!created.ok) return created;
  const transport = created.value;
  return {
    ok: true,
    value: { transport, roomName: transport.roomName, remoteOrigin: () => transport.provider?.room },
  };
}

/**
 * A hostile peer that knows the case key: y-webrtc (BroadcastChannel on, no verification) in the
 * case's real room with its real password. `sealed` (the `rogue` mode): its channel is sealed under
 * the case key like an honest peer's (channel-seal.ts), so whatever it writes reaches honest
 * peers' log documents and their verification pipeline must keep it out of the contract. Not
 * sealed (the `stock` mode): a stock y-webrtc client as its README shows it; honest peers drop
 * every message it sends, unopened.
 */
export function openRogueLink(
  doc: Y.Doc,
  caseKey: Uint8Array,
  signalingUrls: readonly string[],
  peerOpts: WebrtcPeerOptions,
  sealed = true,
): SyncResult<PeerLink> {
  const secrets = deriveRoomSecrets(caseKey);
  if (!secrets.ok) return secrets;
  const transport = new PlainTransport(
    doc,
    secrets.value.roomName,
    signalingUrls,
    peerOpts,
    secrets.value.password,
    sealed ? channelCodec(caseKey) : undefined,
  );
  return {
    ok: true,
    value: { transport, roomName: secrets.value.roomName, remoteOrigin: () => transport.provider?.room },
  };
}

/**
 * Baseline for the latency bench: stock y-webrtc as its README shows it (no password), over
 * the same signaling server and the same `wrtc`. Room name: a hash of the case key, so plain
 * and Casepact pairs of one run never meet.
 */
export function openPlainLink(
  doc: Y.Doc,
  caseKey: Uint8Array,
  signalingUrls: readonly string[],
  peerOpts: WebrtcPeerOptions,
): SyncResult<PeerLink> {
  const roomName = `plain-${sodium().to_hex(sodium().crypto_generichash(16, caseKey, null))}`;
  const transport = new PlainTransport(doc, roomName, signalingUrls, peerOpts);
  return { ok: true, value: { transport, roomName, remoteOrigin: () => transport.provider?.room } };
}

/**
 * Seals every data channel of a stock y-webrtc provider with `codec`, as an honest peer's transport
 * does (a hostile harness that knows the case key). The ConnGuard hooks each connection as
 * y-webrtc makes it; its room exists from the provider's first 'status' event on.
 */
export function sealProviderChannels(provider: WebrtcProvider, codec: ChannelCodec): void {
  const guard = new ConnGuard(
    { provider: () => provider, wanted: () => true, changed: () => {}, codec },
    20_000,
  );
  guard.attach();
  provider.on('status', () => guard.attach());
}

class PlainTransport implements CaseTransport {
  readonly awareness: Awareness;
  provider: WebrtcProvider | null = null;
  private readonly tracker = new SyncStatusTracker();
  private wanted = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly roomName: string,
    private readonly signalingUrls: readonly string[],
    private readonly peerOpts: WebrtcPeerOptions,
    private readonly password?: string,
    private readonly codec?: ChannelCodec,
  ) {
    this.awareness = new Awareness(doc);
  }

  connect(): void {
    if (this.wanted) return;
    this.wanted = true;
    if (this.provider) this.provider.connect();
    else {
      this.provider = new WebrtcProvider(this.roomName, this.doc, {
        signaling: [...this.signalingUrls],
        awareness: this.awareness,
        peerOpts: buildPeerOptions(this.peerOpts),
        ...(this.password ? { password: this.password } : {}),
      });
      this.provider.on('peers', this.refresh);
      if (this.codec) sealProviderChannels(this.provider, this.codec);
    }
    this.refresh();
  }

  disconnect(): void {
    if (!this.wanted) return;
    this.wanted = false;
    this.provider?.disconnect();
    this.refresh();
  }

  status(): SyncStatus {
    return this.tracker.status();
  }

  onStatus(listener: SyncStatusListener): () => void {
    return this.tracker.onStatus(listener);
  }

  destroy(): void {
    this.disconnect();
    this.provider?.destroy();
    this.awareness.destroy();
  }

  private readonly refresh = (): void => {
    const conns = this.provider?.room?.webrtcConns;
    this.tracker.setFacts({
      wanted: this.wanted,
      // Plain mode only needs a rough count (bench waits for the pair); connecting conns included.
      peers: this.wanted && conns ? conns.size : 0,
      signalingConnected: 0,
      signalingTotal: this.signalingUrls.length,
    });
  };
}
