/**
 * The clock-skew rule (docs/sla-clock.md): turns the signed timestamps of a case's events into
 * effective times that every peer computes alike from the same set of events, whatever order
 * they arrived in and whatever the evaluating peer's clock says about the past.
 *
 * 1. author order: an event is never earlier than its author's previous event (by seq);
 * 2. causal ceiling: an event is never later than any event that causally follows it
 *    (same author's later events, events naming it in `after`, and every event after the
 *    case's `opened` event), i.e. a timestamp too far in the future relative to a later
 *    event by someone else is clamped down to that event's time;
 * 3. not after now: for an evaluation at `now`, an effective time after `now` counts as `now`.
 */
import type { AdjustedTimestamp, SlaError, SlaEvent } from './types';

export interface OrderedEvent {
  readonly event: SlaEvent;
  readonly effectiveAt: number;
}

export type OrderResult =
  | {
      readonly ok: true;
      readonly events: readonly OrderedEvent[];
      readonly adjusted: readonly AdjustedTimestamp[];
    }
  | { readonly ok: false; readonly error: SlaError };

/** Small plain arrays: cheaper than typed arrays at the sizes of one case's log. */
function filled(length: number, value: number): number[] {
  const array: number[] = [];
  for (let i = 0; i < length; i++) array.push(value);
  return array;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Effective times and the one total order (time, causal depth, author, seq) all peers share. */
export function orderEvents(events: readonly SlaEvent[], now: number): OrderResult {
  const count = events.length;

  // Events grouped by author (authors by id), each author's in sequence order: every chain is
  // one contiguous run. A case has a handful of authors, so grouping beats a string sort.
  const chains = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const chain = chains.get((events[i] as SlaEvent).author);
    if (chain) chain.push(i);
    else chains.set((events[i] as SlaEvent).author, [i]);
  }
  const byAuthor: number[] = [];
  for (const author of [...chains.keys()].sort(compareText)) {
    const chain = chains.get(author) as number[];
    chain.sort((a, b) => (events[a] as SlaEvent).seq - (events[b] as SlaEvent).seq);
    for (const i of chain) byAuthor.push(i);
  }
  // Rule 1: per-author running maximum along the sequence numbers.
  const monotone = filled(count, 0);
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = byAuthor[k] as number;
    const previous = k > 0 ? (byAuthor[k - 1] as number) : -1;
    if (previous >= 0 && (events[previous] as SlaEvent).author === (events[i] as SlaEvent).author) {
      if ((events[previous] as SlaEvent).seq === (events[i] as SlaEvent).seq) {
        return {
          ok: false,
          error: {
            code: 'duplicate-event',
            author: (events[i] as SlaEvent).author,
            seq: (events[i] as SlaEvent).seq,
          },
        };
      }
      monotone[i] = Math.max(monotone[previous] as number, (events[i] as SlaEvent).at);
      edgeFrom.push(previous);
      edgeTo.push(i);
    } else monotone[i] = (events[i] as SlaEvent).at;
  }

  // Causal edges: explicit `after` references (unknown ones are envelopes the engine was not
  // given and are ignored) and "everything follows the opening".
  let byKey: Map<string, number> | undefined;
  const opened = events.findIndex((event) => event.type === 'opened');
  for (let i = 0; i < count; i++) {
    const event = events[i] as SlaEvent;
    if (event.after && event.after.length > 0) {
      if (!byKey) {
        byKey = new Map();
        for (let j = 0; j < count; j++)
          byKey.set(`${(events[j] as SlaEvent).author}\u0000${(events[j] as SlaEvent).seq}`, j);
      }
      for (const ref of event.after) {
        const from = byKey.get(`${ref.author}\u0000${ref.seq}`);
        if (from !== undefined && from !== i) {
          edgeFrom.push(from);
          edgeTo.push(i);
        }
      }
    }
    if (opened >= 0 && i !== opened) {
      const opening = events[opened] as SlaEvent;
      // The opener's own earlier envelopes (e.g. creating its identity) precede the opening.
      if (event.author !== opening.author || event.seq > opening.seq) {
        edgeFrom.push(opened);
        edgeTo.push(i);
      }
    }
  }

  // Successor lists in compressed form, then a topological order (Kahn); depth = longest
  // causal chain before the event.
  const edges = edgeFrom.length;
  const firstEdge = filled(count + 1, 0);
  for (let e = 0; e < edges; e++) {
    const slot = (edgeFrom[e] as number) + 1;
    firstEdge[slot] = (firstEdge[slot] as number) + 1;
  }
  for (let i = 0; i < count; i++) firstEdge[i + 1] = (firstEdge[i + 1] as number) + (firstEdge[i] as number);
  const fill = firstEdge.slice(0, count);
  const successor = filled(edges, 0);
  const indegree = filled(count, 0);
  for (let e = 0; e < edges; e++) {
    const from = edgeFrom[e] as number;
    const to = edgeTo[e] as number;
    const slot = fill[from] as number;
    successor[slot] = to;
    fill[from] = slot + 1;
    indegree[to] = (indegree[to] as number) + 1;
  }
  const depth = filled(count, 0);
  const topo = filled(count, 0);
  let tail = 0;
  for (let i = 0; i < count; i++) if (indegree[i] === 0) topo[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const i = topo[head] as number;
    for (let e = firstEdge[i] as number; e < (firstEdge[i + 1] as number); e++) {
      const next = successor[e] as number;
      if ((depth[i] as number) + 1 > (depth[next] as number)) depth[next] = (depth[i] as number) + 1;
      indegree[next] = (indegree[next] as number) - 1;
      if (indegree[next] === 0) topo[tail++] = next;
    }
  }
  if (tail !== count) return { ok: false, error: { code: 'causal-cycle' } };

  // Rule 2: walk backwards so each event sees its successors' final times. Rule 3: not after now.
  const effective = monotone.slice();
  for (let k = count - 1; k >= 0; k--) {
    const i = topo[k] as number;
    for (let e = firstEdge[i] as number; e < (firstEdge[i + 1] as number); e++) {
      const next = successor[e] as number;
      if ((effective[next] as number) < (effective[i] as number)) effective[i] = effective[next] as number;
    }
  }

  const adjusted: AdjustedTimestamp[] = [];
  for (let k = 0; k < count; k++) {
    const i = byAuthor[k] as number;
    const event = events[i] as SlaEvent;
    const afterRule2 = effective[i] as number;
    const effectiveAt = Math.min(afterRule2, now);
    if (effectiveAt !== event.at) {
      const rule =
        effectiveAt < afterRule2
          ? 'not-after-now'
          : afterRule2 < (monotone[i] as number)
            ? 'causal-ceiling'
            : 'author-order';
      adjusted.push({ author: event.author, seq: event.seq, signedAt: event.at, effectiveAt, rule });
    }
    effective[i] = effectiveAt;
  }
  // byAuthor is already ordered by (author, seq): a stable sort on (time, depth) keeps that.
  const order = byAuthor
    .slice()
    .sort(
      (a, b) =>
        (effective[a] as number) - (effective[b] as number) || (depth[a] as number) - (depth[b] as number),
    );
  const ordered = order.map((i) => ({ event: events[i] as SlaEvent, effectiveAt: effective[i] as number }));
  return { ok: true, events: ordered, adjusted };
}
