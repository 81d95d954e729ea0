import { homedir } from 'node:os';
import { join } from 'node:path';

/** $CASEPACT_HOME, default ~/.casepact: the identity file, one folder per case, saved templates. */
export function casepactHome(env: Readonly<Record<string, string | undefined>>): string {
  const configured = env.CASEPACT_HOME;
  return configured && configured.length > 0 ? configured : join(homedir(), '.casepact');
}

export const IDENTITY_FILE = 'identity.json';
export const CASES_DIR = 'cases';
export const TEMPLATES_DIR = 'templates';
