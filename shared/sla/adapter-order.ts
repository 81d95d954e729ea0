/**
 * Causality between signed changes, read from their Yjs updates, and the one replay order
 * every peer derives from the same set of changes (whatever order they arrived in).
 *
 * A Yjs update names what it builds on: the neighbours (`origin`, `rightOrigin`) and parent of
 * each item it inserts, and the items it deletes. Client ids belong to one author (shared/signed
 * binds them), so each such reference points at exactly one earlier signed change: the author
 * had seen it when signing. Those references become the events' `after` (docs/sla-clock.md §3).
 */
import * as Y from 'yjs';

/** One verified signed change: the envelope's author, sequence number, timestamp and update. */
export interface SignedChange {
  /** Author identity id (the envelope's author). */
  readonly author: string;
  /** The author's envelope sequence number (1, 2, …). */
  readonly seq: number;
  /** The signed envelope timestamp: the author's clock, ms since the epoch. */
  readonly timestamp: number;
  /** The Yjs update (v1) the envelope carries. */
  readonly update: Uint8Array;
}

/** Which clock ranges an update writes, and which foreign items it refers to. */
export interface Footprint {
  /** [client, first clock, end clock) per run of structs. */
  readonly ranges: readonly (readonly [number, number, number])[];
  /** (client, clock) of every item referred to: neighbours, parents, deleted items. */
  readonly refs: readonly (readonly [number, number])[];
}

/** Decodes an update's footprint; null when the update does not decode (never from a verified log). */
export function footprintOf(update: Uint8Array): Footprint | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return null;
  }
  const ranges: [number, number, number][] = [];
  const refs: [number, number][] = [];
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const last = ranges[ranges.length - 1];
    if (last && last[0] === client && last[2] === clock) last[2] = clock + struct.length;
    else ranges.push([client, clock, clock + struct.length]);
    if (!(struct instanceof Y.Item)) continue;
    if (struct.origin) refs.push([struct.origin.client, struct.origin.clock]);
    if (struct.rightOrigin) refs.push([struct.rightOrigin.client, struct.rightOrigin.clock]);
    if (struct.parent instanceof Y.ID) refs.push([struct.parent.client, struct.parent.clock]);
  }
  for (const [client, deletions] of decoded.ds.clients) {
    for (const deletion of deletions) refs.push([client, deletion.clock]);
  }
  return { ranges, refs };
}

/** Finds which change wrote a (client, clock): ranges per client, appended in clock order. */
export class ClockIndex {
  private readonly byClient = new Map<number, { starts: number[]; ends: number[]; owners: number[] }>();

  add(footprint: Footprint, owner: number): void {
    for (const [client, start, end] of footprint.ranges) {
      let list = this.byClient.get(client);
      if (!list) {
        list = { starts: [], ends: [], owners: [] };
        this.byClient.set(client, list);
      }
      list.starts.push(start);
      list.ends.push(end);
      list.owners.push(owner);
    }
  }

  /** The change that wrote (client, clock), or undefined. */
  ownerOf(client: number, clock: number): number | undefined {
    const list = this.byClient.get(client);
    if (!list) return undefined;
    let low = 0;
    let high = list.starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (clock < (list.starts[mid] as number)) high = mid - 1;
      else if (clock >= (list.ends[mid] as number)) low = mid + 1;
      else return list.owners[mid];
    }
    return undefined;
  }
}

/** Total order of the tie-break key: timestamp, then author, then seq. */
export function compareChanges(a: SignedChange, b: SignedChange): number {
  return (
    a.timestamp - b.timestamp || (a.author < b.author ? -1 : a.author > b.author ? 1 : 0) || a.seq - b.seq
  );
}

/**
 * Kahn's topological order over `deps` (indices each change builds on), always taking the
 * smallest available change by `compareChanges`. The same set of changes gives the same order
 * on every peer. `deps` must be acyclic (true for a verified log: a change can only refer to
 * changes that existed when it was signed).
 */
export function canonicalOrder(
  changes: readonly SignedChange[],
  deps: readonly (readonly number[])[],
): number[] {
  const count = changes.length;
  const waiting = new Array<number>(count).fill(0);
  const followers: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < count; i++) {
    for (const d of deps[i] ?? []) {
      waiting[i] = (waiting[i] as number) + 1;
      (followers[d] as number[]).push(i);
    }
  }
  const heap = new MinHeap((a, b) => compareChanges(changes[a] as SignedChange, changes[b] as SignedChange));
  for (let i = 0; i < count; i++) if (waiting[i] === 0) heap.push(i);
  const order: number[] = [];
  while (heap.size > 0) {
    const next = heap.pop() as number;
    order.push(next);
    for (const f of followers[next] as number[]) {
      waiting[f] = (waiting[f] as number) - 1;
      if (waiting[f] === 0) heap.push(f);
    }
  }
  // A cycle cannot come from a verified log; keep the rest in key order rather than drop it.
  if (order.length < count) {
    const placed = new Set(order);
    const rest = [...Array(count).keys()].filter((i) => !placed.has(i));
    rest.sort((a, b) => compareChanges(changes[a] as SignedChange, changes[b] as SignedChange));
    order.push(...rest);
  }
  return order;
}

class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(items[i] as number, items[parent] as number) >= 0) break;
      [items[i], items[parent]] = [items[parent] as number, items[i] as number];
      i = parent;
    }
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.less(items[left] as number, items[smallest] as number) < 0)
          smallest = left;
        if (right < items.length && this.less(items[right] as number, items[smallest] as number) < 0)
          smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest] as number, items[i] as number];
        i = smallest;
      }
    }
    return top;
  }
}
