import type { IncomingMessage, ServerResponse } from 'node:http';

/** What GET /health reports. */
export interface SignalingHealth {
  readonly status: 'ok' | 'closing';
  readonly connections: number;
  readonly topics: number;
  readonly uptimeSeconds: number;
  readonly messagesReceived: number;
  readonly messagesRelayed: number;
  readonly publishesDropped: number;
  readonly violations: number;
  readonly connectionsRefused: number;
  readonly peersDropped: number;
}

/**
 * Plain HTTP: `GET /health` for monitoring, `GET /` so a browser shows what this is, nothing
 * else. Responses never echo the request, so nothing a client sends is reflected back.
 */
export function handleHttpRequest(
  request: IncomingMessage,
  response: ServerResponse,
  health: () => SignalingHealth,
): void {
  const path = (request.url ?? '/').split('?')[0];
  const send = (status: number, type: string, body: string) => {
    response.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(405, 'text/plain', 'method not allowed\n');
    return;
  }
  if (path === '/health') {
    send(200, 'application/json', `${JSON.stringify(health())}\n`);
    return;
  }
  if (path === '/') {
    send(200, 'text/plain', 'casepact signaling server (y-webrtc protocol over WebSocket)\n');
    return;
  }
  send(404, 'text/plain', 'not found\n');
}
