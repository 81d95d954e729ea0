/**
 * The few globals every runtime of shared/ provides (Node 20, browsers, Electron).
 * shared/ compiles without DOM or Node types so it cannot reach for anything else
 * by accident; what it may use is declared here, and only what it uses.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare const console: {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
/** Web Crypto's CSPRNG, present in Node 20+, browsers and Electron (feature-checked before use). */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T } | undefined;
