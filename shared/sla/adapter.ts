/**
 * From a verified case to the SLA engine's input: every applied signed change (envelope author,
 * sequence number, signed timestamp, Yjs update) becomes one or more `SlaEvent`s.
 *
 * How (docs/sla-clock.md §2–3):
 * - The changes are replayed into a private document in one **canonical order** (causal order,
 *   ties by timestamp, author, seq), so every peer holding the same set of changes reads the same
 *   facts from each, whatever order they arrived in — including when two parties changed the
 *   same field concurrently.
 * - Each change yields its facts (opened, status, priority, category, a public reply, action
 *   snapshots with the owner party mapped to its role) or one `other` event, so that every
 *   envelope takes part in the skew rule.
 * - Events of one envelope share its author and timestamp; their `seq` is
 *   `envelope seq × EVENTS_PER_ENVELOPE + index`, which keeps the author order and makes each
 *   (author, seq) unique. `envelopeSeqOf` maps back.
 * - `after` lists the other authors' envelopes the change builds on (from its Yjs update), which
 *   tightens the causal ceiling of the skew rule.
 * - Timestamps outside the engine's supported range are clamped into it, so one malformed clock
 *   cannot make the whole case unevaluable.
 */
import * as Y from 'yjs';
import { EMPTY_HEADER, type HeaderState, readFacts } from './adapter-facts';
import {
  ClockIndex,
  canonicalOrder,
  compareChanges,
  type Footprint,
  footprintOf,
  type SignedChange,
} from './adapter-order';
import { MAX_INSTANT, MIN_INSTANT } from './time-zone';
import type { EventRef, SlaEvent, SlaEventBody } from './types';

export type { SignedChange } from './adapter-order';

/**
 * Room for the events of one envelope in the event sequence numbers. An envelope's update is at
 * most 4 MiB and every fact needs a written Yjs item, so it can never hold this many facts.
 */
export const EVENTS_PER_ENVELOPE = 2 ** 20;

/** The envelope sequence number an event's `seq` came from. */
export function envelopeSeqOf(eventSeq: number): number {
  return Math.floor(eventSeq / EVENTS_PER_ENVELOPE);
}

interface Known {
  readonly change: SignedChange;
  readonly footprint: Footprint;
  /** Indices of the changes this one builds on (filled in by `link`). */
  deps: readonly number[];
  /** The timestamp, clamped into the engine's range. */
  readonly at: number;
}

const clamp = (t: number): number =>
  Number.isFinite(t) ? Math.min(MAX_INSTANT, Math.max(MIN_INSTANT, Math.round(t))) : MIN_INSTANT;

/**
 * The SLA events of one case, kept up to date as signed changes arrive. Appending changes whose
 * timestamps are later than everything seen (the usual live case) replays only the new ones; a
 * change that belongs earlier in the canonical order replays the case from the start.
 */
