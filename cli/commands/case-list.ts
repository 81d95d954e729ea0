import { listCases } from '../store/case-store';
import { casepactHome } from '../store/home';
import type { CliCommand } from '../command';
import { parseArgs } from './args';

export const caseListCommand: CliCommand = {
  path: ['case', 'list'],
  summary: 'list the ids of the cases stored in CASEPACT_HOME',
  usage: '',
  async run(args, io) {
    parseArgs(args, { positionals: 0 });
    const cases = listCases(casepactHome(io.env));
    if (cases.length === 0)
      io.err('casepact: no cases yet (start one with "casepact case new --title TITLE")');
    for (const id of cases) io.out(id);
    return 0;
  },
};
