/**
 * The saved process template as stored on a device (docs/process-template.md): the JSON of a
 * ProcessTemplate, format "casepact-template", version 1. Stored templates come back from disk or
 * IndexedDB, where anything may have changed them, so they are parsed, never cast: the parser
 * checks every field with the contract's own validators and returns a fresh, normalised object.
 */
import { DATA_ITEM_KINDS, PARTY_KINDS, ROLES } from '../contract/model';
import { PRIORITIES } from '../contract/sla-terms';
import { choiceList, entityId, fail, LIMITS, oneOf, Refused, record, text } from '../contract/validate';
import { normaliseSlaTerms } from '../contract/validate-sla';
import type { ProcessTemplate, TemplateDue } from './template';

export const PROCESS_TEMPLATE_FORMAT = 'casepact-template';
export const PROCESS_TEMPLATE_VERSION = 1;

/** Template ids: lower-case words joined by '-', as typed after `casepact case new --template`. */
const TEMPLATE_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const MAX_PARTS = 200;
const MAX_DUE_MINUTES = 366 * 24 * 60;

export type TemplateFileError =
  | { readonly code: 'not-json' }
  | { readonly code: 'not-a-template' }
  | { readonly code: 'unsupported-version'; readonly version: unknown }
  | { readonly code: 'invalid'; readonly message: string };

export type TemplateFileResult =
  | { readonly ok: true; readonly template: ProcessTemplate }
  | { readonly ok: false; readonly error: TemplateFileError };

/** A sentence for a template that cannot be read. */
export function templateFileErrorSentence(error: TemplateFileError): string {
  switch (error.code) {
    case 'not-json':
      return 'the file is not JSON';
    case 'not-a-template':
      return 'the file is not a Casepact process template';
    case 'unsupported-version':
      return `template format version ${String(error.version)} is not supported (this version reads ${PROCESS_TEMPLATE_VERSION})`;
    case 'invalid':
      return `the template is damaged: ${error.message}`;
  }
}

function list(v: unknown, field: string, max = MAX_PARTS): unknown[] {
  if (!Array.isArray(v)) fail('invalid-input', `${field} must be an array`);
  if (v.length > max) fail('invalid-input', `${field} has more than ${max} entries`);
  return v;
}

function keyIn(v: unknown, keys: ReadonlySet<string>, field: string, what: string): string {
  if (typeof v !== 'string' || !keys.has(v)) fail('invalid-input', `${field} names no ${what}`);
  return v;
}

function uniqueKeys<T extends { key: string }>(items: T[], field: string): T[] {
  if (new Set(items.map((x) => x.key)).size !== items.length) fail('invalid-input', `${field} repeats a key`);
  return items;
}

function due(v: unknown, field: string): TemplateDue | null {
  if (v === null) return null;
  const d = record(v, field);
  const unit = oneOf(d.unit, ['business-minutes', 'minutes'] as const, `${field}.unit`);
  const value = d.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_DUE_MINUTES)
    fail('invalid-input', `${field}.value must be a whole number of minutes from 0 to ${MAX_DUE_MINUTES}`);
  return { unit, value };
}

