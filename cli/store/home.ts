import { homedir } from 'node:os';
import { join } from 'node:path';

/** $CASEPACT_HOME, default ~/.casepact: the identity file and one folder per case. */
export function casepactHome(env: Readonly<Record<string, string | undefined>>): string {
  const configured = env.CASEPACT_HOME;
  return configured && configured.length > 0 ? configured : join(homedir(), '.casepact');
}

export const IDENTITY_FILE = 'identity.json';
export const CASES_DIR = 'cases';
