import type { CommandContext } from '../../shared/contract/index';
import { createCase } from '../../shared/contract/index';
import type { SlaTerms } from '../../shared/contract/sla-terms';
import { CaseKeyring, newCaseKey } from '../../shared/signed/case-key';
import { foundCase } from '../../shared/signed/found';
import { CaseStore } from '../../cli/store/case-store';
import { unlockHomeIdentity } from '../../cli/store/identity-store';
import { PASSPHRASE } from './cli-helpers';

/**
 * Founds a case (the home's identity as provider "Northwind PCs") at a fixed time in the CLI's
 * store, runs `write` on it, saves it, and returns its id. Tests use it to set up cases the
 * commands under test then read, with clocks fixed in the past. Needs `await sodiumReady()`.
 */
export async function storeProviderCase(
  home: string,
  options: {
    readonly title: string;
    readonly at: number;
    readonly sla?: SlaTerms;
    readonly category?: string;
    readonly write?: (ctx: CommandContext) => void;
  },
): Promise<string> {
  const io = { out: () => {}, err: () => {}, env: { CASEPACT_PASSPHRASE: PASSPHRASE } };
  const identity = await unlockHomeIdentity(home, io);
  const keyring = new CaseKeyring(newCaseKey());
  const founded = foundCase({
    identity,
    keyring,
    now: () => options.at,
    create: (ctx) =>
      createCase(ctx, {
        title: options.title,
        party: { name: 'Northwind PCs', role: 'provider' },
        member: { displayName: identity.displayName },
        ...(options.sla ? { sla: options.sla } : {}),
        ...(options.category ? { category: options.category } : {}),
      }),
  });
  if (!founded.result.ok) throw new Error(founded.result.message);
  const write = options.write;
  if (write) founded.replica.run(write);
  const store = CaseStore.create(home, identity, founded.genesis, keyring, options.at);
  store.attach(founded.replica)();
  founded.replica.destroy();
  return founded.genesis.caseId;
}
