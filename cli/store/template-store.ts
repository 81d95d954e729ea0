import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessTemplate } from '../../shared/knowledge/template';
import {
  readProcessTemplate,
  templateFileErrorSentence,
  writeProcessTemplate,
} from '../../shared/knowledge/template-file';
import { CliError } from '../command';
import { ensurePrivateDir, fsyncDir, writeFileAtomic } from './fs-durable';
import { TEMPLATES_DIR } from './home';

/**
 * Saved process templates (docs/process-template.md): $CASEPACT_HOME/templates/<id>.json, one
 * file each. Every read parses the file; a damaged one is reported, never used.
 */
export interface SavedTemplates {
  readonly templates: readonly ProcessTemplate[];
  /** Files that could not be read, each with its reason. */
  readonly problems: readonly string[];
}

const dirOf = (home: string) => join(home, TEMPLATES_DIR);
const fileOf = (home: string, id: string) => join(dirOf(home), `${id}.json`);

export function listSavedTemplates(home: string): SavedTemplates {
  const dir = dirOf(home);
  if (!existsSync(dir)) return { templates: [], problems: [] };
  const templates: ProcessTemplate[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const read = readProcessTemplate(readFileSync(join(dir, name), 'utf8'));
    if (!read.ok) problems.push(`${name}: ${templateFileErrorSentence(read.error)}`);
    else if (`${read.template.id}.json` !== name)
      problems.push(`${name}: holds template "${read.template.id}"`);
    else templates.push(read.template);
  }
  return { templates, problems };
}

/** Writes a new template atomically (owner-only file); never replaces a file, even a damaged one. */
export function saveTemplate(home: string, template: ProcessTemplate): string {
  ensurePrivateDir(dirOf(home));
  const file = fileOf(home, template.id);
  if (existsSync(file)) throw new CliError(`${file} exists already: delete it or save under another --name`);
  writeFileAtomic(file, writeProcessTemplate(template));
  return file;
}

/** Deletes a saved template; false when there is none with that id. */
export function deleteTemplate(home: string, id: string): boolean {
  const file = fileOf(home, id);
  if (!/^[a-z0-9-]+$/.test(id) || !existsSync(file)) return false;
  unlinkSync(file);
  fsyncDir(dirOf(home));
  return true;
}
