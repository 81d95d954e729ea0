import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { addressKey } from './address';
import type { SignalingHealth } from './http-endpoints';
import { handleHttpRequest } from './http-endpoints';
import type { SignalingLimits } from './limits';
import { resolveLimits } from './limits';
import type { SignalingLogger } from './logger';
import { createRedactor, silentLogger } from './logger';
import type { SignalingCounters } from './peer-session';
import { PeerSession } from './peer-session';
import { TopicRegistry } from './topic-registry';

export interface SignalingServerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; 127.0.0.1 unless told otherwise, so nothing is exposed by accident. */
  readonly host?: string;
  /** Overrides of DEFAULT_LIMITS. */
  readonly limits?: Partial<SignalingLimits>;
  /** Structured log sink; silent by default. */
  readonly log?: SignalingLogger;
}

/** A running server. */
export interface SignalingServer {
  /** `ws://host:port`, ready to pass to y-webrtc's `signaling` option. */
  readonly url: string;
  readonly port: number;
  readonly limits: SignalingLimits;
  /** The same figures as GET /health. */
  health(): SignalingHealth;
  /** Closes every connection (1001 going away) and the listener. Idempotent. */
  close(): Promise<void>;
}

/** Why the server could not start. */
export class SignalingStartError extends Error {
  constructor(
    readonly code: 'invalid-limit' | 'listen-failed',
    message: string,
  ) {
    super(message);
    this.name = 'SignalingStartError';
  }
}

/** Sockets still open after this long during shutdown are destroyed. */
const SHUTDOWN_GRACE_MS = 2000;

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/**
 * Starts a y-webrtc compatible signaling server (docs/signaling.md). Resolves once listening;
 * rejects with a SignalingStartError for invalid limits or a port it cannot bind.
 */
export async function startSignalingServer(options: SignalingServerOptions = {}): Promise<SignalingServer> {
  const resolved = resolveLimits(options.limits ?? {});
  if (!resolved.ok) throw new SignalingStartError('invalid-limit', resolved.error.message);
  const limits = resolved.limits;
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silentLogger;
  const redact = createRedactor();
  const startedAt = performance.now();

  const counters: SignalingCounters = {
    messagesReceived: 0,
    messagesRelayed: 0,
    publishesDropped: 0,
    violations: 0,
    connectionsRefused: 0,
    peersDropped: 0,
  };
  const registry = new TopicRegistry<PeerSession>(
    limits.maxTopicsPerConnection,
    limits.maxSubscribersPerTopic,
  );
  const sessions = new Set<PeerSession>();
  /** Sockets per address, counted from the upgrade request until the socket closes. */
  const perAddress = new Map<string, number>();
  let upgradingOrOpen = 0;
  let nextId = 1;
  let closing: Promise<void> | undefined;

  const health = (): SignalingHealth => ({
    status: closing ? 'closing' : 'ok',
    connections: sessions.size,
    topics: registry.topicCount,
    uptimeSeconds: Math.round((performance.now() - startedAt) / 1000),
    ...counters,
  });

  const http = createServer((request, response) => handleHttpRequest(request, response, health));
  // Slow-loris bounds for plain HTTP; WebSocket traffic is not subject to them after the upgrade.
  http.headersTimeout = 10_000;
  http.requestTimeout = 10_000;
  http.keepAliveTimeout = 5_000;
  http.on('clientError', (_error, socket) => socket.destroy());

  // perMessageDeflate off: compression would let a small frame inflate past maxPayload's intent
  // and costs CPU per message; y-webrtc signaling frames are small anyway.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
  });
  wss.on('error', () => {});

  http.on('upgrade', (request, socket: Socket, head) => {
    socket.on('error', () => socket.destroy());
    const key = addressKey(socket.remoteAddress);
    const fromKey = perAddress.get(key) ?? 0;
    if (closing || upgradingOrOpen >= limits.maxConnections) {
      counters.connectionsRefused++;
      log({ level: 'warn', event: 'conn_refused', reason: closing ? 'closing' : 'max-connections' });
      return refuseUpgrade(socket, 503, 'Service Unavailable');
    }
    if (fromKey >= limits.maxConnectionsPerAddress) {
      counters.connectionsRefused++;
      log({ level: 'warn', event: 'conn_refused', reason: 'max-connections-per-address', addr: redact(key) });
      return refuseUpgrade(socket, 429, 'Too Many Requests');
    }
    upgradingOrOpen++;
    perAddress.set(key, fromKey + 1);
    socket.once('close', () => {
      upgradingOrOpen--;
      const left = (perAddress.get(key) ?? 1) - 1;
      if (left <= 0) perAddress.delete(key);
      else perAddress.set(key, left);
    });
    wss.handleUpgrade(request, socket, head, (ws) => {
      const session: PeerSession = new PeerSession(nextId++, ws, {
        limits,
        registry,
        counters,
        log,
        redact,
        onClosed: (closed, code) => {
          sessions.delete(closed);
          log({ level: 'info', event: 'conn_close', conn: closed.id, code });
        },
      });
      sessions.add(session);
      log({ level: 'info', event: 'conn_open', conn: session.id, addr: redact(key) });
    });
  });

  const pinger = setInterval(() => {
    for (const session of sessions) session.heartbeat();
  }, limits.pingIntervalMs);
  pinger.unref();

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      clearInterval(pinger);
      reject(
        new SignalingStartError(
          'listen-failed',
          `cannot listen on ${host}:${options.port ?? 0}: ${error.code}`,
        ),
      );
    };
    http.once('error', onError);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', onError);
      resolve();
    });
  });
  // After listening, a server error must not become an uncaught exception.
  http.on('error', (error: NodeJS.ErrnoException) => {
    log({ level: 'error', event: 'server_error', code: error.code ?? 'error' });
  });

  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  log({ level: 'info', event: 'listening', host, port });

  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      clearInterval(pinger);
      log({ level: 'info', event: 'shutdown', connections: sessions.size });
      http.close(() => resolve());
      for (const session of sessions) session.close();
      http.closeIdleConnections();
      setTimeout(() => http.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      wss.close();
    });
    return closing;
  };

  return { url: `ws://${urlHost}:${port}`, port, limits, health, close };
}
