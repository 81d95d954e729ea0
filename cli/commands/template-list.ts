import type { CliCommand } from '../command';
import { casepactHome } from '../store/home';
import { parseArgs } from './args';
import { templateChoices } from './template-choice';

export const templateListCommand: CliCommand = {
  path: ['template', 'list'],
  summary: 'list the templates a case can start from: shipped ones and the ones you saved',
  usage: '[--json]',
  async run(args, io) {
    const parsed = parseArgs(args, { switches: ['json'], positionals: 0 });
    const rows = templateChoices(casepactHome(io.env), io).map(({ template: t, saved }) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      saved,
      parties: t.parties.map((p) => ({ key: p.key, name: p.name, role: p.role })),
      creators: t.creators,
      actions: t.actions.length,
      dataItems: t.dataItems.length,
      slaTargets: t.sla?.targets.length ?? 0,
    }));
    if (parsed.switches.has('json')) {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    const width = Math.max(...rows.map((r) => r.id.length));
    for (const r of rows)
      io.out(
        `${r.id.padEnd(width)}  ${r.saved ? 'saved  ' : 'shipped'}  ${r.name} (${r.actions} actions, ${r.dataItems} data items, ${r.slaTargets} SLA targets)`,
      );
    return 0;
  },
};
