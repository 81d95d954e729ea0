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

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Effective times and the one total order (time, causal depth, author, seq) all peers share. */
export function orderEvents(events: readonly SlaEvent[], now: number): OrderResult {
  const count = events.length;
  const ev = (i: number): SlaEvent => events[i] as SlaEvent;

  // Events grouped by author in sequence order: each author's chain is one contiguous run.
  const byAuthor: number[] = [];
  for (let i = 0; i < count; i++) byAuthor.push(i);
  byAuthor.sort((a, b) => compareText(ev(a).author, ev(b).author) || ev(a).seq - ev(b).seq);
  // Rule 1: per-author running maximum along the sequence numbers.
  const monotone = new Float64Array(count);
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = byAuthor[k] as number;
    const previous = k > 0 ? (byAuthor[k - 1] as number) : -1;
    if (previous >= 0 && ev(previous).author === ev(i).author) {
      if (ev(previous).seq === ev(i).seq) {
        return { ok: false, error: { code: 'duplicate-event', author: ev(i).author, seq: ev(i).seq } };
      }
      monotone[i] = Math.max(monotone[previous] as number, ev(i).at);
      edgeFrom.push(previous);
      edgeTo.push(i);
    } else monotone[i] = ev(i).at;
  }

  // Causal edges: explicit `after` references (unknown ones are envelopes the engine was not
  // given and are ignored) and "everything follows the opening".
  let byKey: Map<string, number> | undefined;
  const opened = events.findIndex((event) => event.type === 'opened');
  for (let i = 0; i < count; i++) {
    const event = ev(i);
    if (event.after && event.after.length > 0) {
      if (!byKey) {
        byKey = new Map();
        for (let j = 0; j < count; j++) byKey.set(`${ev(j).author}\u0000${ev(j).seq}`, j);
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
      const opening = ev(opened);
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
  const firstEdge = new Int32Array(count + 1);
  for (let e = 0; e < edges; e++) {
    const slot = (edgeFrom[e] as number) + 1;
    firstEdge[slot] = (firstEdge[slot] as number) + 1;
  }
  for (let i = 0; i < count; i++) firstEdge[i + 1] = (firstEdge[i + 1] as number) + (firstEdge[i] as number);
  const fill = firstEdge.slice(0, count);
  const successor = new Int32Array(edges);
  const indegree = new Int32Array(count);
  for (let e = 0; e < edges; e++) {
    const from = edgeFrom[e] as number;
    const to = edgeTo[e] as number;
    const slot = fill[from] as number;
    successor[slot] = to;
    fill[from] = slot + 1;
    indegree[to] = (indegree[to] as number) + 1;
  }
  const depth = new Int32Array(count);
  const topo = new Int32Array(count);
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
  const effective = Float64Array.from(monotone);
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
    const event = ev(i);
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
  const ordered = order.map((i) => ({ event: ev(i), effectiveAt: effective[i] as number }));
  return { ok: true, events: ordered, adjusted };
}
