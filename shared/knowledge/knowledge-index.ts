/**
 * The local knowledge index: full-text search over every local case and its resolution, with
 * fuzzy matching, prefix search and field boosts (MiniSearch). It lives on the device only;
 * toJSON/loadJSON persist it between sessions.
 */
import MiniSearch from 'minisearch';
import type { Options, SearchResult } from 'minisearch';
import { invalid, toStored } from './documents';
import type { IndexedDoc, StoredDoc } from './documents';
import { makeSnippet, processTerm, queryTerms, tokenize } from './text';
import { KNOWLEDGE_FIELDS } from './types';
import type {
  CaseDraft,
  KnowledgeCase,
  KnowledgeError,
  KnowledgeField,
  KnowledgeHit,
  KnowledgeResult,
  SearchOptions,
} from './types';

export const KNOWLEDGE_INDEX_FORMAT = 'casepact-knowledge-index';
export const KNOWLEDGE_INDEX_VERSION = 1;

/** How much a match in each field weighs: a title or a resolution says more than a data item. */
export const FIELD_BOOSTS: Readonly<Record<KnowledgeField, number>> = {
  title: 4,
  problem: 3,
  fix: 2.5,
  cause: 2,
  topics: 2,
  category: 1.5,
  summary: 1,
  actions: 1.2,
  dataItems: 1,
};

const OPTIONS: Options<IndexedDoc> = {
  fields: [...KNOWLEDGE_FIELDS],
  storeFields: [],
  tokenize,
  processTerm,
  autoVacuum: true,
};

// Fuzzy matching from five letters on (edit distance ≤ 1, ≤ 2 from ten letters): short words
// would match too much. Prefix search from three letters, for search-as-you-type.
const fuzzy = (term: string): number | false => (term.length >= 10 ? 2 : term.length >= 5 ? 1 : false);
const prefix = (term: string): boolean => term.length >= 3;

export class KnowledgeIndex {
  private constructor(
    private readonly search_: MiniSearch<IndexedDoc>,
    private readonly docs: Map<string, StoredDoc>,
  ) {}

  /** An empty index. */
  static create(): KnowledgeIndex {
    return new KnowledgeIndex(new MiniSearch<IndexedDoc>(OPTIONS), new Map());
  }

