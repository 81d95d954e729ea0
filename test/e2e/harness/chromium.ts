import { existsSync } from 'node:fs';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

/** Where the system Chromium lives: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** The sentence shown when no browser is available, instead of a stack trace. */
export function missingChromiumMessage(path: string): string {
  return [
    `Chromium was not found at ${path}.`,
    'The end-to-end tests drive a real Chromium. Install it (Debian/Ubuntu: sudo apt-get install -y chromium)',
    'or point CHROMIUM_PATH at a Chromium or Chrome binary, then run the tests again.',
  ].join('\n');
}

/**
 * Flags for a hermetic test browser: no calls home, and real local addresses in ICE
 * candidates (not mDNS names) so peers in other processes can reach each other.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--no-first-run',
  '--disable-sync',
  '--disable-gpu',
];

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new Error(missingChromiumMessage(executablePath));
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, ...options });
}
