import { isSignalingUrl } from '../../shared/sync/webrtc-transport';
import { CliError } from '../command';

/**
 * The signaling server of a networked command: `--signal URL`, else CASEPACT_SIGNAL. Never a
 * public default (issue 5: no public signaling server is contacted unless configured). One-line
 * usage errors (exit 2); the URL is echoed only when it is well formed, since a mistyped one could
 * carry something private.
 */
export function resolveSignalUrl(
  given: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const url = given ?? env.CASEPACT_SIGNAL;
  if (url === undefined || url.trim() === '') {
    throw new CliError('no signaling server: pass --signal ws://HOST:PORT or set CASEPACT_SIGNAL', 2);
  }
  if (!isSignalingUrl(url)) {
    throw new CliError('the signaling URL must be ws:// or wss:// with no credentials, query or fragment', 2);
  }
  return url;
}

/** Parses a duration option in seconds within [min, max]; one-line usage error otherwise. */
export function parseSeconds(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < min || seconds > max) {
    throw new CliError(`--${flag} takes seconds, ${min} to ${max}`, 2);
  }
  return seconds;
}
