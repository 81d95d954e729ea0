import { sodiumReady } from '../../shared/crypto/sodium';
import type { Identity } from '../../shared/identity/identity';
import type { CliIo } from '../command';
import { CliError } from '../command';
import type { OpenedCase } from '../store/case-store';
import { CaseStore, resolveCaseId } from '../store/case-store';
import { casepactHome } from '../store/home';
import { unlockHomeIdentity } from '../store/identity-store';

/** What a case command works with: the unlocked identity and the verified replica of the case. */
export interface CaseSession extends OpenedCase {
  readonly home: string;
  readonly identity: Identity;
  readonly store: CaseStore;
}

/** Unlocks the identity, opens and verifies the case; repair notes go to stderr. */
export async function openCaseSession(io: CliIo, caseArg: string | undefined): Promise<CaseSession> {
  await sodiumReady();
  const home = casepactHome(io.env);
  const caseId = resolveCaseId(home, caseArg);
  const identity = await unlockHomeIdentity(home, io);
  const store = CaseStore.open(home, caseId);
  const opened = store.load(identity);
  for (const note of opened.notes) io.err(`casepact: note: ${note}`);
  return { ...opened, home, identity, store };
}

/** Turns a refused contract command into a one-line CliError. */
export function orFail<T>(result: { ok: true; value: T } | { ok: false; error: string; message: string }): T {
  if (!result.ok) throw new CliError(`${result.message} (${result.error})`);
  return result.value;
}
