import { sodiumReady } from '../../shared/crypto/sodium';
import { publicIdentityOfFile } from '../../shared/identity/backup';
import { fingerprint } from '../../shared/identity/member-id';
import type { CliCommand } from '../command';
import { casepactHome } from '../store/home';
import { identityPath, readIdentityFile } from '../store/identity-store';
import { parseArgs } from './args';

export const idShowCommand: CliCommand = {
  path: ['id', 'show'],
  summary: 'show your identity: name, organisation, id and fingerprint (no passphrase needed)',
  usage: '[--json]',
  async run(args, io) {
    const parsed = parseArgs(args, { switches: ['json'], positionals: 0 });
    await sodiumReady();
    const home = casepactHome(io.env);
    const file = readIdentityFile(home);
    const identity = publicIdentityOfFile(file);
    const view = {
      id: identity.id,
      displayName: identity.displayName,
      organisation: identity.organisation,
      fingerprint: fingerprint(identity.publicKey),
      createdAt: new Date(file.createdAt).toISOString(),
      file: identityPath(home),
    };
    if (parsed.switches.has('json')) {
      io.out(JSON.stringify(view, null, 2));
      return 0;
    }
    io.out(`Name:         ${view.displayName}`);
    io.out(`Organisation: ${view.organisation}`);
    io.out(`Fingerprint:  ${view.fingerprint}`);
    io.out(`Created:      ${view.createdAt}`);
    io.out(`Id:           ${view.id}`);
    return 0;
  },
};
