/**
 * The y-webrtc signaling protocol (as spoken by node_modules/y-webrtc/bin/server.js and the
 * SignalingConn in y-webrtc's client), as a typed union with a parser that never throws.
 * Wire format and test vectors: docs/signaling.md, test/cli/signaling/vectors/protocol.json.
 */

/** Joins the connection to each topic (y-webrtc room name). */
export interface SubscribeMessage {
  readonly type: 'subscribe';
  readonly topics: readonly string[];
}

/** Leaves each topic. */
export interface UnsubscribeMessage {
  readonly type: 'unsubscribe';
  readonly topics: readonly string[];
}

/** Relayed verbatim to every subscriber of `topic` (the sender too, as the stock server does). */
export interface PublishMessage {
  readonly type: 'publish';
  readonly topic: string;
  /** Opaque to the server: base64 ciphertext when the room has a password, else a small object. */
  readonly data: unknown;
}

/** Application-level keep-alive; answered with `{"type":"pong"}`. */
export interface PingMessage {
  readonly type: 'ping';
}

/** Every message a client may send. */
export type ClientMessage = SubscribeMessage | UnsubscribeMessage | PublishMessage | PingMessage;

/** Why a message was refused; the connection that sent it is closed with this code as reason. */
export type ProtocolErrorCode =
  | 'not-utf8'
  | 'not-json'
  | 'not-object'
  | 'unknown-type'
  | 'bad-topics'
  | 'bad-topic'
  | 'too-many-topics'
  | 'missing-data'
  | 'data-too-deep';

export interface ProtocolError {
  readonly code: ProtocolErrorCode;
}

export type ParseResult =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly error: ProtocolError };

/** The bounds the parser itself checks (the rest are enforced by the server). */
export interface ParseLimits {
  readonly maxTopicLength: number;
  /** Topics one subscribe/unsubscribe may name; more can never fit a connection anyway. */
  readonly maxTopicsPerMessage: number;
  readonly maxDataDepth: number;
}

const fail = (code: ProtocolErrorCode): ParseResult => ({ ok: false, error: { code } });

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a frame to text. ws has already checked text frames are UTF-8; binary frames are
 * accepted too, because the stock server parses them alike, but only if they are valid UTF-8.
 */
export function decodeFrame(frame: Uint8Array | string): { ok: true; text: string } | { ok: false } {
  if (typeof frame === 'string') return { ok: true, text: frame };
  try {
    return { ok: true, text: utf8.decode(frame) };
  } catch {
    return { ok: false };
  }
}

function isTopic(value: unknown, limits: ParseLimits): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= limits.maxTopicLength;
}

/**
 * Depth of a JSON value, walked without recursion so hostile nesting cannot exhaust the stack;
 * stops as soon as `max` is exceeded.
 */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return false;
}

function parseTopics(
  raw: Record<string, unknown>,
  limits: ParseLimits,
): readonly string[] | ProtocolErrorCode {
  const topics = raw.topics;
  if (!Array.isArray(topics)) return 'bad-topics';
  if (topics.length > limits.maxTopicsPerMessage) return 'too-many-topics';
  for (const topic of topics) if (!isTopic(topic, limits)) return 'bad-topic';
  return topics as string[];
}

/**
 * Parses one client message. Unknown fields are ignored (forward compatibility with
 * y-webrtc); anything else that is not exactly one of the four shapes is refused.
 */
export function parseClientMessage(text: string, limits: ParseLimits): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('not-json');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('not-object');
  const record = raw as Record<string, unknown>;
  switch (record.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = parseTopics(record, limits);
      if (typeof topics === 'string') return fail(topics);
      return { ok: true, message: { type: record.type, topics } };
    }
    case 'publish': {
      if (!isTopic(record.topic, limits)) return fail('bad-topic');
      if (!('data' in record)) return fail('missing-data');
      if (jsonDepthExceeds(record.data, limits.maxDataDepth)) return fail('data-too-deep');
      return { ok: true, message: { type: 'publish', topic: record.topic, data: record.data } };
    }
    case 'ping':
      return { ok: true, message: { type: 'ping' } };
    default:
      return fail('unknown-type');
  }
}

/** The one reply to a ping, serialised once. */
export const PONG_FRAME = '{"type":"pong"}';

/**
 * What subscribers receive for a publish: the stock server's shape, with `clients` set to
 * the number of subscribers the message is sent to.
 */
export function encodePublish(message: PublishMessage, clients: number): string {
  return JSON.stringify({ type: 'publish', topic: message.topic, data: message.data, clients });
}