function parse(v: Record<string, unknown>): ProcessTemplate {
  if (typeof v.id !== 'string' || !TEMPLATE_ID.test(v.id))
    fail('invalid-input', "id must be lower-case letters, digits and '-' (at most 64)");
  const parties = uniqueKeys(
    list(v.parties, 'parties').map((x, i) => {
      const p = record(x, `parties[${i}]`);
      return {
        key: entityId(p.key, `parties[${i}].key`),
        name: text(p.name, `parties[${i}].name`, LIMITS.name),
        kind: oneOf(p.kind, PARTY_KINDS, `parties[${i}].kind`),
        role: oneOf(p.role, ROLES, `parties[${i}].role`),
      };
    }),
    'parties',
  );
  if (!parties.some((p) => p.role === 'customer' || p.role === 'provider'))
    fail('invalid-input', 'parties must include a customer or a provider (someone must start the case)');
  const partyKeys = new Set(parties.map((p) => p.key));
  const topics = list(v.topics, 'topics').map((x, i) => text(x, `topics[${i}]`, LIMITS.title));
  if (new Set(topics).size !== topics.length) fail('invalid-input', 'topics lists a topic twice');
  const topicSet = new Set(topics);
  // Actions come in dependency order: each may depend only on actions listed before it.
  const earlier = new Set<string>();
  const actions = uniqueKeys(
    list(v.actions, 'actions').map((x, i) => {
      const a = record(x, `actions[${i}]`);
      const field = `actions[${i}]`;
      const action = {
        key: entityId(a.key, `${field}.key`),
        title: text(a.title, `${field}.title`, LIMITS.title),
        description: text(a.description, `${field}.description`, LIMITS.description, true),
        party: keyIn(a.party, partyKeys, `${field}.party`, 'party of the template'),
        dependsOn: list(a.dependsOn, `${field}.dependsOn`, LIMITS.dependsOn).map((d, j) =>
          keyIn(d, earlier, `${field}.dependsOn[${j}]`, 'earlier action'),
        ),
        due: due(a.due, `${field}.due`),
        topic: a.topic === null ? null : keyIn(a.topic, topicSet, `${field}.topic`, 'topic of the template'),
      };
      earlier.add(action.key);
      return action;
    }),
    'actions',
  );
  const dataItems = uniqueKeys(
    list(v.dataItems, 'dataItems').map((x, i) => {
      const d = record(x, `dataItems[${i}]`);
      const kind = oneOf(d.kind, DATA_ITEM_KINDS, `dataItems[${i}].kind`);
      return {
        key: entityId(d.key, `dataItems[${i}].key`),
        label: text(d.label, `dataItems[${i}].label`, LIMITS.label),
        kind,
        choices: kind === 'choice' ? choiceList(d.choices, `dataItems[${i}].choices`) : null,
        party: keyIn(d.party, partyKeys, `dataItems[${i}].party`, 'party of the template'),
      };
    }),
    'dataItems',
  );
  return {
    format: PROCESS_TEMPLATE_FORMAT,
    version: PROCESS_TEMPLATE_VERSION,
    id: v.id,
    name: text(v.name, 'name', LIMITS.title),
    description: text(v.description, 'description', LIMITS.description, true),
    priority: oneOf(v.priority, PRIORITIES, 'priority'),
    category: v.category === null ? null : text(v.category, 'category', LIMITS.label),
    createdFrom: entityId(v.createdFrom, 'createdFrom'),
    parties,
    topics,
    actions,
    dataItems,
    sla: v.sla === null ? null : normaliseSlaTerms(v.sla),
  };
}

/** Checks a stored template (already decoded from JSON) field by field. */
export function parseProcessTemplate(value: unknown): TemplateFileResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: { code: 'not-a-template' } };
  const v = value as Record<string, unknown>;
  if (v.format !== PROCESS_TEMPLATE_FORMAT) return { ok: false, error: { code: 'not-a-template' } };
  if (v.version !== PROCESS_TEMPLATE_VERSION)
    return { ok: false, error: { code: 'unsupported-version', version: v.version } };
  try {
    return { ok: true, template: parse(v) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: { code: 'invalid', message: error.message } };
    throw error;
  }
}

/** Reads a template file's text. */
export function readProcessTemplate(json: string): TemplateFileResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: { code: 'not-json' } };
  }
  return parseProcessTemplate(value);
}

/** The file's text: two-space indented JSON with a final newline (readable, diffable). */
export function writeProcessTemplate(template: ProcessTemplate): string {
  return `${JSON.stringify(template, null, 2)}\n`;
}

/**
 * A new template id from its name: the name's words in lower case joined by '-', cut to 56
 * characters, with -2, -3, … when `taken` (shipped and saved ids) already holds it.
 */
export function templateIdFor(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 56)
      .replace(/^-+|-+$/g, '') || 'template';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
