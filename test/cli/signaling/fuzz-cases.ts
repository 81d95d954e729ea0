/**
 * Hostile inputs for the signaling fuzz test, drawn from a seeded generator so a failure can be
 * replayed (the seed is printed by the test).
 */

/** mulberry32: small, fast, good enough to pick fuzz cases reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One frame to send: text or binary. */
export interface HostileFrame {
  readonly kind: string;
  readonly data: string | Buffer;
  readonly binary: boolean;
}

const text = (kind: string, data: string): HostileFrame => ({ kind, data, binary: false });

function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

function randomString(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(Math.floor(random() * 0x2fff));
  return out;
}

function randomJsonValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 3 ? 5 : 7));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return random() * 1e6 - 5e5;
    case 3:
      return randomString(random, Math.floor(random() * 20));
    case 4:
      return Math.floor(random() * 10);
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomJsonValue(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, (_, i) => [
          `k${i}`,
          randomJsonValue(random, depth + 1),
        ]),
      );
  }
}

function nestedData(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Every kind of hostile frame; `goodTopic` is the room well-behaved clients use. */
export function hostileFrame(random: () => number, goodTopic: string): HostileFrame {
  const types = ['subscribe', 'unsubscribe', 'publish', 'ping', 'pong', 'SUBSCRIBE', '', 'constructor'];
  const type = types[Math.floor(random() * types.length)];
  const cases: (() => HostileFrame)[] = [
    () => ({
      kind: 'random-binary',
      data: randomBytes(random, 1 + Math.floor(random() * 512)),
      binary: true,
    }),
    () => ({
      kind: 'random-bytes-as-text',
      data: randomBytes(random, 1 + Math.floor(random() * 256)),
      binary: false,
    }),
    () => text('random-text', randomString(random, 1 + Math.floor(random() * 200))),
    () => text('truncated-json', JSON.stringify({ type: 'subscribe', topics: [goodTopic] }).slice(0, -3)),
    () => text('json-scalar', JSON.stringify(randomJsonValue(random))),
    () =>
      text(
        'wrong-field-types',
        JSON.stringify({
          type,
          topics: randomJsonValue(random),
          topic: randomJsonValue(random),
          data: randomJsonValue(random),
        }),
      ),
    () => text('type-not-string', JSON.stringify({ type: randomJsonValue(random), topics: [goodTopic] })),
    () =>
      text(
        'huge-topic-array',
        JSON.stringify({ type: 'subscribe', topics: Array.from({ length: 600 }, (_, i) => `t${i}`) }),
      ),
    () =>
      text(
        'oversized-topic-array',
        JSON.stringify({ type: 'subscribe', topics: Array.from({ length: 20_000 }, (_, i) => `topic-${i}`) }),
      ),
    () => text('long-topic', JSON.stringify({ type: 'publish', topic: 'x'.repeat(300), data: 'x' })),
    () => text('deep-array', `${'['.repeat(30_000)}${']'.repeat(30_000)}`),
    () => text('join-good-room', `{"type":"subscribe","topics":["${goodTopic}"]}`),
    () => text('deep-publish', `{"type":"publish","topic":"${goodTopic}","data":${nestedData(5_000)}}`),
    () => text('oversized', JSON.stringify({ type: 'publish', topic: goodTopic, data: 'z'.repeat(70_000) })),
    () =>
      text(
        'proto-keys',
        '{"__proto__":{"polluted":true},"type":"subscribe","topics":["__proto__","constructor","toString"]}',
      ),
    () => text('lone-surrogate-topic', '{"type":"subscribe","topics":["\\ud800\\udfff\\ud800"]}'),
    () => text('empty-topic', JSON.stringify({ type: 'publish', topic: '', data: 1 })),
    () => text('missing-data', JSON.stringify({ type: 'publish', topic: goodTopic })),
    () =>
      text(
        'valid-publish-into-good-room',
        JSON.stringify({ type: 'publish', topic: goodTopic, data: 'junk' }),
      ),
    () => text('empty-frame', ''),
  ];
  const chosen = cases[Math.floor(random() * cases.length)] ?? (cases[0] as () => HostileFrame);
  return chosen();
}
