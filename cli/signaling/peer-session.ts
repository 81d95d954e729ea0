import type { RawData, WebSocket } from 'ws';
import type { SignalingLimits } from './limits';
import type { SignalingLogger } from './logger';
import type { ClientMessage, ProtocolErrorCode, PublishMessage } from './protocol';
import { PONG_FRAME, decodeFrame, encodePublish, parseClientMessage } from './protocol';
import { TokenBucket } from './rate-limiter';
import type { TopicRegistry } from './topic-registry';

/** Running totals shown by the health endpoint. */
export interface SignalingCounters {
  messagesReceived: number;
  /** Publish frames delivered to subscribers (one publish to 3 subscribers counts 3). */
  messagesRelayed: number;
  /** Publishes dropped because the sender was not subscribed to the topic. */
  publishesDropped: number;
  /** Connections closed for breaking the protocol or a limit. */
  violations: number;
  /** Upgrades refused for the connection limits. */
  connectionsRefused: number;
  /** Peers dropped for not answering pings or for reading too slowly. */
  peersDropped: number;
}

/** Why the server closed a connection itself. */
export type ViolationCode = ProtocolErrorCode | 'rate-limited' | 'too-many-topics' | 'internal-error';

/** What every session shares with the server. */
export interface SessionContext {
  readonly limits: SignalingLimits;
  readonly registry: TopicRegistry<PeerSession>;
  readonly counters: SignalingCounters;
  readonly log: SignalingLogger;
  /** Salted short hash for topics in logs. */
  readonly redact: (value: string) => string;
  readonly onClosed: (session: PeerSession, code: number) => void;
}

/** WebSocket close codes (RFC 6455 §7.4.1). */
const POLICY_VIOLATION = 1008;
const GOING_AWAY = 1001;
/** A peer that ignores our close frame is cut off after this long. */
const CLOSE_GRACE_MS = 1000;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/** One client connection: parses what it sends, enforces its limits, relays its publishes. */
export class PeerSession {
  /** Set on every pong or message; cleared when a ping is sent. */
  alive = true;
  private closing = false;
  private readonly bucket: TokenBucket;

  constructor(
    readonly id: number,
    readonly socket: WebSocket,
    private readonly ctx: SessionContext,
  ) {
    this.bucket = new TokenBucket(ctx.limits.rateBurst, ctx.limits.ratePerSecond);
    socket.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    // Without an 'error' listener ws would rethrow and take the whole process down.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      ctx.log({ level: 'debug', event: 'conn_error', conn: id, code: error.code ?? 'error' });
    });
    socket.on('close', (code) => {
      this.closing = true;
      ctx.registry.remove(this);
      ctx.onClosed(this, code);
    });
  }

  /** Sends one frame; drops the peer if its unsent backlog shows it cannot keep up. */
  send(frame: string): boolean {
    if (this.closing || this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount > this.ctx.limits.maxBufferedBytes) {
      this.ctx.counters.peersDropped++;
      this.ctx.log({ level: 'warn', event: 'conn_slow_consumer', conn: this.id });
      this.close(POLICY_VIOLATION, 'slow-consumer');
      return false;
    }
    this.socket.send(frame);
    return true;
  }

  /** Pings the peer, or drops it if it never answered the last ping. */
  heartbeat(): void {
    if (this.closing) return;
    if (!this.alive) {
      this.ctx.counters.peersDropped++;
      this.ctx.log({ level: 'info', event: 'conn_ping_timeout', conn: this.id });
      this.closing = true;
      this.ctx.registry.remove(this);
      this.socket.terminate();
      return;
    }
    this.alive = false;
    try {
      this.socket.ping();
    } catch {
      this.socket.terminate();
    }
  }

  /** Starts a close handshake; stops relaying to this peer at once and cuts it off if it stalls. */
  close(code = GOING_AWAY, reason = 'server-shutdown'): void {
    if (this.closing) return;
    this.closing = true;
    this.ctx.registry.remove(this);
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  private violate(code: ViolationCode): void {
    this.ctx.counters.violations++;
    this.ctx.log({ level: 'warn', event: 'conn_violation', conn: this.id, code });
    this.close(POLICY_VIOLATION, code);
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    this.ctx.counters.messagesReceived++;
    this.alive = true;
    let violation: ViolationCode | undefined;
    try {
      violation = this.process(data, isBinary);
    } catch {
      // Unreachable by design; if a bug gets here it costs this connection, never the process.
      this.ctx.log({ level: 'error', event: 'internal_error', conn: this.id });
      violation = 'internal-error';
    }
    if (violation) this.violate(violation);
  }

  /** Handles one frame; returns why the connection must close, if it must. */
  private process(data: RawData, isBinary: boolean): ViolationCode | undefined {
    if (!this.bucket.take()) return 'rate-limited';
    const buffer = toBuffer(data);
    // ws has already rejected text frames that are not UTF-8; binary ones we check ourselves.
    const decoded = isBinary ? decodeFrame(buffer) : { ok: true as const, text: buffer.toString('utf8') };
    if (!decoded.ok) return 'not-utf8';
    const parsed = parseClientMessage(decoded.text, {
      maxTopicLength: this.ctx.limits.maxTopicLength,
      maxTopicsPerMessage: this.ctx.limits.maxTopicsPerConnection,
      maxDataDepth: this.ctx.limits.maxDataDepth,
    });
    if (!parsed.ok) return parsed.error.code;
    return this.handle(parsed.message);
  }

  private handle(message: ClientMessage): ViolationCode | undefined {
    const { registry, log } = this.ctx;
    switch (message.type) {
      case 'subscribe': {
        const outcome = registry.subscribe(this, message.topics);
        if (!outcome.ok) return outcome.error;
        for (const topic of outcome.full) {
          log({ level: 'warn', event: 'topic_full', conn: this.id, topic: this.ctx.redact(topic) });
        }
        log({ level: 'debug', event: 'subscribe', conn: this.id, added: outcome.added });
        return undefined;
      }
      case 'unsubscribe': {
        const removed = registry.unsubscribe(this, message.topics);
        log({ level: 'debug', event: 'unsubscribe', conn: this.id, removed });
        return undefined;
      }
      case 'publish':
        this.relay(message);
        return undefined;
      case 'ping':
        this.send(PONG_FRAME);
        return undefined;
    }
  }

  /**
   * Relays to every subscriber, the sender included (as the stock server does: y-webrtc
   * ignores its own messages). Only subscribers may publish, so a connection's topic limit
   * also bounds where it can inject messages; y-webrtc always subscribes before publishing.
   */
  private relay(message: PublishMessage): void {
    const { registry, counters } = this.ctx;
    if (!registry.isSubscribed(this, message.topic)) {
      counters.publishesDropped++;
      this.ctx.log({ level: 'debug', event: 'publish_not_subscribed', conn: this.id });
      return;
    }
    const receivers = registry.subscribers(message.topic);
    if (!receivers) return;
    const frame = encodePublish(message, receivers.size);
    // Copy first: send() may drop a slow receiver, which edits the live set.
    for (const receiver of [...receivers]) if (receiver.send(frame)) counters.messagesRelayed++;
  }
}
