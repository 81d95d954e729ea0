import { selectContract } from '../../shared/contract/index';
import { templateSourceFromSnapshot } from '../../shared/knowledge/from-contract';
import { templateErrorSentence, templateFromCase } from '../../shared/knowledge/template';
import { templateIdFor } from '../../shared/knowledge/template-file';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { saveTemplate } from '../store/template-store';
import { parseArgs } from './args';
import { openCaseSession } from './case-session';
import { templateChoices } from './template-choice';

export const templateSaveCommand: CliCommand = {
  path: ['template', 'save'],
  summary:
    "save a resolved or closed case's agreed actions, data items and SLA terms as a template; prints its id on the last line",
  usage: 'CASE [--name NAME] [--description TEXT]',
  async run(args, io) {
    const parsed = parseArgs(args, { options: ['name', 'description'], positionals: 1 });
    const session = await openCaseSession(io, parsed.positionals[0]);
    const snapshot = selectContract(session.replica.contract);
    const source = templateSourceFromSnapshot(snapshot);
    if (!source) throw new CliError('this case has not arrived yet: sync it first');
    const name = parsed.options.get('name') ?? snapshot.case?.title ?? '';
    const taken = templateChoices(session.home, io).map((c) => c.template.id);
    const made = templateFromCase(source, {
      id: templateIdFor(name, taken),
      name,
      ...(parsed.options.has('description') ? { description: parsed.options.get('description') } : {}),
    });
    if (!made.ok) throw new CliError(templateErrorSentence(made.error));
    saveTemplate(session.home, made.template);
    const t = made.template;
    io.out(
      `Saved template "${t.name}": ${t.actions.length} actions, ${t.dataItems.length} data items, ${
        t.sla ? `${t.sla.targets.length} SLA targets` : 'no SLA terms'
      } (start a case with "casepact case new --template ${t.id}")`,
    );
    io.out(t.id);
    return 0;
  },
};
