import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdentityFile } from '../../shared/identity/backup';
import {
  parseIdentityFile,
  sealIdentity,
  serialiseIdentityFile,
  unlockIdentity,
} from '../../shared/identity/backup';
import type { Identity } from '../../shared/identity/identity';
import { passphraseSeal } from '../../shared/identity/passphrase-seal';
import type { CliIo } from '../command';
import { CliError } from '../command';
import { ensurePrivateDir, writeFileAtomic } from './fs-durable';
import { IDENTITY_FILE } from './home';
import { readPassphrase } from './passphrase';

export function identityPath(home: string): string {
  return join(home, IDENTITY_FILE);
}

/** The identity file of this home, parsed; a one-line CliError when missing or damaged. */
export function readIdentityFile(home: string): IdentityFile {
  const path = identityPath(home);
  if (!existsSync(path))
    throw new CliError('no identity yet: run "casepact id new --name NAME --org ORG" first');
  const parsed = parseIdentityFile(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new CliError(`${path}: ${parsed.error.message}`);
  return parsed.value;
}

/** Reads the passphrase and unlocks the identity of this home. */
export async function unlockHomeIdentity(home: string, io: CliIo): Promise<Identity> {
  const file = readIdentityFile(home);
  const passphrase = await readPassphrase(io, `Passphrase for ${file.displayName}: `);
  const unlocked = await unlockIdentity(file, passphraseSeal(passphrase));
  if (!unlocked.ok) throw new CliError(`cannot unlock the identity: ${unlocked.error.message}`);
  return unlocked.value;
}

/** Seals and writes a new identity file (atomically, owner-only permissions). */
export async function writeIdentity(
  home: string,
  identity: Identity,
  passphrase: string,
  createdAt: number,
): Promise<IdentityFile> {
  ensurePrivateDir(home);
  const file = await sealIdentity(identity, passphraseSeal(passphrase), createdAt);
  writeFileAtomic(identityPath(home), serialiseIdentityFile(file));
  return file;
}
