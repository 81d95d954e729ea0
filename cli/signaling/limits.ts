/**
 * Every bound the signaling server enforces, in one place so the CLI flags, the docs
 * (docs/signaling.md, "Limits") and the tests all refer to the same names.
 */
export interface SignalingLimits {
  /** Largest WebSocket message accepted, in bytes; larger ones close the connection (1009). */
  readonly maxMessageBytes: number;
  /** Topics (rooms) one connection may be subscribed to at once. */
  readonly maxTopicsPerConnection: number;
  /** Longest topic name, in UTF-16 code units. y-webrtc room names derived from a key are ~64. */
  readonly maxTopicLength: number;
  /** Subscribers one topic may have; bounds the fan-out a single publish can cause. */
  readonly maxSubscribersPerTopic: number;
  /** Open connections from one address (IPv4, or IPv6 /64). Refused with HTTP 429 beyond. */
  readonly maxConnectionsPerAddress: number;
  /** Open connections in total. Refused with HTTP 503 beyond. */
  readonly maxConnections: number;
  /** Token bucket size: messages a connection may send in one burst. */
  readonly rateBurst: number;
  /** Token bucket refill: sustained messages per second per connection. */
  readonly ratePerSecond: number;
  /** Deepest nesting of a publish's `data` (y-webrtc sends a string or a 3-level object). */
  readonly maxDataDepth: number;
  /** A WebSocket ping is sent this often; a peer that has not answered the previous one is dropped. */
  readonly pingIntervalMs: number;
  /** A receiver whose unsent backlog exceeds this is too slow to keep and is dropped. */
  readonly maxBufferedBytes: number;
}

/**
 * Defaults sized for y-webrtc: a joining peer publishes an announce per room plus an offer or
 * answer and a few ICE candidates per remote peer, and an always-on peer holds hundreds of rooms
 * on one connection, so the burst covers one announce per allowed topic with room to spare.
 */
export const DEFAULT_LIMITS: SignalingLimits = Object.freeze({
  maxMessageBytes: 64 * 1024,
  maxTopicsPerConnection: 512,
  maxTopicLength: 256,
  maxSubscribersPerTopic: 256,
  maxConnectionsPerAddress: 64,
  maxConnections: 10_000,
  rateBurst: 1024,
  ratePerSecond: 200,
  maxDataDepth: 16,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 1024 * 1024,
});

/** Why a limits override was refused. */
export interface LimitsError {
  readonly code: 'invalid-limit';
  readonly limit: string;
  readonly message: string;
}

export type LimitsResult =
  | { readonly ok: true; readonly limits: SignalingLimits }
  | { readonly ok: false; readonly error: LimitsError };

const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as (keyof SignalingLimits)[];

/** The limits' names, for the CLI to map `--max-topics-per-connection`-style flags onto. */
export function limitNames(): readonly (keyof SignalingLimits)[] {
  return LIMIT_NAMES;
}

/**
 * Merges overrides onto the defaults. Every limit must be a positive safe integer: a zero,
 * negative, fractional or NaN bound would silently disable a protection, so it is refused.
 */
export function resolveLimits(overrides: Partial<Record<string, unknown>> = {}): LimitsResult {
  const merged: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!(LIMIT_NAMES as string[]).includes(name)) {
      return { ok: false, error: { code: 'invalid-limit', limit: name, message: `unknown limit "${name}"` } };
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      return {
        ok: false,
        error: { code: 'invalid-limit', limit: name, message: `limit "${name}" must be a positive integer` },
      };
    }
    merged[name] = value;
  }
  return { ok: true, limits: Object.freeze(merged) as unknown as SignalingLimits };
}
