/**
 * A case's events grouped into author chains for the clock-skew rule (order.ts): authors by id,
 * each author's events by sequence number, and the running maximum of their timestamps (rule 1).
 * Flat typed arrays and no per-event objects: the inbox groups tens of thousands of events
 * before the engine's code is optimised, so every operation per event counts.
 */
import type { SlaError, SlaEvent } from './types';

/** Authors looked up by a scan up to this many, by a map beyond (a case has a handful). */
const SCANNED_AUTHORS = 8;

export interface AuthorChains {
  /** Event indices, chain after chain: chain c is byAuthor[start[c]] … byAuthor[start[c + 1] − 1]. */
  readonly byAuthor: Int32Array;
  /** Chain boundaries in byAuthor; chains.start.length − 1 chains, in author-id order. */
  readonly start: Int32Array;
  /** Chain of each event (by event index). */
  readonly chainOf: Int32Array;
  /** Position of each event (by event index) in its chain: 0 for its author's first event. */
  readonly step: Int32Array;
  /** Rule 1: each event's time, never earlier than its author's previous event (by event index). */
  readonly monotone: Float64Array;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Slot of each event's author in order of first appearance, and the authors' ids. */
function authorSlots(events: readonly SlaEvent[], slot: Int32Array): string[] {
  const names: string[] = [];
  let index: Map<string, number> | undefined;
  for (let i = 0; i < events.length; i++) {
    const author = (events[i] as SlaEvent).author;
    let found = -1;
    if (index !== undefined) found = index.get(author) ?? -1;
    else {
      for (let n = 0; n < names.length; n++) {
        if (names[n] === author) {
          found = n;
          break;
        }
      }
    }
    if (found < 0) {
      found = names.length;
      names.push(author);
      if (index !== undefined) index.set(author, found);
      else if (names.length > SCANNED_AUTHORS) index = new Map(names.map((name, n) => [name, n]));
    }
    slot[i] = found;
  }
  return names;
}

/** Sorts one chain by sequence number when it is not already in order; an error on a repeated seq. */
function sortChain(
  events: readonly SlaEvent[],
  byAuthor: Int32Array,
  from: number,
  to: number,
): SlaError | undefined {
  let inOrder = true;
  for (let k = from + 1; k < to && inOrder; k++) {
    inOrder =
      (events[byAuthor[k - 1] as number] as SlaEvent).seq < (events[byAuthor[k] as number] as SlaEvent).seq;
  }
  if (inOrder) return undefined;
  const chain = Array.from(byAuthor.subarray(from, to)).sort(
    (a, b) => (events[a] as SlaEvent).seq - (events[b] as SlaEvent).seq,
  );
  byAuthor.set(chain, from);
  for (let k = from + 1; k < to; k++) {
    const event = events[byAuthor[k] as number] as SlaEvent;
    if ((events[byAuthor[k - 1] as number] as SlaEvent).seq === event.seq) {
      return { code: 'duplicate-event', author: event.author, seq: event.seq };
    }
  }
  return undefined;
}

/** Groups the events into author chains (a counting sort by author), or the first duplicate. */
export function authorChains(events: readonly SlaEvent[]): AuthorChains | SlaError {
  const count = events.length;
  const chainOf = new Int32Array(count);
  const names = authorSlots(events, chainOf);
  const authors = names.length;
  const byId = names.map((_, n) => n).sort((a, b) => compareText(names[a] as string, names[b] as string));
  const rank = new Int32Array(authors);
  for (let r = 0; r < authors; r++) rank[byId[r] as number] = r;

  const start = new Int32Array(authors + 1);
  for (let i = 0; i < count; i++) {
    const chain = rank[chainOf[i] as number] as number;
    chainOf[i] = chain;
    start[chain + 1] = (start[chain + 1] as number) + 1;
  }
  for (let r = 0; r < authors; r++) start[r + 1] = (start[r + 1] as number) + (start[r] as number);
  const fill = start.slice(0, authors);
  const byAuthor = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const chain = chainOf[i] as number;
    byAuthor[fill[chain] as number] = i;
    fill[chain] = (fill[chain] as number) + 1;
  }

  const step = new Int32Array(count);
  const monotone = new Float64Array(count);
  for (let r = 0; r < authors; r++) {
    const from = start[r] as number;
    const to = start[r + 1] as number;
    const duplicate = sortChain(events, byAuthor, from, to);
    if (duplicate) return duplicate;
    let latest = -Infinity;
    for (let k = from; k < to; k++) {
      const i = byAuthor[k] as number;
      const at = (events[i] as SlaEvent).at;
      if (at > latest) latest = at;
      monotone[i] = latest;
      step[i] = k - from;
    }
  }
  return { byAuthor, start, chainOf, step, monotone };
}

/** Chains beyond which merging them costs more than one sort. */
const MERGED_CHAINS = 16;

/**
 * The events in (time, depth) order, ties by author and seq. Every chain is already in that
 * order (times never decrease and depths grow along a chain), so a few chains merge in one pass.
 */
export function mergeChains(chains: AuthorChains, time: Float64Array, depth: Int32Array): Int32Array {
  const { byAuthor, start } = chains;
  const authors = start.length - 1;
  if (authors > MERGED_CHAINS) {
    // byAuthor is ordered by (author, seq): a stable sort on (time, depth) keeps that for ties.
    const sorted = Array.from(byAuthor).sort(
      (a, b) => (time[a] as number) - (time[b] as number) || (depth[a] as number) - (depth[b] as number),
    );
    return Int32Array.from(sorted);
  }
  const head = start.slice(0, authors);
  const order = new Int32Array(byAuthor.length);
  for (let out = 0; out < order.length; out++) {
    let best = -1;
    let bestEvent = -1;
    for (let r = 0; r < authors; r++) {
      if ((head[r] as number) >= (start[r + 1] as number)) continue;
      const i = byAuthor[head[r] as number] as number;
      if (
        best < 0 ||
        (time[i] as number) < (time[bestEvent] as number) ||
        (time[i] === time[bestEvent] && (depth[i] as number) < (depth[bestEvent] as number))
      ) {
        best = r;
        bestEvent = i;
      }
    }
    order[out] = bestEvent;
    head[best] = (head[best] as number) + 1;
  }
  return order;
}
