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
import { authorChains, mergeChains } from './order-chains';
import type { AuthorChains } from './order-chains';
import type { AdjustedTimestamp, SlaError, SlaEvent } from './types';

/** The events in effective order, with their effective times (times[k] is events[k]'s). */
export type OrderResult =
  | {
      readonly ok: true;
      readonly events: readonly SlaEvent[];
      readonly times: Float64Array;
      readonly adjusted: readonly AdjustedTimestamp[];
    }
  | { readonly ok: false; readonly error: SlaError };

/**
 * The causal edges other than "the next event of the same author" and "follows the opening"
 * (both implicit: one successor per event, and one star from the opening): successors named
 * through `after`, in compressed form. Undefined when no event names another it was given.
 */
interface ExplicitEdges {
  /** Successors of event i: successor[first[i]] … successor[first[i + 1] − 1]. */
  readonly first: Int32Array;
  readonly successor: Int32Array;
}

function explicitEdges(events: readonly SlaEvent[]): ExplicitEdges | undefined {
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

/** Rule 2 and causal depths; false on a causal cycle. `time` holds rule 1's times on entry. */
type CausalPass = (
  events: readonly SlaEvent[],
  chains: AuthorChains,
  opened: number,
  time: Float64Array,
  depth: Int32Array,
) => boolean;

/**
 * Rule 2 when no event names another in `after`: the only edges are the author chains and the
 * star from the opening. An event's later chain events never lower its time, so only the
 * opening and the opener's earlier events (which precede it) are clamped, to the earliest time
 * of everything that follows the opening. Depth is the position in the chain, plus the
 * opening's depth + 1 for chains of authors other than the opener.
 */
const chainsAndOpening: CausalPass = (events, chains, opened, time, depth) => {
  const { byAuthor, chainOf, step } = chains;
  const count = events.length;
  if (opened < 0) {
    depth.set(step);
    return true;
  }
  const openerChain = chainOf[opened] as number;
  const openedStep = step[opened] as number;
  let earliestFollower = Infinity;
  for (let i = 0; i < count; i++) {
    if ((chainOf[i] as number) !== openerChain || (step[i] as number) > openedStep) {
      if ((time[i] as number) < earliestFollower) earliestFollower = time[i] as number;
    }
    depth[i] =
      (chainOf[i] as number) === openerChain ? (step[i] as number) : (step[i] as number) + openedStep + 1;
  }
  const first = chains.start[openerChain] as number;
  for (let k = first; k <= first + openedStep; k++) {
    const i = byAuthor[k] as number;
    if (earliestFollower < (time[i] as number)) time[i] = earliestFollower;
  }
  return true;
};

/** Rule 2 over every edge, `after` references included: a topological order (Kahn), then backwards. */
const allEdges: CausalPass = (events, chains, opened, time, depth) => {
  const count = events.length;
  const { byAuthor, chainOf } = chains;
  const chainNext = new Int32Array(count).fill(-1);
  const indegree = new Int32Array(count);
  for (let k = 1; k < count; k++) {
    const i = byAuthor[k] as number;
    const previous = byAuthor[k - 1] as number;
    if (chainOf[i] === chainOf[previous]) {
      chainNext[previous] = i;
      indegree[i] = 1;
    }
  }
  // "Everything follows the opening", except the opener's own earlier envelopes (e.g. creating
  // its identity), which precede it.
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
  const explicit = explicitEdges(events);
  if (explicit) {
    for (const to of explicit.successor) indegree[to] = (indegree[to] as number) + 1;
  }

  // A topological order (Kahn); depth = longest causal chain before the event.
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
  if (tail !== count) return false;

  // Walk backwards so each event sees its successors' final times.
  for (let k = count - 1; k >= 0; k--) {
    const i = topo[k] as number;
    let t = time[i] as number;
    if ((chainNext[i] as number) >= 0) t = Math.min(t, time[chainNext[i] as number] as number);
    if (i === opened)
      for (let j = 0; j < count; j++) if (followsOpening[j] === 1) t = Math.min(t, time[j] as number);
    if (explicit) {
      for (let e = explicit.first[i] as number; e < (explicit.first[i + 1] as number); e++) {
        t = Math.min(t, time[explicit.successor[e] as number] as number);
      }
    }
    time[i] = t;
  }
  return true;
};

function hasAfter(events: readonly SlaEvent[]): boolean {
  for (let i = 0; i < events.length; i++) {
    const after = (events[i] as SlaEvent).after;
    if (after !== undefined && after.length > 0) return true;
  }
  return false;
}

/**
 * Effective times and order of a case's events at `now`. `general` forces the pass over every
 * edge even when no event names another (the property test compares both paths).
 */
export function orderEvents(events: readonly SlaEvent[], now: number, general = false): OrderResult {
  const count = events.length;
  const chains = authorChains(events);
  if (!('byAuthor' in chains)) return { ok: false, error: chains };
  const { byAuthor, monotone } = chains;
  let opened = -1;
  for (let i = 0; i < count && opened < 0; i++) if ((events[i] as SlaEvent).type === 'opened') opened = i;

  const time = monotone.slice();
  const depth = new Int32Array(count);
  const pass = general || hasAfter(events) ? allEdges : chainsAndOpening;
  if (!pass(events, chains, opened, time, depth)) return { ok: false, error: { code: 'causal-cycle' } };

  // Rule 3 (not after now), and every changed timestamp with the rule that changed it.
  const adjusted: AdjustedTimestamp[] = [];
  for (let k = 0; k < count; k++) {
    const i = byAuthor[k] as number;
    const event = events[i] as SlaEvent;
    const afterRule2 = time[i] as number;
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
    time[i] = effectiveAt;
  }
  const order = mergeChains(chains, time, depth);
  const ordered: SlaEvent[] = [];
  const times = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    ordered.push(events[i] as SlaEvent);
    times[k] = time[i] as number;
  }
  return { ok: true, events: ordered, times, adjusted };
}
