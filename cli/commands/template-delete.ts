import { findTemplate } from '../../shared/templates/index';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { casepactHome } from '../store/home';
import { deleteTemplate } from '../store/template-store';
import { parseArgs } from './args';

export const templateDeleteCommand: CliCommand = {
  path: ['template', 'delete'],
  summary: 'delete a template you saved (cases started from it are not affected)',
  usage: 'ID',
  async run(args, io) {
    const parsed = parseArgs(args, { positionals: 1 });
    const id = parsed.positionals[0] as string;
    if (findTemplate(id)) throw new CliError(`"${id}" is shipped with Casepact and cannot be deleted`, 2);
    if (!deleteTemplate(casepactHome(io.env), id))
      throw new CliError(`no saved template "${id}" (see "casepact template list")`);
    io.out(`Deleted template "${id}"`);
    return 0;
  },
};
