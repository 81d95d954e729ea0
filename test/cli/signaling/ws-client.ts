import WebSocket from 'ws';

/** How a connection ended, as the client saw it. */
export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** A small promise-based WebSocket client for talking to signaling servers in tests. */
export interface TestClient {
  readonly ws: WebSocket;
  /** Resolves with the next message (parsed JSON), or rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Messages received and not yet taken by next(). */
  readonly pending: Record<string, unknown>[];
  send(message: unknown): void;
  sendRaw(data: string | Buffer, binary?: boolean): void;
  readonly closed: Promise<Closed>;
  isOpen(): boolean;
  close(): void;
}

/** Connects and waits for the socket to open; rejects on an HTTP refusal or error. */
export function connect(url: string): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const pending: Record<string, unknown>[] = [];
    const waiters: ((message: Record<string, unknown>) => void)[] = [];
    const closed = new Promise<Closed>((resolveClosed) => {
      ws.on('close', (code, reason) => resolveClosed({ code, reason: reason.toString() }));
    });
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else pending.push(message);
    });
    ws.on('error', reject);
    ws.on('unexpected-response', (_request, response) => {
      reject(new Error(`HTTP ${response.statusCode}`));
      ws.terminate();
    });
    ws.on('open', () => {
      ws.off('error', reject);
      ws.on('error', () => {});
      resolve({
        ws,
        pending,
        closed,
        next(timeoutMs = 2000) {
          const queued = pending.shift();
          if (queued) return Promise.resolve(queued);
          return new Promise((resolveNext, rejectNext) => {
            const timer = setTimeout(() => {
              const index = waiters.indexOf(deliver);
              if (index >= 0) waiters.splice(index, 1);
              rejectNext(new Error(`no message within ${timeoutMs} ms`));
            }, timeoutMs);
            const deliver = (message: Record<string, unknown>) => {
              clearTimeout(timer);
              resolveNext(message);
            };
            waiters.push(deliver);
          });
        },
        send: (message) => ws.send(JSON.stringify(message)),
        sendRaw: (data, binary = false) => ws.send(data, { binary }),
        isOpen: () => ws.readyState === WebSocket.OPEN,
        close: () => ws.close(),
      });
    });
  });
}

/** Resolves true if no message arrives within `ms` (for "was not relayed" checks). */
export async function staysSilent(client: TestClient, ms = 150): Promise<boolean> {
  try {
    await client.next(ms);
    return false;
  } catch {
    return true;
  }
}

/** Sends a ping and waits for the pong: proves every earlier message on this socket was handled. */
export async function roundTrip(client: TestClient): Promise<void> {
  client.send({ type: 'ping' });
  const held: Record<string, unknown>[] = [];
  for (;;) {
    const message = await client.next();
    if (message.type === 'pong') {
      client.pending.unshift(...held);
      return;
    }
    held.push(message);
  }
}
