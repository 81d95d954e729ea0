/**
 * Cases as the knowledge index stores them: checked, flattened into one text per field, and
 * kept beside the search index so hits can show a snippet of the original text.
 */
import type { KnowledgeCase, KnowledgeField } from './types';

/** One document as indexed and stored (texts kept for snippets). */
export interface StoredDoc {
  readonly id: string;
  readonly status: string;
  readonly category: string | null;
  readonly resolution: KnowledgeCase['resolution'];
  readonly updatedAt: number;
  readonly fields: Readonly<Record<KnowledgeField, string>>;
}

export interface IndexedDoc extends Record<KnowledgeField, string> {
  readonly id: string;
}

/** Texts longer than this are cut: a pasted log should not blow up the index. */
const MAX_TEXT = 20_000;

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

/** The first malformed field of a case, or undefined when it is fine. */
export function invalid(input: KnowledgeCase): string | undefined {
  if (!input || typeof input !== 'object') return 'case';
  if (typeof input.id !== 'string' || input.id.length === 0 || input.id.length > 200) return 'id';
  if (typeof input.title !== 'string') return 'title';
  if (typeof input.summary !== 'string') return 'summary';
  if (typeof input.status !== 'string') return 'status';
  if (input.category !== null && typeof input.category !== 'string') return 'category';
  if (!Array.isArray(input.topics) || !input.topics.every((t) => typeof t === 'string')) return 'topics';
  if (!Array.isArray(input.dataItems) || !input.dataItems.every((d) => d && typeof d.label === 'string'))
    return 'dataItems';
  if (
    !Array.isArray(input.actions) ||
    !input.actions.every((a) => a && typeof a.title === 'string' && typeof a.description === 'string')
  ) {
    return 'actions';
  }
  const r = input.resolution;
  if (
    r !== null &&
    (!r ||
      typeof r.problem !== 'string' ||
      typeof r.cause !== 'string' ||
      typeof r.fix !== 'string' ||
      typeof r.resolvedAt !== 'number')
  ) {
    return 'resolution';
  }
  if (typeof input.updatedAt !== 'number' || !Number.isFinite(input.updatedAt)) return 'updatedAt';
  return undefined;
}

/** Flattens a case into one text per searchable field. */
export function toStored(input: KnowledgeCase): StoredDoc {
  const resolution = input.resolution;
  return {
    id: input.id,
    status: input.status,
    category: input.category,
    resolution: resolution
      ? {
          problem: resolution.problem,
          cause: resolution.cause,
          fix: resolution.fix,
          resolvedAt: resolution.resolvedAt,
        }
      : null,
    updatedAt: input.updatedAt,
    fields: {
      title: clip(input.title),
      summary: clip(input.summary),
      problem: clip(resolution?.problem ?? ''),
      cause: clip(resolution?.cause ?? ''),
      fix: clip(resolution?.fix ?? ''),
      topics: clip(input.topics.join(' · ')),
      dataItems: clip(
        input.dataItems
          .map((d) => (d.value === null ? d.label : `${d.label}: ${String(d.value)}`))
          .join(' · '),
      ),
      actions: clip(
        input.actions.map((a) => (a.description ? `${a.title}: ${a.description}` : a.title)).join(' · '),
      ),
      category: input.category ?? '',
    },
  };
}
