/**
 * Knowledge from past cases: what a resolved case teaches, and what the local index holds.
 * Plain data mirroring the contract's selectors (shared/contract/views.ts), so the index can
 * be fed from a ContractSnapshot by a small adapter and tested without Yjs.
 */

/** What the resolving party writes when a case is resolved. */
export interface ResolutionSummary {
  readonly problem: string;
  readonly cause: string;
  readonly fix: string;
  readonly resolvedAt: number;
}

/** One local case as the knowledge index sees it. */
export interface KnowledgeCase {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** Case status (contract CaseStatus), e.g. 'open', 'resolved'. */
  readonly status: string;
  readonly category: string | null;
  /** Titles of the case's topics. */
  readonly topics: readonly string[];
  readonly dataItems: readonly { readonly label: string; readonly value: string | number | boolean | null }[];
  readonly actions: readonly { readonly title: string; readonly description: string }[];
  /** Set once the case is resolved and its summary written. */
  readonly resolution: ResolutionSummary | null;
  readonly updatedAt: number;
}

/** The searchable fields, in the order snippets prefer them. */
export const KNOWLEDGE_FIELDS = [
  'title',
  'problem',
  'fix',
  'cause',
  'topics',
  'summary',
  'actions',
  'dataItems',
  'category',
] as const;
export type KnowledgeField = (typeof KNOWLEDGE_FIELDS)[number];

/** A piece of a field's text around the match; highlights are [start, end) offsets in `text`. */
export interface Snippet {
  readonly field: KnowledgeField;
  readonly text: string;
  readonly highlights: readonly (readonly [number, number])[];
}

export interface KnowledgeHit {
  readonly caseId: string;
  readonly title: string;
  readonly status: string;
  readonly category: string | null;
  readonly resolution: ResolutionSummary | null;
  readonly score: number;
  /** Indexed terms that matched (after fuzzy and prefix expansion). */
  readonly matchedTerms: readonly string[];
  readonly snippet: Snippet | null;
}

export interface SearchOptions {
  /** At most this many hits (default 20). */
  readonly limit?: number;
  /** Only cases with a resolution summary. */
  readonly resolvedOnly?: boolean;
  readonly category?: string;
}

/** A new case's first words, for "similar resolved cases". */
export interface CaseDraft {
  readonly title: string;
  readonly summary?: string;
  readonly topics?: readonly string[];
  readonly category?: string | null;
}

export type KnowledgeError =
  | { readonly code: 'invalid-case'; readonly field: string }
  | { readonly code: 'not-json' }
  | { readonly code: 'unknown-format' }
  | { readonly code: 'unsupported-version'; readonly version: unknown }
  | { readonly code: 'corrupt-index'; readonly detail: string };

export type KnowledgeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: KnowledgeError };
