/**
 * Terms and snippets. The same term processing is used for indexing and for queries, so
 * "Boot chip" finds "boot-chip" and stop words never match everything in an OR query.
 */
import type { KnowledgeField, Snippet } from './types';

// Common English function words: in "similar cases" queries built from a whole title and
// summary they would otherwise match nearly every case.
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it ' +
    'its me my no not of on or our she so than that the their them then there these they this to too was we were ' +
    'what when where which who why will with would you your after again also any because before both each few ' +
    'more most other same some such only own very just now get got still after about over under up down out off'
  ).split(' '),
);

/** Lower-cases a token and drops stop words and one-letter tokens. */
export function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (lower.length < 2 || STOP_WORDS.has(lower)) return null;
  return lower;
}

/** Splits text into tokens on anything that is not a letter or digit. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
}

/** Distinct processed terms of a text, in order of first appearance. */
export function queryTerms(text: string, limit: number): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term !== null) seen.add(term);
    if (seen.size >= limit) break;
  }
  return [...seen];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The part of `text` around the first occurrence of any of `terms` (matched at the start of a
 * word, case-insensitively), cut at word boundaries, with every occurrence in it highlighted.
 */
export function makeSnippet(
  field: KnowledgeField,
  text: string,
  terms: readonly string[],
  width = 160,
): Snippet | null {
  if (terms.length === 0 || text.length === 0) return null;
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.map(escapeRegExp).join('|')})`, 'giu');
  const first = pattern.exec(text);
  if (!first) return null;
  let start = Math.max(0, first.index - Math.floor(width / 3));
  let end = Math.min(text.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first.index) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first.index + first[0].length) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const body = text.slice(start, end);
  const highlights: [number, number][] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    highlights.push([prefix.length + match.index, prefix.length + match.index + match[0].length]);
  }
  return { field, text: `${prefix}${body}${end < text.length ? '…' : ''}`, highlights };
}
