import { createCase } from '../../shared/contract/index';
import { sodiumReady } from '../../shared/crypto/sodium';
import { CaseKeyring, newCaseKey } from '../../shared/signed/case-key';
import { foundCase } from '../../shared/signed/found';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { CaseStore } from '../store/case-store';
import { casepactHome } from '../store/home';
import { unlockHomeIdentity } from '../store/identity-store';
import { parseArgs, required } from './args';
import { orFail } from './case-session';

const ROLES = ['provider', 'customer'] as const;

export const caseNewCommand: CliCommand = {
  path: ['case', 'new'],
  summary: 'start a case; prints the new case id alone on the last line',
  usage: '--title TITLE [--template NAME] [--role provider|customer] [--party NAME]',
  async run(args, io) {
    const parsed = parseArgs(args, { options: ['title', 'template', 'role', 'party'], positionals: 0 });
    const title = required(parsed, 'title');
    const role = parsed.options.get('role') ?? 'provider';
    if (!(ROLES as readonly string[]).includes(role))
      throw new CliError('--role must be provider or customer', 2);
    const template = parsed.options.get('template');
    if (template !== undefined) {
      // The contract's templates (issue 3) are not there yet; refuse rather than ignore the flag.
      throw new CliError(`unknown template "${template}": no case templates are installed yet`, 2);
    }
    await sodiumReady();
    const home = casepactHome(io.env);
    const identity = await unlockHomeIdentity(home, io);
    const keyring = new CaseKeyring(newCaseKey());
    const founded = foundCase({
      identity,
      keyring,
      create: (ctx) =>
        createCase(ctx, {
          title,
          party: {
            name: parsed.options.get('party') ?? identity.organisation,
            role: role as (typeof ROLES)[number],
          },
          member: { displayName: identity.displayName, organisation: identity.organisation },
        }),
    });
    orFail(founded.result);
    const store = CaseStore.create(home, identity, founded.genesis, keyring, Date.now());
    store.attach(founded.replica)();
    // Read it back through the pipeline: what is on disk must verify before we report the case id.
    const reopened = store.load(identity, keyring);
    if (reopened.replica.applied().length !== founded.replica.applied().length) {
      throw new CliError('the new case did not verify after saving');
    }
    io.out(`Created case "${title}" as ${role} (${identity.displayName})`);
    io.out(founded.genesis.caseId);
    return 0;
  },
};
