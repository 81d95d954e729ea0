import * as Y from 'yjs';

/**
 * Reads a Yjs update BEFORE it touches the contract document and says what it would do, as paths
 * (design.md §4: "rights are checked on the update itself"). Schema-agnostic: the contract-aware
 * facts and the rights table come in rights-check.ts.
 *
 * Paths are root name, then map keys down to the written place, e.g. ["actions", "<id>", "status"]
 * (docs/envelope.md "Paths"). Array elements that are shared types get the segment "#".
 */

/** What one update does at one path. */
export type WriteKind = 'create' | 'set' | 'append' | 'text';

export interface InspectedWrite {
  readonly path: readonly string[];
  readonly op: WriteKind;
  /** set: [the value]; append: the pushed values; text and create: []. Shared types appear as '[type]'. */
  readonly values: readonly unknown[];
  /** create: the new entity's own fields written in the same update (plain values only). */
  readonly fields: ReadonlyMap<string, unknown>;
  /**
   * True for writes inside a type this same update creates: the rights table judges them through
   * that type's 'create', but content rules (attribution, agreement signatures) still see them.
   */
  readonly covered: boolean;
}

export type Violation =
  | { readonly code: 'foreign-client-id'; readonly clientId: number }
  | { readonly code: 'delete'; readonly path: readonly string[] }
  | { readonly code: 'insert-inside-array'; readonly path: readonly string[] }
  | { readonly code: 'unresolvable'; readonly detail: string };

export type Inspection =
  | { readonly kind: 'malformed'; readonly detail: string }
  /** The update builds on content this document does not have yet: wait for it. */
  | { readonly kind: 'missing'; readonly detail: string }
  | {
      readonly kind: 'inspected';
      readonly writes: readonly InspectedWrite[];
      readonly violations: readonly Violation[];
      /** Number of structs the update adds (0 for a delete-only or no-op update). */
      readonly inserted: number;
    };

/** Where an item lives: a type already in the document, a root by name, or a type this update creates. */
type Container =
  | { readonly kind: 'doc'; readonly type: Y.AbstractType<unknown> }
  | { readonly kind: 'root'; readonly name: string }
  | { readonly kind: 'new'; readonly item: Y.Item };

interface Placement {
  readonly container: Container;
  readonly key: string | null;
}

/** Thrown inside the inspection only; plain classes, not Errors: no stack trace to capture. */
class Missing {
  constructor(readonly message: string) {}
}
class Unresolvable {
  constructor(readonly message: string) {}
}

const TYPE_MARK = '[type]';

/** Yjs does not export these two types by name. */
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
type Content = Y.Item['content'];

function docStruct(doc: Y.Doc, client: number, clock: number): Y.Item | Y.GC | undefined {
  const structs = doc.store.clients.get(client);
  if (!structs || structs.length === 0) return undefined;
  const last = structs[structs.length - 1] as Y.Item | Y.GC;
  if (clock >= last.id.clock + last.length) return undefined;
  return structs[Y.findIndexSS(structs, clock)];
}

/** The structs of one update, per client in clock order, found by binary search. */
class UpdateIndex {
  readonly byClient = new Map<number, Y.Item[]>();

  add(item: Y.Item): void {
    let list = this.byClient.get(item.id.client);
    if (!list) {
      list = [];
      this.byClient.set(item.id.client, list);
    }
    list.push(item);
  }

  find(client: number, clock: number): Y.Item | undefined {
    const list = this.byClient.get(client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const item = list[mid] as Y.Item;
      if (clock < item.id.clock) high = mid - 1;
      else if (clock >= item.id.clock + item.length) low = mid + 1;
      else return item;
    }
    return undefined;
  }
}

/** Path of a type already integrated in a document, memoised: types never move. */
const typePaths = new WeakMap<Y.AbstractType<unknown>, readonly string[]>();

export function pathOfType(type: Y.AbstractType<unknown>): readonly string[] {
  const known = typePaths.get(type);
  if (known) return known;
  const item = type._item;
  let path: readonly string[];
  if (item === null) {
    path = [Y.findRootTypeKey(type)];
  } else {
    const parent = item.parent as Y.AbstractType<unknown>;
    path = [...pathOfType(parent), item.parentSub ?? '#'];
  }
  typePaths.set(type, path);
  return path;
}

function isDeletedIn(ds: DeleteSet, id: Y.ID): boolean {
  return Y.isDeleted(ds, id);
}

function contentValues(content: Content): unknown[] {
  if (content instanceof Y.ContentAny) return content.arr;
  if (content instanceof Y.ContentType) return [TYPE_MARK];
  if (content instanceof Y.ContentBinary) return [content.content];
  if (content instanceof Y.ContentJSON) return content.arr;
  if (content instanceof Y.ContentString) return [content.str];
  return [content.getContent()];
}

