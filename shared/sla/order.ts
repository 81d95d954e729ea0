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

/**
 * The causal edges other than "the next event of the same author" and "follows the opening"
 * (both implicit: one successor per event, and one star from the opening): successors named
 * through `after`, in compressed form. Undefined when no event names another.
 */
interface ExplicitEdges {
  /** Successors of event i: successor[first[i]] … successor[first[i + 1] − 1]. */
  readonly first: Int32Array;
  readonly successor: Int32Array;
}

function explicitEdges(events: readonly SlaEvent[], indegree: Int32Array): ExplicitEdges | undefined {
  const count = events.length;
  let byKey: Map<string, number> | undefined;
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  for (let i = 0; i < count; i++) {
    const after = (events[i] as SlaEvent).after;
    if (!after || after.length === 0) continue;
    if (!byKey) {
      byKey = new Map();
      for (let j = 0; j < count; j++)
        byKey.set(`${(events[j] as SlaEvent).author}\u0000${(events[j] as SlaEvent).seq}`, j);
    }
    // References to envelopes the engine was not given are ignored.
    for (const ref of after) {
      const from = byKey.get(`${ref.author}\u0000${ref.seq}`);
      if (from !== undefined && from !== i) {
        edgeFrom.push(from);
        edgeTo.push(i);
        indegree[i] = (indegree[i] as number) + 1;
      }
    }
  }
  if (edgeFrom.length === 0) return undefined;
  const first = new Int32Array(count + 1);
  for (const from of edgeFrom) first[from + 1] = (first[from + 1] as number) + 1;
  for (let i = 0; i < count; i++) first[i + 1] = (first[i + 1] as number) + (first[i] as number);
  const fill = first.slice(0, count);
  const successor = new Int32Array(edgeFrom.length);
  for (let e = 0; e < edgeFrom.length; e++) {
    const from = edgeFrom[e] as number;
    successor[fill[from] as number] = edgeTo[e] as number;
    fill[from] = (fill[from] as number) + 1;
  }
  return { first, successor };
}

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
  // Rule 1: per-author running maximum along the sequence numbers; the chain links are the
  // "same author's next event" edges.
  const monotone = new Float64Array(count);
  const chainNext = new Int32Array(count).fill(-1);
  const indegree = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const i = byAuthor[k] as number;
    const event = events[i] as SlaEvent;
    const previous = k > 0 ? (byAuthor[k - 1] as number) : -1;
    if (previous >= 0 && (events[previous] as SlaEvent).author === event.author) {
      if ((events[previous] as SlaEvent).seq === event.seq) {
        return { ok: false, error: { code: 'duplicate-event', author: event.author, seq: event.seq } };
      }
      monotone[i] = Math.max(monotone[previous] as number, event.at);
      chainNext[previous] = i;
      indegree[i] = 1;
    } else monotone[i] = event.at;
  }

  // "Everything follows the opening", except the opener's own earlier envelopes (e.g. creating
  // its identity), which precede it.
  let opened = -1;
  for (let i = 0; i < count && opened < 0; i++) if ((events[i] as SlaEvent).type === 'opened') opened = i;
  const followsOpening = new Uint8Array(count);
  if (opened >= 0) {
    const opening = events[opened] as SlaEvent;
    for (let i = 0; i < count; i++) {
      const event = events[i] as SlaEvent;
      if (i !== opened && (event.author !== opening.author || event.seq > opening.seq)) {
        followsOpening[i] = 1;
        indegree[i] = (indegree[i] as number) + 1;
      }
    }
  }
  const explicit = explicitEdges(events, indegree);

  // A topological order (Kahn); depth = longest causal chain before the event.
  const depth = new Int32Array(count);
  const topo = new Int32Array(count);
  let tail = 0;
  for (let i = 0; i < count; i++) if (indegree[i] === 0) topo[tail++] = i;
  const reach = (next: number, nextDepth: number): void => {
    if (nextDepth > (depth[next] as number)) depth[next] = nextDepth;
    indegree[next] = (indegree[next] as number) - 1;
    if (indegree[next] === 0) topo[tail++] = next;
  };
  for (let head = 0; head < tail; head++) {
    const i = topo[head] as number;
    const nextDepth = (depth[i] as number) + 1;
    if ((chainNext[i] as number) >= 0) reach(chainNext[i] as number, nextDepth);
    if (i === opened) for (let j = 0; j < count; j++) if (followsOpening[j] === 1) reach(j, nextDepth);
    if (explicit) {
      for (let e = explicit.first[i] as number; e < (explicit.first[i + 1] as number); e++) {
        reach(explicit.successor[e] as number, nextDepth);
      }
    }
  }
  if (tail !== count) return { ok: false, error: { code: 'causal-cycle' } };

  // Rule 2: walk backwards so each event sees its successors' final times. Rule 3: not after now.
  const effective = monotone.slice();
  for (let k = count - 1; k >= 0; k--) {
    const i = topo[k] as number;
    let time = effective[i] as number;
    if ((chainNext[i] as number) >= 0) time = Math.min(time, effective[chainNext[i] as number] as number);
    if (i === opened)
      for (let j = 0; j < count; j++)
        if (followsOpening[j] === 1) time = Math.min(time, effective[j] as number);
    if (explicit) {
      for (let e = explicit.first[i] as number; e < (explicit.first[i + 1] as number); e++) {
        time = Math.min(time, effective[explicit.successor[e] as number] as number);
      }
    }
    effective[i] = time;
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
  const ordered: OrderedEvent[] = [];
  for (const i of order) ordered.push({ event: events[i] as SlaEvent, effectiveAt: effective[i] as number });
  return { ok: true, events: ordered, adjusted };
}
