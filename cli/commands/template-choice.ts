import type { CaseTemplate } from '../../shared/templates/index';
import { caseTemplateFromSaved, TEMPLATES } from '../../shared/templates/index';
import type { CliIo } from '../command';
import { CliError } from '../command';
import { listSavedTemplates } from '../store/template-store';

/** A template `case new --template` can start from: shipped with the app, or saved in the home. */
export interface TemplateChoice {
  readonly template: CaseTemplate;
  readonly saved: boolean;
}

/** Shipped templates, then saved ones; unreadable saved files are noted on stderr. */
export function templateChoices(home: string, io: CliIo): TemplateChoice[] {
  const { templates, problems } = listSavedTemplates(home);
  for (const problem of problems) io.err(`casepact: note: skipped template ${problem}`);
  return [
    ...TEMPLATES.map((template) => ({ template, saved: false })),
    ...templates.map((t) => ({ template: caseTemplateFromSaved(t), saved: true })),
  ];
}

/** A template by id or unique id prefix; a one-line usage error listing the ids otherwise. */
export function findTemplateChoice(choices: readonly TemplateChoice[], name: string): TemplateChoice {
  const exact = choices.find((c) => c.template.id === name);
  const prefixed = choices.filter((c) => c.template.id.startsWith(name));
  const found = exact ?? (prefixed.length === 1 ? prefixed[0] : undefined);
  if (!found)
    throw new CliError(
      `unknown template "${name}"; templates: ${choices.map((c) => c.template.id).join(', ')}`,
      2,
    );
  return found;
}
