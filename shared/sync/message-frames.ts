/**
 * Message framing v1 for y-webrtc data channels (docs/sync.md §7). y-webrtc sends a peer the
 * whole missing part of a log document as ONE message (sync step 2), and a data channel refuses
 * messages past its negotiated limit (browsers and libdatachannel: 256 KiB, about 600 changes of
 * a case), so a fresh peer of a larger case would never sync. A message longer than
 * {@link FRAME_BYTES} is cut into frames; shorter ones go out unchanged, so the common path
 * costs nothing and small messages still reach stock y-webrtc peers.
 *
 *   frame = MAGIC (4) | version u8 = 1 | messageId u32 | index u32 | count u32 | total u32 | payload
 *
 * Integers big-endian. MAGIC's first byte, read as y-webrtc's varuint message type, is 126,
 * which y-webrtc never sends (it uses 0, 1, 3, 4), so a frame is never mistaken for a message.
 * Frames of one message travel in order on an ordered, reliable channel (y-webrtc's default).
 */

export const FRAME_MAGIC: Uint8Array = Uint8Array.of(0x7e, 0x43, 0x50, 0x46); // "~CPF"
export const FRAME_VERSION = 1;
export const FRAME_HEADER_BYTES = 21;
/** Largest data-channel message we send: well under every implementation's limit. */
export const FRAME_BYTES = 64 * 1024;
/** Largest message a peer may send us in frames (a 10,000-change case is ~4 MB). */
export const MAX_FRAMED_MESSAGE_BYTES = 128 * 1024 * 1024;

const PAYLOAD_BYTES = FRAME_BYTES - FRAME_HEADER_BYTES;

/** True when `message` must be framed to be sent. */
export function needsFrames(message: Uint8Array): boolean {
  return message.byteLength > FRAME_BYTES;
}

/** Cuts `message` into frames tagged `messageId` (callers number their messages). */
export function encodeFrames(message: Uint8Array, messageId: number): Uint8Array[] {
  const count = Math.max(1, Math.ceil(message.byteLength / PAYLOAD_BYTES));
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const payload = message.subarray(index * PAYLOAD_BYTES, (index + 1) * PAYLOAD_BYTES);
    const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
    const view = new DataView(frame.buffer);
    frame.set(FRAME_MAGIC, 0);
    view.setUint8(4, FRAME_VERSION);
    view.setUint32(5, messageId >>> 0);
    view.setUint32(9, index);
    view.setUint32(13, count);
    view.setUint32(17, message.byteLength);
    frame.set(payload, FRAME_HEADER_BYTES);
    frames.push(frame);
  }
  return frames;
}

/** Why a frame was dropped (for diagnostics and tests). */
export type FrameRefusal =
  | 'short-header'
  | 'bad-version'
  | 'bad-count'
  | 'too-large'
  | 'out-of-order'
  | 'overflow'
  | 'length-mismatch';

export type FrameOutcome =
  | { readonly kind: 'message'; readonly message: Uint8Array }
  | { readonly kind: 'partial' }
  | { readonly kind: 'dropped'; readonly reason: FrameRefusal };

function isFrame(data: Uint8Array): boolean {
  return (
    data.byteLength >= FRAME_MAGIC.byteLength &&
    data[0] === FRAME_MAGIC[0] &&
    data[1] === FRAME_MAGIC[1] &&
    data[2] === FRAME_MAGIC[2] &&
    data[3] === FRAME_MAGIC[3]
  );
}

/**
 * Rebuilds messages from one channel's incoming data. Unframed data passes through; a frame that
 * breaks the rules drops the message it belongs to (a peer can only waste its own message).
 */
export class FrameReassembler {
  /** Payloads are kept as they come and joined at the end: memory follows what was really sent, never the declared total. */
  private partial: {
    id: number;
    next: number;
    count: number;
    total: number;
    chunks: Uint8Array[];
    filled: number;
  } | null = null;

  accept(data: Uint8Array): FrameOutcome {
    if (!isFrame(data)) return { kind: 'message', message: data };
    if (data.byteLength < FRAME_HEADER_BYTES) return this.drop('short-header');
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (view.getUint8(4) !== FRAME_VERSION) return this.drop('bad-version');
    const id = view.getUint32(5);
    const index = view.getUint32(9);
    const count = view.getUint32(13);
    const total = view.getUint32(17);
    if (count === 0 || index >= count) return this.drop('bad-count');
    if (total > MAX_FRAMED_MESSAGE_BYTES) return this.drop('too-large');
    if (index === 0) this.partial = { id, next: 0, count, total, chunks: [], filled: 0 };
    const partial = this.partial;
    if (!partial || partial.id !== id || partial.next !== index || partial.count !== count) {
      return this.drop('out-of-order');
    }
    if (partial.total !== total) return this.drop('length-mismatch');
    const payload = data.subarray(FRAME_HEADER_BYTES);
    if (partial.filled + payload.byteLength > total) return this.drop('overflow');
    // A copy: the channel may reuse the buffer it handed us.
    partial.chunks.push(payload.slice());
    partial.filled += payload.byteLength;
    partial.next += 1;
    if (partial.next < count) return { kind: 'partial' };
    this.partial = null;
    if (partial.filled !== total) return { kind: 'dropped', reason: 'length-mismatch' };
    const message = new Uint8Array(total);
    let offset = 0;
    for (const chunk of partial.chunks) {
      message.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { kind: 'message', message };
  }

  private drop(reason: FrameRefusal): FrameOutcome {
    this.partial = null;
    return { kind: 'dropped', reason };
  }
}
