import { postMessage } from '../../shared/contract/index';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { parseArgs } from './args';
import { openCaseSession, orFail } from './case-session';

export const messageCommand: CliCommand = {
  path: ['message'],
  summary: 'post a message to every party of the case',
  usage: 'CASE TEXT',
  async run(args, io) {
    const parsed = parseArgs(args, { positionals: [2, Number.MAX_SAFE_INTEGER] });
    const [caseArg, ...words] = parsed.positionals;
    const text = words.join(' ');
    if (text.trim() === '') throw new CliError('the message is empty', 2);
    const session = await openCaseSession(io, caseArg);
    orFail(session.replica.run((ctx) => postMessage(ctx, { text })));
    session.persist();
    io.out('Message posted and signed');
    return 0;
  },
};