function isTextContent(content: Content): boolean {
  return (
    content instanceof Y.ContentString ||
    content instanceof Y.ContentFormat ||
    content instanceof Y.ContentEmbed
  );
}

/**
 * Inspects `update` against `doc` (not modified). `ownClients` are the client ids the author may
 * write with; any struct under another id is a violation.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, ownClients: ReadonlySet<number>): Inspection {
  let decoded: { structs: Array<Y.Item | Y.GC | Y.Skip>; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { kind: 'malformed', detail: 'the update is not a valid Yjs update' };
  }
  try {
    return new Inspector(doc, decoded.ds).run(decoded.structs, ownClients);
  } catch (error) {
    if (error instanceof Missing) return { kind: 'missing', detail: error.message };
    if (error instanceof Unresolvable) {
      return {
        kind: 'inspected',
        writes: [],
        violations: [{ code: 'unresolvable', detail: error.message }],
        inserted: 0,
      };
    }
    return { kind: 'malformed', detail: 'the update has an inconsistent structure' };
  }
}

type Draft = {
  path: readonly string[];
  op: WriteKind;
  values: unknown[];
  fields: Map<string, unknown>;
  covered: boolean;
};

/**
 * One inspection. A class rather than closures: inspection runs for every envelope of a replay,
 * and per-call closures cost measurably there (bench/signed-replay.ts).
 */
