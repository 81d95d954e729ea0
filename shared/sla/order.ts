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

const refKey = (author: string, seq: number): string => `${author}\u0000${seq}`;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Effective times and the one total order (time, causal depth, author, seq) all peers share. */
export function orderEvents(events: readonly SlaEvent[], now: number): OrderResult {
  const count = events.length;
  const byKey = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const event = events[i] as SlaEvent;
    const key = refKey(event.author, event.seq);
    if (byKey.has(key))
      return { ok: false, error: { code: 'duplicate-event', author: event.author, seq: event.seq } };
    byKey.set(key, i);
  }

  // Rule 1: per-author running maximum along the sequence numbers.
  const byAuthor = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const author = (events[i] as SlaEvent).author;
    const list = byAuthor.get(author);
    if (list) list.push(i);
    else byAuthor.set(author, [i]);
  }
  const monotone = new Float64Array(count);
  const successors: number[][] = Array.from({ length: count }, () => []);
  const indegree = new Int32Array(count);
  const addEdge = (from: number, to: number): void => {
    (successors[from] as number[]).push(to);
    indegree[to] = (indegree[to] as number) + 1;
  };
  for (const list of byAuthor.values()) {
    list.sort((a, b) => (events[a] as SlaEvent).seq - (events[b] as SlaEvent).seq);
    let previous = -Infinity;
    for (let k = 0; k < list.length; k++) {
      const i = list[k] as number;
      previous = Math.max(previous, (events[i] as SlaEvent).at);
      monotone[i] = previous;
      if (k > 0) addEdge(list[k - 1] as number, i);
    }
  }

  // Causal edges: explicit `after` references (unknown ones are envelopes the engine was not
  // given and are ignored) and "everything follows the opening".
  const opened = events.findIndex((event) => event.type === 'opened');
  for (let i = 0; i < count; i++) {
    const event = events[i] as SlaEvent;
    for (const ref of event.after ?? []) {
      const from = byKey.get(refKey(ref.author, ref.seq));
      if (from !== undefined && from !== i) addEdge(from, i);
    }
    if (opened >= 0 && i !== opened) {
      const opening = events[opened] as SlaEvent;
      // The opener's own earlier envelopes (e.g. creating its identity) precede the opening.
      if (event.author !== opening.author || event.seq > opening.seq) addEdge(opened, i);
    }
  }

  // Topological order (Kahn); depth = longest causal chain before the event.
  const depth = new Int32Array(count);
  const topo: number[] = [];
  const remaining = Int32Array.from(indegree);
  for (let i = 0; i < count; i++) if (remaining[i] === 0) topo.push(i);
  for (let head = 0; head < topo.length; head++) {
    const i = topo[head] as number;
    for (const next of successors[i] as number[]) {
      depth[next] = Math.max(depth[next] as number, (depth[i] as number) + 1);
      remaining[next] = (remaining[next] as number) - 1;
      if (remaining[next] === 0) topo.push(next);
    }
  }
  if (topo.length !== count) return { ok: false, error: { code: 'causal-cycle' } };

  // Rule 2: walk backwards so each event sees its successors' final times.
  const effective = Float64Array.from(monotone);
  for (let k = topo.length - 1; k >= 0; k--) {
    const i = topo[k] as number;
    for (const next of successors[i] as number[]) {
      if ((effective[next] as number) < (effective[i] as number)) effective[i] = effective[next] as number;
    }
  }

  const ordered: OrderedEvent[] = [];
  const adjusted: AdjustedTimestamp[] = [];
  const depthOf = new Map<SlaEvent, number>();
  for (let i = 0; i < count; i++) {
    const event = events[i] as SlaEvent;
    const afterRule2 = effective[i] as number;
    const effectiveAt = Math.min(afterRule2, now); // rule 3
    depthOf.set(event, depth[i] as number);
    ordered.push({ event, effectiveAt });
    if (effectiveAt !== event.at) {
      const rule =
        effectiveAt < afterRule2
          ? 'not-after-now'
          : afterRule2 < (monotone[i] as number)
            ? 'causal-ceiling'
            : 'author-order';
      adjusted.push({ author: event.author, seq: event.seq, signedAt: event.at, effectiveAt, rule });
    }
  }
  ordered.sort(
    (a, b) =>
      a.effectiveAt - b.effectiveAt ||
      (depthOf.get(a.event) as number) - (depthOf.get(b.event) as number) ||
      compareText(a.event.author, b.event.author) ||
      a.event.seq - b.event.seq,
  );
  adjusted.sort((a, b) => compareText(a.author, b.author) || a.seq - b.seq);
  return { ok: true, events: ordered, adjusted };
}
