import { createCase } from '../../shared/contract/index';
import type { CaseTemplate } from '../../shared/templates/index';
import { createCaseFromTemplate } from '../../shared/templates/index';
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
import { findTemplateChoice, templateChoices } from './template-choice';

const ROLES = ['provider', 'customer'] as const;

/** The template party the creator speaks for: --as, else the one whose role is --role, else the first. */
function creatorKey(template: CaseTemplate, as: string | undefined, role: string | undefined): string {
  if (as !== undefined) {
    if (!template.creators.includes(as))
      throw new CliError(`--as must be one of: ${template.creators.join(', ')}`, 2);
    return as;
  }
  const byRole = template.creators.find(
    (key) => template.parties.find((p) => p.key === key)?.role === (role ?? 'provider'),
  );
  return byRole ?? (template.creators[0] as string);
}

export const caseNewCommand: CliCommand = {
  path: ['case', 'new'],
  summary: 'start a case; prints the new case id alone on the last line',
  usage: '--title TITLE [--template ID [--as PARTY_KEY]] [--role provider|customer] [--party NAME]',
  async run(args, io) {
    const parsed = parseArgs(args, { options: ['title', 'template', 'as', 'role', 'party'], positionals: 0 });
    const title = required(parsed, 'title');
    const role = parsed.options.get('role') ?? 'provider';
    if (!(ROLES as readonly string[]).includes(role))
      throw new CliError('--role must be provider or customer', 2);
    if (parsed.options.has('as') && !parsed.options.has('template'))
      throw new CliError('--as goes with --template', 2);
    const home = casepactHome(io.env);
    const templateName = parsed.options.get('template');
    // Shipped templates and the ones saved with "casepact template save".
    const template =
      templateName === undefined
        ? undefined
        : findTemplateChoice(templateChoices(home, io), templateName).template;
    const as = template
      ? creatorKey(template, parsed.options.get('as'), parsed.options.get('role'))
      : undefined;
    await sodiumReady();
    const identity = await unlockHomeIdentity(home, io);
    const keyring = new CaseKeyring(newCaseKey());
    const founded = foundCase({
      identity,
      keyring,
      create: (ctx) => {
        const member = { displayName: identity.displayName, organisation: identity.organisation };
        if (template && as) {
          const party = parsed.options.get('party') ?? identity.organisation;
          const made = createCaseFromTemplate(ctx, {
            template,
            as,
            title,
            member,
            partyNames: { [as]: party },
          });
          return made.ok ? { ok: true as const, value: null } : made;
        }
        const made = createCase(ctx, {
          title,
          party: {
            name: parsed.options.get('party') ?? identity.organisation,
            role: role as (typeof ROLES)[number],
          },
          member,
        });
        return made.ok ? { ok: true as const, value: null } : made;
      },
    });
    orFail(founded.result);
    const store = CaseStore.create(home, identity, founded.genesis, keyring, Date.now());
    store.attach(founded.replica)();
    // Read it back through the pipeline: what is on disk must verify before we report the case id.
    const reopened = store.load(identity, keyring);
    if (reopened.replica.applied().length !== founded.replica.applied().length) {
      throw new CliError('the new case did not verify after saving');
    }
    const how = template ? `from template "${template.name}" as ${as}` : `as ${role}`;
    io.out(`Created case "${title}" ${how} (${identity.displayName})`);
    io.out(founded.genesis.caseId);
    return 0;
  },
};