export class SlaEventLog {
  private readonly known: Known[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly clocks = new ClockIndex();
  private replayDoc!: Y.Doc;
  private lastTransaction: Y.Transaction | undefined;
  private header: HeaderState = EMPTY_HEADER;
  /**
   * Authors (with role) whose first public reply is already an event. An author's events never
   * go back in effective time (docs/sla-clock.md §3), so only that first reply can ever be the
   * first of its role; later ones become `other` events, which keeps the engine's work small.
   */
  private readonly replied = new Set<string>();
  private replayed: number[] = [];
  private maxReplayed: number | undefined;
  private readonly eventsOf = new Map<number, SlaEvent[]>();
  private flat: SlaEvent[] | undefined;
  private rebuilds = 0;
  /** A change referred to something not given yet (out of causal order): re-link on the next add. */
  private unresolved = false;

  constructor() {
    this.reset();
  }

  /** Number of signed changes known. */
  get size(): number {
    return this.known.length;
  }

  /** How many times the log replayed from the start (diagnostics, tests). */
  get rebuildCount(): number {
    return this.rebuilds;
  }

  /** Whether this exact change (author, seq) is already known. */
  has(author: string, seq: number): boolean {
    return this.byKey.has(`${author}\u0000${seq}`);
  }

  /**
   * Adds verified changes (duplicates are ignored). They must come with everything they build
   * on, in this call or an earlier one: true of `CaseReplica.appliedEnvelopes()` in any prefix.
   */
  add(changes: Iterable<SignedChange>): void {
    const fresh: number[] = [];
    for (const change of changes) {
      const key = `${change.author}\u0000${change.seq}`;
      if (this.byKey.has(key)) continue;
      const footprint = footprintOf(change.update) ?? { ranges: [], refs: [] };
      const index = this.known.length;
      this.byKey.set(key, index);
      this.clocks.add(footprint, index);
      this.known.push({ change, footprint, deps: [], at: clamp(change.timestamp) });
      fresh.push(index);
    }
    if (fresh.length === 0) return;
    this.flat = undefined;
    if (this.unresolved) {
      this.unresolved = false;
      for (const index of this.known.keys()) this.link(index);
      this.rebuild();
      return;
    }
    for (const index of fresh) this.link(index);
    const max = this.maxReplayed;
    // Later than everything replayed: the canonical order of all is the old one plus these.
    const appendable =
      max === undefined || fresh.every((i) => compareChanges(this.keyOf(i), this.keyOf(max)) > 0);
    if (appendable) this.replay(this.orderOf(fresh));
    else this.rebuild();
  }

  /** Every event so far (one or more per change). Order is not meaningful: the engine orders. */
  events(): readonly SlaEvent[] {
    if (!this.flat) {
      const flat: SlaEvent[] = [];
      for (const index of this.replayed) for (const event of this.eventsOf.get(index) ?? []) flat.push(event);
      this.flat = flat;
    }
    return this.flat;
  }

  /** The (author, seq) of each change in canonical replay order (tests, diagnostics). */
  replayOrder(): readonly EventRef[] {
    return this.replayed.map((i) => {
      const { author, seq } = (this.known[i] as Known).change;
      return { author, seq };
    });
  }

  private keyOf(index: number): SignedChange {
    const { change, at } = this.known[index] as Known;
    return { author: change.author, seq: change.seq, timestamp: at, update: change.update };
  }

  /** The changes `index` builds on: its author's previous envelope and every change it refers to. */
  private link(index: number): void {
    const entry = this.known[index] as Known;
    const deps = new Set<number>();
    const previous = this.byKey.get(`${entry.change.author}\u0000${entry.change.seq - 1}`);
    if (previous !== undefined) deps.add(previous);
    for (const [client, clock] of entry.footprint.refs) {
      const owner = this.clocks.ownerOf(client, clock);
      if (owner === undefined) this.unresolved = true;
      else if (owner !== index) deps.add(owner);
    }
    entry.deps = [...deps].sort((a, b) => a - b);
  }

  private orderOf(subset: readonly number[]): number[] {
    const position = new Map(subset.map((index, i) => [index, i]));
    const changes = subset.map((i) => this.keyOf(i));
    const deps = subset.map((i) =>
      (this.known[i] as Known).deps.filter((d) => position.has(d)).map((d) => position.get(d) as number),
    );
    return canonicalOrder(changes, deps).map((i) => subset[i] as number);
  }

  private reset(): void {
    this.replayDoc?.destroy();
    this.replayDoc = new Y.Doc({ gc: false });
    this.replayDoc.on('afterTransaction', (tr: Y.Transaction) => {
      this.lastTransaction = tr;
    });
    this.header = EMPTY_HEADER;
    this.replied.clear();
    this.replayed = [];
    this.maxReplayed = undefined;
    this.eventsOf.clear();
  }

  private rebuild(): void {
    this.rebuilds++;
    this.reset();
    this.replay(this.orderOf([...this.known.keys()]));
  }

  private replay(order: readonly number[]): void {
    for (const index of order) {
      const entry = this.known[index] as Known;
      this.lastTransaction = undefined;
      try {
        Y.applyUpdate(this.replayDoc, entry.change.update);
      } catch {
        // A verified update always applies; an unreadable one is still an envelope (skew rule).
      }
      const tr = this.lastTransaction as Y.Transaction | undefined;
      let facts: SlaEventBody[] = [];
      if (tr) {
        const read = readFacts(this.replayDoc, tr, this.header);
        facts = read.facts.filter((fact) => {
          if (fact.type !== 'reply') return true;
          const key = `${entry.change.author}\u0000${fact.role}`;
          if (this.replied.has(key)) return false;
          this.replied.add(key);
          return true;
        });
        this.header = read.header;
      }
      this.eventsOf.set(index, this.toEvents(entry, facts));
      this.replayed.push(index);
      if (
        this.maxReplayed === undefined ||
        compareChanges(this.keyOf(index), this.keyOf(this.maxReplayed)) > 0
      )
        this.maxReplayed = index;
    }
  }

  private toEvents(entry: Known, facts: readonly SlaEventBody[]): SlaEvent[] {
    const { author, seq } = entry.change;
    const after: EventRef[] = [];
    for (const d of entry.deps) {
      const dep = this.known[d] as Known;
      if (dep.change.author === author) continue;
      after.push({ author: dep.change.author, seq: lastEventSeq(dep, this.eventsOf.get(d)) });
    }
    const bodies: readonly SlaEventBody[] = facts.length > 0 ? facts : [{ type: 'other' }];
    return bodies.map((body, i) => {
      const event = { ...body, author, seq: seq * EVENTS_PER_ENVELOPE + i, at: entry.at } as SlaEvent;
      return i === 0 && after.length > 0 ? ({ ...event, after } as SlaEvent) : event;
    });
  }
}

function lastEventSeq(entry: Known, events: readonly SlaEvent[] | undefined): number {
  const count = events?.length ?? 1;
  return entry.change.seq * EVENTS_PER_ENVELOPE + count - 1;
}

/** The SLA events of a set of verified signed changes (e.g. a signed copy's envelopes). */
export function slaEventsFromChanges(changes: Iterable<SignedChange>): readonly SlaEvent[] {
  const log = new SlaEventLog();
  log.add(changes);
  return log.events();
}
