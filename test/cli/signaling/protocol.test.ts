import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParseLimits, PublishMessage } from '../../../cli/signaling/protocol';
import {
  PONG_FRAME,
  decodeFrame,
  encodePublish,
  jsonDepthExceeds,
  parseClientMessage,
} from '../../../cli/signaling/protocol';

interface Vectors {
  limits: ParseLimits;
  accepted: { frame: string; message: unknown }[];
  refused: { frame: string; code: string }[];
  relayed: { publish: PublishMessage; clients: number; frame: string }[];
  pong: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('./vectors/protocol.json', import.meta.url), 'utf8'),
) as Vectors;

describe('protocol test vectors (test/cli/signaling/vectors/protocol.json)', () => {
  it.each(vectors.accepted)('accepts $frame', ({ frame, message }) => {
    expect(parseClientMessage(frame, vectors.limits)).toEqual({ ok: true, message });
  });

  it.each(vectors.refused)('refuses $frame as $code', ({ frame, code }) => {
    expect(parseClientMessage(frame, vectors.limits)).toEqual({ ok: false, error: { code } });
  });

  it.each(vectors.relayed)('relays as $frame', ({ publish, clients, frame }) => {
    expect(encodePublish(publish, clients)).toBe(frame);
  });

  it('answers ping with the pong frame', () => {
    expect(PONG_FRAME).toBe(vectors.pong);
  });
});

describe('parser robustness', () => {
  const limits = { maxTopicLength: 256, maxTopicsPerMessage: 512, maxDataDepth: 16 };

  it('measures depth without recursion, so 100,000 levels cannot overflow the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(jsonDepthExceeds(deep, 16)).toBe(true);
    expect(jsonDepthExceeds([[[1]]], 3)).toBe(false);
    expect(jsonDepthExceeds([[[[1]]]], 3)).toBe(true);
    expect(jsonDepthExceeds('flat', 1)).toBe(false);
  });

  it('refuses deep publish data instead of throwing when it would be serialised', () => {
    const frame = `{"type":"publish","topic":"t","data":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`;
    expect(parseClientMessage(frame, limits)).toEqual({ ok: false, error: { code: 'data-too-deep' } });
  });

  it('does not let __proto__ in a message reach Object.prototype', () => {
    const parsed = parseClientMessage('{"__proto__":{"polluted":1},"type":"ping"}', limits);
    expect(parsed.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('decodes binary frames only when they are valid UTF-8', () => {
    expect(decodeFrame(Buffer.from('{"type":"ping"}'))).toEqual({ ok: true, text: '{"type":"ping"}' });
    expect(decodeFrame(Buffer.from([0xff, 0xfe, 0x7b]))).toEqual({ ok: false });
    expect(decodeFrame('text')).toEqual({ ok: true, text: 'text' });
  });

  it('never throws on arbitrary input', () => {
    const samples = ['', '{', '}', '[]', '1e999', '"\\ud800"', '{"type":"publish","topic":"t","data":1e999}'];
    for (let i = 0; i < 2000; i++) {
      samples.push(String.fromCharCode(...Array.from({ length: i % 40 }, (_, j) => (i * 31 + j * 17) % 128)));
    }
    for (const sample of samples) expect(() => parseClientMessage(sample, limits)).not.toThrow();
  });
});
