import { existsSync } from 'node:fs';
import { sodiumReady } from '../../shared/crypto/sodium';
import { createIdentity } from '../../shared/identity/identity';
import { fingerprint } from '../../shared/identity/member-id';
import { MIN_PASSPHRASE_LENGTH } from '../../shared/identity/passphrase-seal';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { casepactHome } from '../store/home';
import { identityPath, writeIdentity } from '../store/identity-store';
import { readPassphrase } from '../store/passphrase';
import { parseArgs, required } from './args';

export const idNewCommand: CliCommand = {
  path: ['id', 'new'],
  summary: 'create your identity (Ed25519 key pair, sealed with a passphrase)',
  usage: '--name NAME --org ORG',
  async run(args, io) {
    const parsed = parseArgs(args, { options: ['name', 'org'], positionals: 0 });
    const home = casepactHome(io.env);
    if (existsSync(identityPath(home))) {
      throw new CliError(`an identity already exists in ${home} (see "casepact id show")`);
    }
    await sodiumReady();
    const identity = createIdentity(required(parsed, 'name'), required(parsed, 'org'));
    if (!identity.ok) throw new CliError(identity.error.message, 2);
    const passphrase = await readPassphrase(io, 'New passphrase: ', true);
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new CliError(`the passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`, 2);
    }
    await writeIdentity(home, identity.value, passphrase, Date.now());
    io.out(`Created identity for ${identity.value.displayName} (${identity.value.organisation})`);
    io.out(`Fingerprint: ${fingerprint(identity.value.publicKey)}`);
    io.out(identity.value.id);
    return 0;
  },
};
