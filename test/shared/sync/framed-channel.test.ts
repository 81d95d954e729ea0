import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { channelCodec } from '../../../shared/sync/channel-seal';
import { frameMessages } from '../../../shared/sync/framed-channel';
import { FRAME_BYTES } from '../../../shared/sync/message-frames';

/**
 * One end of a data channel as simple-peer shows it, with a browser's limits: messages past
 * 256 KiB are refused (RTCDataChannel.send throws), and what is sent waits in a buffer that
 * drains 256 KiB per millisecond; a buffer past 16 MiB closes the channel, as Chromium does.
 */
class ChannelEnd extends EventEmitter {
  other: ChannelEnd | null = null;
  bufferSize = 0;
  destroyed = false;
  largestSent = 0;
  private readonly inFlight: Uint8Array[] = [];

  send(data: Uint8Array): void {
    if (this.destroyed) throw new Error('cannot send after peer is destroyed');
    if (data.byteLength > 256 * 1024) throw new TypeError('message too large');
    if (this.bufferSize + data.byteLength > 16 * 1024 * 1024) {
      this.destroyed = true;
      this.emit('close');
      throw new Error('send queue full');
    }
    this.largestSent = Math.max(this.largestSent, data.byteLength);
    this.bufferSize += data.byteLength;
    this.inFlight.push(data.slice());
    setTimeout(() => this.drain(), 1);
  }

  private drain(): void {
    let budget = 256 * 1024;
    while (budget > 0 && this.inFlight.length > 0) {
      const data = this.inFlight.shift() as Uint8Array;
      budget -= data.byteLength;
      this.bufferSize -= data.byteLength;
      this.other?.emit('data', Buffer.from(data));
    }
    if (this.inFlight.length > 0) setTimeout(() => this.drain(), 1);
  }
}

function pair(): [ChannelEnd, ChannelEnd] {
  const a = new ChannelEnd();
  const b = new ChannelEnd();
  a.other = b;
  b.other = a;
  return [a, b];
}

const sized = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

async function receive(end: ChannelEnd, count: number): Promise<Uint8Array[]> {
  const got: Uint8Array[] = [];
  return new Promise((resolve) => {
    end.on('data', (data: Uint8Array) => {
      got.push(data);
      if (got.length === count) resolve(got);
    });
  });
}

describe('framed data channel', () => {
  it('without framing, a large message is refused by the channel (the failure this prevents)', () => {
    const [a] = pair();
    expect(() => a.send(sized(2 * 1024 * 1024, 1))).toThrow('message too large');
  });

  it('delivers messages of any size whole, in the order sent, to listeners registered before', async () => {
    const [a, b] = pair();
    const got = receive(b, 4); // like y-webrtc: its listener exists before framing is set up
    frameMessages(a);
    frameMessages(b);
    const messages = [sized(10, 1), sized(20 * 1024 * 1024, 2), sized(100, 3), sized(FRAME_BYTES + 1, 4)];
    for (const message of messages) a.send(message);
    const received = await got;
    expect(received.map(hex)).toEqual(messages.map(hex));
    expect(a.largestSent).toBeLessThanOrEqual(FRAME_BYTES);
    expect(a.destroyed).toBe(false); // 20 MiB went through without overfilling the buffer
  });

  it('gives listeners added after framing whole messages too', async () => {
    const [a, b] = pair();
    frameMessages(a);
    frameMessages(b);
    const got = receive(b, 1);
    const message = sized(700 * 1024, 7);
    a.send(message);
    expect(hex((await got)[0] as Uint8Array)).toBe(hex(message));
  });

  it('sends small messages at once, unchanged', () => {
    const [a, b] = pair();
    frameMessages(a);
    frameMessages(b);
    a.send(sized(50, 9));
    expect(a.bufferSize).toBe(50);
  });

  it('is idempotent: hooking twice does not frame twice', async () => {
    const [a, b] = pair();
    const got = receive(b, 1);
    frameMessages(a);
    frameMessages(a);
    frameMessages(b);
    frameMessages(b);
    const message = sized(300 * 1024, 5);
    a.send(message);
    expect(hex((await got)[0] as Uint8Array)).toBe(hex(message));
  });

  it('drops what waits when the channel closes, without throwing from a timer', async () => {
    const [a, b] = pair();
    frameMessages(a);
    frameMessages(b);
    a.send(sized(8 * 1024 * 1024, 6));
    a.destroyed = true;
    a.emit('close');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(a.bufferSize).toBeLessThanOrEqual(1024 * 1024 + FRAME_BYTES);
  });

  describe('sealed with the case key (channel-seal.ts)', () => {
    beforeAll(sodiumReady);
    const key = new Uint8Array(32).fill(5);

    it('seals every message before framing and opens it after: large and small arrive whole', async () => {
      const [a, b] = pair();
      const onWire: Uint8Array[] = [];
      const send = a.send.bind(a);
      a.send = (data: Uint8Array) => {
        onWire.push(data.slice());
        send(data);
      };
      const got = receive(b, 2);
      frameMessages(a, channelCodec(key));
      frameMessages(b, channelCodec(key));
      const messages = [sized(600 * 1024, 1), sized(40, 2)];
      for (const message of messages) a.send(message);
      expect((await got).map(hex)).toEqual(messages.map(hex));
      // Nothing of the plaintext on the wire: the small message went as one sealed message.
      expect(hex(onWire.at(-1) as Uint8Array)).not.toContain(hex(sized(40, 2)).slice(0, 32));
      expect(onWire.at(-1)?.byteLength).toBe(40 + 41);
    });

    it('drops, unopened, what comes from a peer without the key or with another case key', async () => {
      const [a, b] = pair();
      const [c, d] = pair();
      const delivered: Uint8Array[] = [];
      b.on('data', (data: Uint8Array) => delivered.push(data));
      d.on('data', (data: Uint8Array) => delivered.push(data));
      frameMessages(a); // a stock y-webrtc client: no seal
      frameMessages(b, channelCodec(key));
      frameMessages(c, channelCodec(new Uint8Array(32).fill(6)));
      frameMessages(d, channelCodec(key));
      a.send(sized(30, 3));
      a.send(sized(400 * 1024, 4));
      c.send(sized(30, 5));
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(delivered).toEqual([]);
    });
  });
});
