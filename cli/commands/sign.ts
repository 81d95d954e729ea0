import { signCurrentTerms } from '../../shared/signed/sign-terms';
import type { CliCommand } from '../command';
import { parseArgs } from './args';
import { openCaseSession, orFail } from './case-session';

export const signCommand: CliCommand = {
  path: ['sign'],
  summary: 'sign the current terms of the case (its terms hash) with your key',
  usage: 'CASE',
  async run(args, io) {
    const parsed = parseArgs(args, { positionals: 1 });
    const session = await openCaseSession(io, parsed.positionals[0]);
    const signed = orFail(signCurrentTerms(session.replica));
    session.persist();
    io.out(`Signed version ${signed.version} (terms ${signed.termsHash.slice(0, 16)}…)`);
    io.out(
      signed.agreed
        ? `Version ${signed.version} is agreed by every party`
        : 'Waiting for the other parties to sign',
    );
    return 0;
  },
};
