/**
 * The Content-Security-Policy of every page the app serves. Scripts only from the
 * app itself; no inline script, no eval, no plugins, no framing. connect-src allows
 * WebSocket signaling servers the user configures (ws: / wss:) because WebRTC
 * signaling needs them; media and data channels are not governed by CSP.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
].join('; ');
