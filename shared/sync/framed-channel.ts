import type { ChannelCodec } from './channel-seal';
import { FrameReassembler, encodeFrames, needsFrames } from './message-frames';

/** What framing needs of a simple-peer instance (the `peer` of a y-webrtc connection). */
export interface FramablePeer {
  send(data: Uint8Array): void;
  /** Bytes waiting in the data channel (simple-peer's getter over RTCDataChannel.bufferedAmount). */
  readonly bufferSize: number;
  readonly destroyed?: boolean;
  on(event: 'data', listener: (data: Uint8Array) => void): void;
  on(event: 'close', listener: () => void): void;
  listeners(event: 'data'): unknown[];
  removeAllListeners(event: 'data'): void;
}

/**
 * Frames sent while more than this waits in the channel's buffer wait for it to drain. Browsers
 * close a data channel whose buffer passes 16 MiB; a large sync step 2 would otherwise get there.
 */
const HIGH_WATER_BYTES = 1024 * 1024;
const DRAIN_POLL_MS = 5;

const framed = new WeakSet<object>();

/**
 * Makes a simple-peer send and receive messages of any size over its data channel: `send` cuts
 * large messages into frames (message-frames.ts) and paces them by the channel's buffer; the
 * `data` listeners get whole messages. With a `codec` (channel-seal.ts), every message is sealed
 * before it is framed and opened after it is reassembled; one that does not open is dropped.
 * Call before any data can arrive, i.e. right after y-webrtc creates the connection (ConnGuard
 * does). Idempotent.
 */
export function frameMessages(peer: FramablePeer, codec?: ChannelCodec): void {
  if (framed.has(peer)) return;
  framed.add(peer);
  const sendRaw = peer.send.bind(peer);
  const queue: Uint8Array[] = [];
  let nextId = 1;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const pump = (): void => {
    timer = null;
    if (peer.destroyed) {
      queue.length = 0;
      return;
    }
    try {
      while (queue.length > 0 && (peer.bufferSize ?? 0) < HIGH_WATER_BYTES)
        sendRaw(queue.shift() as Uint8Array);
    } catch {
      // The channel is closing: what waits is lost with it, as y-webrtc's own sends would be
      // (it ignores send errors); the peer resyncs on its next connection.
      queue.length = 0;
      return;
    }
    if (queue.length > 0) timer = setTimeout(pump, DRAIN_POLL_MS);
  };

  peer.send = (plain: Uint8Array): void => {
    const data = codec ? codec.seal(plain) : plain;
    if (!needsFrames(data) && queue.length === 0) {
      sendRaw(data); // the common case: no copy, no delay
      return;
    }
    // Later small messages queue behind a large one: the peer sees them in the order sent.
    if (needsFrames(data)) queue.push(...encodeFrames(data, nextId++));
    else queue.push(data);
    if (timer === null) pump();
  };

  // 'data' listeners, those registered so far (y-webrtc's) and later ones (ExchangeWatch), get
  // whole messages; frames stay invisible above this layer.
  const reassembler = new FrameReassembler();
  const deliver = peer.listeners('data') as ((data: Uint8Array) => void)[];
  peer.removeAllListeners('data');
  const on = peer.on.bind(peer) as (event: string, listener: (...args: never[]) => void) => void;
  on('data', (data: Uint8Array) => {
    const outcome = reassembler.accept(data);
    if (outcome.kind !== 'message') return;
    // A dropped message costs only its sender: y-webrtc resyncs on the next exchange. One that
    // does not open came from something without the case key (or was damaged): never delivered.
    const message = codec ? codec.open(outcome.message) : outcome.message;
    if (message) for (const listener of [...deliver]) listener(message);
  });
  peer.on = ((event: string, listener: (...args: never[]) => void) => {
    if (event === 'data') deliver.push(listener as (data: Uint8Array) => void);
    else on(event, listener);
    return peer;
  }) as FramablePeer['on'];
  peer.on('close', () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    queue.length = 0;
  });
}
