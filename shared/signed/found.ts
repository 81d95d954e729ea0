import type { CommandContext } from '../contract/context';
import type { Identity } from '../identity/identity';
import type { CaseKeyring } from './case-key';
import { CaseKeyring as Keyring, newCaseKey } from './case-key';
import type { CaseGenesis } from './genesis';
import { newGenesis } from './genesis';
import type { CaseReplicaOptions } from './replica';
import { CaseReplica } from './replica';

/**
 * Starts a new case: a genesis for the founder, a fresh case key, a replica, and the contract's
 * create command (createCase or a template) run and signed as the founder's envelope #1.
 *
 * The contract's create command draws the case id as its first id, so the context hands out the
 * genesis case id first; the result is checked, never assumed.
 */
export interface FoundCaseOptions<T>
  extends Omit<CaseReplicaOptions, 'genesis' | 'keyring' | 'identity' | 'log'> {
  readonly identity: Identity;
  readonly keyring?: CaseKeyring;
  readonly create: (ctx: CommandContext) => T;
}

export interface FoundCase<T> {
  readonly replica: CaseReplica;
  readonly genesis: CaseGenesis;
  readonly result: T;
}

export function foundCase<T>(options: FoundCaseOptions<T>): FoundCase<T> {
  const genesis = newGenesis(options.identity.id);
  const keyring = options.keyring ?? new Keyring(newCaseKey());
  const { create, ...rest } = options;
  const replica = new CaseReplica({ ...rest, genesis, keyring });
  const base = replica.context();
  let first = true;
  const ctx: CommandContext = {
    ...base,
    newId: () => {
      if (!first) return base.newId();
      first = false;
      return genesis.caseId;
    },
  };
  const result = replica.run(create, ctx);
  const written = replica.contract.getMap('case').get('id');
  if (written !== undefined && written !== genesis.caseId) {
    replica.destroy();
    throw new Error('the create command did not use the genesis case id as the case id');
  }
  return { replica, genesis, result };
}