class Inspector {
  private readonly index = new UpdateIndex();
  private readonly violations: Violation[] = [];
  private readonly fresh: Y.Item[] = [];
  private readonly placements = new Map<Y.Item, Placement>();
  private readonly writes = new Map<string, Draft>();
  private readonly mapKeysWritten = new Set<string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly ds: DeleteSet,
  ) {}

  run(structs: Array<Y.Item | Y.GC | Y.Skip>, ownClients: ReadonlySet<number>): Inspection {
    const store = this.doc.store;
    const firstClock = new Map<number, number>();
    for (const struct of structs) {
      if (struct instanceof Y.Skip) continue;
      const { client, clock } = struct.id;
      if (!ownClients.has(client)) {
        this.violations.push({ code: 'foreign-client-id', clientId: client });
        continue;
      }
      if (!firstClock.has(client)) firstClock.set(client, clock);
      if (clock + struct.length <= Y.getState(store, client)) continue; // already known: Yjs skips it
      if (struct instanceof Y.Item) {
        this.index.add(struct);
        this.fresh.push(struct);
      }
    }
    if (this.violations.length > 0)
      return { kind: 'inspected', writes: [], violations: this.violations, inserted: 0 };
    for (const [client, clock] of firstClock) {
      if (clock > Y.getState(store, client))
        throw new Missing(`earlier changes of client ${client} are missing`);
    }
    // Every reference an inserted item makes must already be available (else: wait).
    for (const item of this.fresh) {
      if (item.origin) this.available(item.origin);
      if (item.rightOrigin) this.available(item.rightOrigin);
      if (item.parent instanceof Y.ID) this.available(item.parent);
    }
    for (const item of this.fresh) this.visit(item);
    this.visitDeletions();
    return {
      kind: 'inspected',
      writes: [...this.writes.values()],
      violations: this.violations,
      inserted: this.fresh.length,
    };
  }

  private available(id: Y.ID): Y.Item | Y.GC {
    const own = this.index.find(id.client, id.clock);
    if (own) return own;
    const existing = docStruct(this.doc, id.client, id.clock);
    if (!existing) throw new Missing(`references ${id.client}:${id.clock}, not received yet`);
    return existing;
  }

  private place(item: Y.Item): Placement {
    const known = this.placements.get(item);
    if (known) return known;
    let placement: Placement;
    if (typeof item.parent === 'string') {
      placement = { container: { kind: 'root', name: item.parent }, key: item.parentSub };
    } else if (item.parent instanceof Y.ID) {
      const parentItem = this.available(item.parent);
      if (!(parentItem instanceof Y.Item) || !(parentItem.content instanceof Y.ContentType)) {
        throw new Unresolvable('an item names a parent that is not a shared type');
      }
      placement = {
        container: this.index.find(item.parent.client, item.parent.clock)
          ? { kind: 'new', item: parentItem }
          : { kind: 'doc', type: parentItem.content.type as Y.AbstractType<unknown> },
        key: item.parentSub,
      };
    } else {
      const neighbourId = item.origin ?? item.rightOrigin;
      if (!neighbourId) throw new Unresolvable('an item has neither parent nor neighbours');
      const neighbour = this.available(neighbourId);
      if (!(neighbour instanceof Y.Item))
        throw new Unresolvable('an item builds on garbage-collected content');
      if (this.index.find(neighbourId.client, neighbourId.clock)) {
        placement = this.place(neighbour);
      } else {
        if (!(neighbour.parent instanceof Y.AbstractType))
          throw new Unresolvable('a neighbour has no parent');
        placement = { container: { kind: 'doc', type: neighbour.parent }, key: neighbour.parentSub };
      }
    }
    this.placements.set(item, placement);
    return placement;
  }

  private containerPath(container: Container): readonly string[] {
    if (container.kind === 'root') return [container.name];
    if (container.kind === 'doc') return pathOfType(container.type);
    const placement = this.place(container.item);
    return [...this.containerPath(placement.container), placement.key ?? '#'];
  }

  /** The outermost type created by this update that contains the container, if any. */
  private createdAncestor(container: Container): Y.Item | undefined {
    let found: Y.Item | undefined;
    let current: Container = container;
    while (current.kind === 'new') {
      found = current.item;
      current = this.place(current.item).container;
    }
    return found;
  }

  private record(path: readonly string[], op: WriteKind, covered = false): Draft {
    const key = `${op}\u0000${covered ? 1 : 0}\u0000${path.join('\u0000')}`;
    let write = this.writes.get(key);
    if (!write) {
      write = { path, op, values: [], fields: new Map(), covered };
      this.writes.set(key, write);
    }
    return write;
  }

  private containerKey(container: Container, key: string): string {
    return `${this.containerPath(container).join('\u0000')}\u0001${key}`;
  }

  private recordItem(item: Y.Item, placement: Placement, path: readonly string[], covered: boolean): void {
    if (placement.key !== null) {
      if (item.content instanceof Y.ContentType) {
        this.record([...path, placement.key], 'create', covered);
      } else if (!isDeletedIn(this.ds, item.id)) {
        const write = this.record([...path, placement.key], 'set', covered);
        write.values.length = 0;
        write.values.push(contentValues(item.content).at(-1));
      }
    } else if (isTextContent(item.content)) {
      this.record(path, 'text', covered);
    } else if (item.rightOrigin !== null) {
      // Arrays only grow at the end as the author saw it: an item with a right neighbour was
      // inserted between existing entries (reordering history), which no rule allows.
      this.violations.push({ code: 'insert-inside-array', path });
    } else {
      this.record(path, 'append', covered).values.push(...contentValues(item.content));
    }
  }

  private visit(item: Y.Item): void {
    const placement = this.place(item);
    const ancestor = this.createdAncestor(placement.container);
    // Only deletions consult which map keys this update writes (overwrite = delete + insert).
    if (placement.key !== null && this.ds.clients.size > 0) {
      this.mapKeysWritten.add(this.containerKey(placement.container, placement.key));
    }
    if (ancestor) {
      // Inside a type created by this update: covered by that type's 'create' check. The entity's
      // own top-level fields are collected as facts for that check.
      const direct = placement.container.kind === 'new' ? placement.container.item : undefined;
      if (
        direct === ancestor &&
        placement.key !== null &&
        !isDeletedIn(this.ds, item.id) &&
        !(item.content instanceof Y.ContentType)
      ) {
        const ancestorPlacement = this.place(ancestor);
        const path = [...this.containerPath(ancestorPlacement.container), ancestorPlacement.key ?? '#'];
        this.record(path, 'create').fields.set(placement.key, contentValues(item.content).at(-1));
      }
      this.recordItem(item, placement, this.containerPath(placement.container), true);
      return;
    }
    this.recordItem(item, placement, this.containerPath(placement.container), false);
  }

  /** Deletions of content already in the document. */
  private visitDeletions(): void {
    for (const [client, ranges] of this.ds.clients) {
      for (const range of ranges) {
        const end = range.clock + range.len;
        let clock = range.clock;
        while (clock < end) {
          const own = this.index.find(client, clock);
          if (own) {
            clock = own.id.clock + own.length;
            continue;
          }
          const existing = docStruct(this.doc, client, clock);
          if (!existing) throw new Missing(`deletes ${client}:${clock}, not received yet`);
          clock = existing.id.clock + existing.length;
          if (!(existing instanceof Y.Item) || existing.deleted) continue;
          const parent = existing.parent as Y.AbstractType<unknown>;
          if (ancestorDeleted(parent, this.ds)) continue; // covered by the deletion of a containing type
          const path = pathOfType(parent);
          if (existing.parentSub !== null) {
            const overwritten = this.mapKeysWritten.has(
              this.containerKey({ kind: 'doc', type: parent }, existing.parentSub),
            );
            if (!overwritten) this.violations.push({ code: 'delete', path: [...path, existing.parentSub] });
          } else if (isTextContent(existing.content)) {
            this.record(path, 'text');
          } else {
            this.violations.push({ code: 'delete', path });
          }
        }
      }
    }
  }
}

function ancestorDeleted(type: Y.AbstractType<unknown>, ds: DeleteSet): boolean {
  let item = type._item;
  while (item) {
    if (item.deleted || Y.isDeleted(ds, item.id)) return true;
    item = (item.parent as Y.AbstractType<unknown>)._item;
  }
  return false;
}
