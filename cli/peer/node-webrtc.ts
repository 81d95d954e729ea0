import polyfill, { RTCPeerConnection } from 'node-datachannel/polyfill';
import nodeDataChannel from 'node-datachannel';
import WebSocket from 'ws';
import type { WebrtcPeerOptions } from '../../shared/sync/webrtc-transport';

/**
 * Node-only glue so y-webrtc runs unchanged in a Node process (issue 5: "Node peers use real
 * WebRTC with the same y-webrtc code path"). Two gaps to fill:
 *  - lib0/websocket (y-webrtc's signaling client) uses the global `WebSocket`, which Node 20
 *    does not have: {@link installNodeWebSocket} sets it to `ws`.
 *  - simple-peer rewrites `offer.sdp` in place, but node-datachannel's RTCSessionDescription
 *    is read-only, so every offer fails with ERR_CREATE_OFFER and y-webrtc retries forever:
 *    {@link nodeWrtc} returns descriptions as plain objects.
 */

/** Sets `globalThis.WebSocket` to the `ws` client when the runtime has none. Idempotent. */
export function installNodeWebSocket(): void {
  const scope = globalThis as { WebSocket?: unknown };
  if (typeof scope.WebSocket === 'undefined') scope.WebSocket = WebSocket;
}

type Description = { type: string; sdp: string };

class PlainDescriptionPeerConnection extends RTCPeerConnection {
  override async createOffer(): Promise<RTCSessionDescriptionInit> {
    const offer = (await super.createOffer()) as Description;
    return { type: offer.type as RTCSdpType, sdp: offer.sdp };
  }

  override async createAnswer(): Promise<RTCSessionDescriptionInit> {
    const answer = (await super.createAnswer()) as Description;
    return { type: answer.type as RTCSdpType, sdp: answer.sdp };
  }

  override get localDescription(): RTCSessionDescription {
    const description = super.localDescription;
    if (description?.type !== 'offer') return description;
    return { type: 'offer', sdp: offerAsDtlsClient(description.sdp) } as RTCSessionDescription;
  }
}

/**
 * The offer as sent says `a=setup:active`: the offerer will be the DTLS client, so the answerer
 * picks `passive` and waits. Left at `actpass`, libdatachannel answers `active` and the answerer
 * sends its ClientHello as soon as ICE connects — often before the offerer has applied the answer,
 * which drops it, and the handshake then waits for the 1 s DTLS retransmission (6 of 15 loopback
 * joins took ~1.1 s instead of ~80 ms). The offerer only gets ICE connected once it has the
 * answer, so its ClientHello always finds the answerer ready. Its own libdatachannel keeps
 * `actpass` and takes `active` from the answer's `passive`: both ends agree.
 */
export function offerAsDtlsClient(sdp: string): string {
  return sdp.replace(/^a=setup:actpass(?=\r?$)/gm, 'a=setup:active');
}

/** The `wrtc` object simple-peer expects, backed by node-datachannel. */
export function nodeWrtc(): Record<string, unknown> {
  return { ...polyfill, RTCPeerConnection: PlainDescriptionPeerConnection };
}

/** Options of {@link nodePeerOptions}. */
export interface NodePeerOptions {
  /**
   * Local address ICE binds to, e.g. '127.0.0.1' so tests never leave loopback. Without it,
   * host candidates are gathered on every interface.
   */
  readonly bindAddress?: string;
  /** STUN/TURN servers the user configured; none by default (no third party contacted). */
  readonly iceServers?: readonly { urls: string | string[]; username?: string; credential?: string }[];
}

/**
 * y-webrtc `peerOpts` for a Node process: node-datachannel as `wrtc`, an explicit ICE server
 * list, and the optional bind address (a node-datachannel extension of RTCConfiguration).
 * Also installs the global WebSocket, since any Node caller of y-webrtc needs it.
 */
export function nodePeerOptions(options: NodePeerOptions = {}): WebrtcPeerOptions {
  installNodeWebSocket();
  return {
    wrtc: nodeWrtc(),
    config: {
      iceServers: [...(options.iceServers ?? [])],
      ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}),
    },
  };
}

/**
 * Releases node-datachannel's native threads so a finished command can exit. Everything the
 * command reported as saved is saved before this runs, so a cleanup that times out under load
 * ("cleanup timeout (possible deadlock)") must not turn a good run into a failure: it is logged
 * and the CLI entry (bin/casepact.mjs) ends the process shortly after.
 */
export function releaseNodeWebrtc(warn: (line: string) => void = () => {}): void {
  try {
    nodeDataChannel.cleanup();
  } catch (error) {
    warn(`casepact: note: WebRTC shutdown was slow (${(error as Error).message}); nothing unsaved was lost`);
  }
}
