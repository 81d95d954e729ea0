import { resolve } from 'node:path';
import { exportSignedCopy } from '../../shared/signed/signed-copy';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { writeFileAtomic } from '../store/fs-durable';
import { parseArgs, required } from './args';
import { openCaseSession } from './case-session';

export const exportCommand: CliCommand = {
  path: ['export'],
  summary: 'write your signed copy of the case (verifiable offline with "casepact verify")',
  usage: 'CASE --out FILE',
  async run(args, io) {
    const parsed = parseArgs(args, { options: ['out'], positionals: 1 });
    const out = resolve(required(parsed, 'out'));
    const session = await openCaseSession(io, parsed.positionals[0]);
    const { refused, waiting } = session.replica.quarantine();
    const text = exportSignedCopy(session.replica, session.identity, Date.now());
    session.persist();
    try {
      writeFileAtomic(out, text, 0o644);
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    io.out(`Exported ${session.replica.applied().length} signed changes to ${out}`);
    if (refused.length + waiting.length > 0) {
      io.out(
        `(${refused.length + waiting.length} quarantined or waiting change(s) are not part of the copy)`,
      );
    }
    return 0;
  },
};
