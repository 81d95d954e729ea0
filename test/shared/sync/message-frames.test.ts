import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FRAME_BYTES,
  FRAME_HEADER_BYTES,
  FrameReassembler,
  MAX_FRAMED_MESSAGE_BYTES,
  encodeFrames,
  needsFrames,
} from '../../../shared/sync/message-frames';

interface Vector {
  messageLength: number;
  messageId: number;
  frames: { headerHex: string; payloadLength: number; sha256: string }[];
}
const file = JSON.parse(
  readFileSync(new URL('../../vectors/message-frames.json', import.meta.url), 'utf8'),
) as { version: number; message: string; vectors: Vector[] };

/** The vector file's message: byte i is (7 i + 3) mod 256. */
function patterned(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (7 * i + 3) % 256);
}
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function reassemble(frames: readonly Uint8Array[], reassembler = new FrameReassembler()) {
  return frames.map((frame) => reassembler.accept(frame));
}

describe('message frames v1', () => {
  it('matches every test vector in test/vectors/message-frames.json', () => {
    expect(file.version).toBe(1);
    for (const vector of file.vectors) {
      const frames = encodeFrames(patterned(vector.messageLength), vector.messageId);
      expect(
        frames.map((frame) => ({
          headerHex: hex(frame.subarray(0, FRAME_HEADER_BYTES)),
          payloadLength: frame.byteLength - FRAME_HEADER_BYTES,
          sha256: sha256(frame),
        })),
      ).toEqual(vector.frames);
    }
  });

  it('leaves messages up to one frame unframed, and frames never pass the frame size', () => {
    expect(needsFrames(new Uint8Array(FRAME_BYTES))).toBe(false);
    expect(needsFrames(new Uint8Array(FRAME_BYTES + 1))).toBe(true);
    for (const frame of encodeFrames(patterned(5 * FRAME_BYTES + 17), 1)) {
      expect(frame.byteLength).toBeLessThanOrEqual(FRAME_BYTES);
    }
  });

  it('rebuilds a framed message, and passes y-webrtc messages through', () => {
    const message = patterned(3 * FRAME_BYTES + 5);
    const outcomes = reassemble([Uint8Array.of(0, 0, 1), ...encodeFrames(message, 9)]);
    expect(outcomes[0]).toEqual({ kind: 'message', message: Uint8Array.of(0, 0, 1) });
    expect(outcomes.slice(1, -1).every((o) => o.kind === 'partial')).toBe(true);
    const last = outcomes.at(-1);
    expect(last?.kind === 'message' && hex(last.message) === hex(message)).toBe(true);
  });

  it('passes unframed messages through while a framed one is half received', () => {
    const frames = encodeFrames(patterned(2 * FRAME_BYTES), 3);
    const reassembler = new FrameReassembler();
    expect(reassembler.accept(frames[0] as Uint8Array).kind).toBe('partial');
    expect(reassembler.accept(Uint8Array.of(1, 2)).kind).toBe('message');
    const rest = frames.slice(1).map((frame) => reassembler.accept(frame));
    expect(rest.at(-1)?.kind).toBe('message');
  });

  it('drops a message whose frames are missing, repeated, reordered, mixed or lying', () => {
    const frames = encodeFrames(patterned(3 * FRAME_BYTES), 4);
    const [a, b, c] = frames as [Uint8Array, Uint8Array, Uint8Array];
    const other = encodeFrames(patterned(3 * FRAME_BYTES), 5);
    const withByte = (frame: Uint8Array, offset: number, value: number) => {
      const copy = frame.slice();
      copy[offset] = value;
      return copy;
    };
    const cases: [string, Uint8Array[]][] = [
      ['missing middle', [a, c]],
      ['repeated', [a, b, b, c]],
      ['reordered', [a, c, b]],
      ['mixed messages', [a, other[1] as Uint8Array, c]],
      ['no first frame', [b, c]],
      ['bad version', [withByte(a, 4, 2), b, c]],
      ['count changes', [a, withByte(b, 16, 9), c]],
      ['index past count', [withByte(a, 12, 7)]],
      ['short header', [a.subarray(0, 10)]],
      ['total changes', [a, withByte(b, 20, 1), c]],
    ];
    for (const [name, sequence] of cases) {
      const outcomes = reassemble(sequence);
      expect(
        outcomes.some((o) => o.kind === 'message'),
        name,
      ).toBe(false);
      expect(
        outcomes.some((o) => o.kind === 'dropped'),
        name,
      ).toBe(true);
    }
  });

  it('refuses to allocate a message larger than the limit', () => {
    const frame = encodeFrames(patterned(FRAME_BYTES + 1), 1)[0] as Uint8Array;
    new DataView(frame.buffer).setUint32(17, MAX_FRAMED_MESSAGE_BYTES + 1);
    expect(new FrameReassembler().accept(frame)).toEqual({ kind: 'dropped', reason: 'too-large' });
  });

  it('never throws on random frames', () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const reassembler = new FrameReassembler();
    const base = encodeFrames(patterned(2 * FRAME_BYTES), 2);
    for (let i = 0; i < 5000; i++) {
      const frame = (base[next() % base.length] as Uint8Array).slice(0, 4 + (next() % 64));
      for (let flips = next() % 4; flips > 0; flips--) {
        const at = 4 + (next() % (frame.byteLength - 4));
        frame[at] = next() % 256;
      }
      expect(() => reassembler.accept(frame)).not.toThrow();
    }
  });
});
