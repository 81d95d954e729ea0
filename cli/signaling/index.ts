/** Casepact's y-webrtc compatible signaling server. See docs/signaling.md. */
export type { SignalingServer, SignalingServerOptions } from './server';
export { SignalingStartError, startSignalingServer } from './server';
export type { SignalingLimits } from './limits';
export { DEFAULT_LIMITS, resolveLimits } from './limits';
export type { LogEntry, LogLevel, SignalingLogger } from './logger';
export { createJsonLogger, silentLogger } from './logger';
export type { SignalingHealth } from './http-endpoints';