  /** Restores an index saved with toJSON (JSON text). Anything else is refused with a typed error. */
  static loadJSON(json: string): KnowledgeResult<KnowledgeIndex> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return { ok: false, error: { code: 'not-json' } };
    }
    return KnowledgeIndex.fromSnapshot(parsed);
  }

  /** Restores an index from the object toJSON returned (e.g. read back from IndexedDB). */
  static fromSnapshot(snapshot: unknown): KnowledgeResult<KnowledgeIndex> {
    const fail = (error: KnowledgeError): KnowledgeResult<KnowledgeIndex> => ({ ok: false, error });
    if (!snapshot || typeof snapshot !== 'object') return fail({ code: 'unknown-format' });
    const s = snapshot as { format?: unknown; version?: unknown; docs?: unknown; index?: unknown };
    if (s.format !== KNOWLEDGE_INDEX_FORMAT) return fail({ code: 'unknown-format' });
    if (s.version !== KNOWLEDGE_INDEX_VERSION)
      return fail({ code: 'unsupported-version', version: s.version });
    if (!Array.isArray(s.docs)) return fail({ code: 'corrupt-index', detail: 'docs' });
    const docs = new Map<string, StoredDoc>();
    for (const doc of s.docs as StoredDoc[]) {
      const ok =
        doc &&
        typeof doc.id === 'string' &&
        typeof doc.status === 'string' &&
        doc.fields &&
        KNOWLEDGE_FIELDS.every((field) => typeof doc.fields[field] === 'string');
      if (!ok || docs.has(doc.id)) return fail({ code: 'corrupt-index', detail: 'document' });
      docs.set(doc.id, doc);
    }
    let search: MiniSearch<IndexedDoc>;
    try {
      search = MiniSearch.loadJS<IndexedDoc>(s.index as Parameters<typeof MiniSearch.loadJS>[0], OPTIONS);
    } catch (error) {
      return fail({
        code: 'corrupt-index',
        detail: error instanceof Error ? error.message.slice(0, 120) : 'index',
      });
    }
    if (search.documentCount !== docs.size || [...docs.keys()].some((id) => !search.has(id))) {
      return fail({ code: 'corrupt-index', detail: 'documents and index disagree' });
    }
    return { ok: true, value: new KnowledgeIndex(search, docs) };
  }

  /** Number of cases in the index. */
  get size(): number {
    return this.docs.size;
  }

  has(caseId: string): boolean {
    return this.docs.has(caseId);
  }

  /** Adds a case or replaces its earlier version (a case changes while it is worked on). */
  upsert(input: KnowledgeCase): KnowledgeResult<void> {
    const problem = invalid(input);
    if (problem) return { ok: false, error: { code: 'invalid-case', field: problem } };
    const stored = toStored(input);
    const doc: IndexedDoc = { id: stored.id, ...stored.fields };
    if (this.docs.has(stored.id)) this.search_.replace(doc);
    else this.search_.add(doc);
    this.docs.set(stored.id, stored);
    return { ok: true, value: undefined };
  }

  /** Adds many cases at once (faster than one by one for a first build). */
  upsertAll(inputs: readonly KnowledgeCase[]): KnowledgeResult<void> {
    for (const input of inputs) {
      const result = this.upsert(input);
      if (!result.ok) return result;
    }
    return { ok: true, value: undefined };
  }

  remove(caseId: string): boolean {
    if (!this.docs.has(caseId)) return false;
    this.search_.discard(caseId);
    this.docs.delete(caseId);
    return true;
  }

  /**
   * Search-box search: every query word must match (fuzzily or as a prefix); when nothing
   * matches all of them, cases matching any are returned instead.
   */
  search(query: string, options: SearchOptions = {}): KnowledgeHit[] {
    const terms = queryTerms(query, 24);
    if (terms.length === 0) return [];
    const filter = this.filterFor(options.resolvedOnly === true, options.category, undefined);
    const run = (combineWith: 'AND' | 'OR') =>
      this.search_.search(terms.join(' '), { boost: FIELD_BOOSTS, fuzzy, prefix, combineWith, filter });
    let results = run('AND');
    if (results.length === 0 && terms.length > 1) results = run('OR');
    return this.hits(results, options.limit ?? 20);
  }

  /**
   * "Similar resolved cases" for a case being created: its title, summary and topics against
   * resolved cases, favouring the same category. Whole words only (no prefix): a draft is text,
   * not a search being typed.
   */
  similarResolved(
    draft: CaseDraft,
    options: { limit?: number; excludeCaseId?: string } = {},
  ): KnowledgeHit[] {
    const text = [draft.title, draft.summary ?? '', ...(draft.topics ?? [])].join(' ');
    const terms = queryTerms(text, 32);
    if (terms.length === 0) return [];
    // The title says what the case is about; the summary adds colour.
    const titleTerms = new Set(queryTerms(draft.title, 32));
    const category = draft.category ?? null;
    const results = this.search_.search(terms.join(' '), {
      boost: FIELD_BOOSTS,
      fuzzy,
      prefix: false,
      combineWith: 'OR',
      boostTerm: (term) => (titleTerms.has(term) ? 2 : 1),
      filter: this.filterFor(true, undefined, options.excludeCaseId),
      boostDocument: (id) =>
        category !== null && this.docs.get(id as string)?.category === category ? 1.5 : 1,
    });
    // Keep the clearly related: a hit far below the best is noise from one common word.
    const best = results[0]?.score ?? 0;
    return this.hits(
      results.filter((result) => result.score >= best * 0.2),
      options.limit ?? 5,
    );
  }

  /** A plain object for JSON.stringify; restore with KnowledgeIndex.loadJSON / fromSnapshot. */
  toJSON(): { format: string; version: number; docs: StoredDoc[]; index: unknown } {
    return {
      format: KNOWLEDGE_INDEX_FORMAT,
      version: KNOWLEDGE_INDEX_VERSION,
      docs: [...this.docs.values()],
      index: this.search_.toJSON(),
    };
  }

  private filterFor(resolvedOnly: boolean, category: string | undefined, exclude: string | undefined) {
    if (!resolvedOnly && category === undefined && exclude === undefined) return undefined;
    return (result: SearchResult): boolean => {
      const doc = this.docs.get(result.id as string);
      if (!doc || result.id === exclude) return false;
      if (resolvedOnly && doc.resolution === null) return false;
      return category === undefined || doc.category === category;
    };
  }

  private hits(results: readonly SearchResult[], limit: number): KnowledgeHit[] {
    const hits: KnowledgeHit[] = [];
    for (const result of results.slice(0, Math.max(0, limit))) {
      const doc = this.docs.get(result.id as string);
      if (!doc) continue;
      hits.push({
        caseId: doc.id,
        title: doc.fields.title,
        status: doc.status,
        category: doc.category,
        resolution: doc.resolution,
        score: result.score,
        matchedTerms: result.terms,
        snippet: this.snippetFor(doc, result),
      });
    }
    return hits;
  }

  /**
   * The matching passage from the field that matched the most query terms; among equals the
   * most telling field (resolution before summary, the title only as a last resort).
   */
  private snippetFor(doc: StoredDoc, result: SearchResult) {
    const termsByField = new Map<KnowledgeField, string[]>();
    for (const [term, fields] of Object.entries(result.match)) {
      for (const field of fields as KnowledgeField[]) {
        const list = termsByField.get(field);
        if (list) list.push(term);
        else termsByField.set(field, [term]);
      }
    }
    const order = [...KNOWLEDGE_FIELDS.filter((f) => f !== 'title'), 'title' as const];
    const candidates = order
      .filter((field) => termsByField.has(field))
      .sort((a, b) => (termsByField.get(b)?.length ?? 0) - (termsByField.get(a)?.length ?? 0));
    for (const field of candidates) {
      const snippet = makeSnippet(field, doc.fields[field], termsByField.get(field) ?? []);
      if (snippet) return snippet;
    }
    return null;
  }
}
