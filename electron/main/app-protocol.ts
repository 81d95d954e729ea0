import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export type AppRequestResolution =
  | { readonly kind: 'file'; readonly filePath: string }
  | { readonly kind: 'refused' };

/**
 * Maps an app:// URL to a file inside the renderer's build folder. Anything that
 * would leave that folder (../, encoded separators, another host) is refused.
 * Paths without an extension fall back to index.html so client routes reload.
 */
export function resolveAppRequest(rawUrl: string, rootDir: string): AppRequestResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'refused' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { kind: 'refused' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused' };
  const relative = pathname === '/' || path.extname(pathname) === '' ? 'index.html' : pathname.slice(1);
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return { kind: 'refused' };
  return { kind: 'file', filePath };
}

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** The response for one app:// request: every response carries the CSP header. */
export async function serveAppRequest(rawUrl: string, rootDir: string): Promise<Response> {
  const securityHeaders = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  };
  const resolution = resolveAppRequest(rawUrl, rootDir);
  if (resolution.kind === 'refused')
    return new Response('Not found', { status: 404, headers: securityHeaders });
  try {
    const body = await readFile(resolution.filePath);
    return new Response(body, {
      status: 200,
      headers: { ...securityHeaders, 'content-type': contentTypeFor(resolution.filePath) },
    });
  } catch {
    return new Response('Not found', { status: 404, headers: securityHeaders });
  }
}

/** The privileges app:// needs to behave like an https origin (fetch, storage, secure context). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true },
} as const;
