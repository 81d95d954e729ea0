/**
 * The rooms of earlier case keys, after a rotation (docs/invite-link.md §3 "Rooms after a
 * rotation"). Remaining members move their log to the room of the key in force, but keep each
 * older key's room open with a mirror document that carries only entries sealed with that key or
 * an older one — entries everyone who ever held that key already could open. So:
 *
 * - a member that was offline during the removal still finds peers in the room it knows, gets the
 *   removal and its box, and moves on;
 * - the removed member's later changes still reach the remaining members, who refuse them
 *   ('author-removed') everywhere, while the removed member receives nothing new: nothing sealed
 *   with a key it lacks ever enters its room.
 *
 * Entries that arrive in a mirror (from any peer of the old room) are copied into the case log,
 * where the replica verifies them like any other. This module moves bytes only; the caller wires
 * each mirror document to a transport in the room derived from its key.
 */
import * as Y from 'yjs';
import { LOG_MAP } from '../signed/replica';

/** Origin of the copies this module makes (so it does not copy its own copies back). */
export const MIRROR_ORIGIN: { readonly source: 'casepact/old-room-mirror' } = {
  source: 'casepact/old-room-mirror',
};

/** Key id (16 hex characters) of a sealed log entry, or undefined when it is not one. */
export function sealedKeyIdOf(sealed: unknown): string | undefined {
  if (!(sealed instanceof Uint8Array) || sealed.length < 9 || sealed[0] !== 1) return undefined;
  let hex = '';
  for (let i = 1; i < 9; i++) hex += (sealed[i] as number).toString(16).padStart(2, '0');
  return hex;
}

export class OldRoomMirror {
  /** The document to sync in the old key's room. */
  readonly doc = new Y.Doc();
  private readonly out: Y.Map<Uint8Array>;
  private readonly main: Y.Map<Uint8Array>;
  private readonly onMain: (event: Y.YMapEvent<Uint8Array>) => void;
  private readonly onMirror: (event: Y.YMapEvent<Uint8Array>) => void;

  /**
   * `log` is the case's log document; `carries` the key ids this room may carry (the old key and
   * every older one).
   */
  constructor(
    readonly log: Y.Doc,
    private readonly carries: ReadonlySet<string>,
  ) {
    this.main = log.getMap<Uint8Array>(LOG_MAP);
    this.out = this.doc.getMap<Uint8Array>(LOG_MAP);
    this.copyOut(this.main.keys());
    this.onMain = (event) => {
      if (event.transaction.origin !== MIRROR_ORIGIN) this.copyOut(event.keysChanged);
    };
    this.onMirror = (event) => {
      if (event.transaction.origin !== MIRROR_ORIGIN) this.copyIn(event.keysChanged);
    };
    this.main.observe(this.onMain);
    this.out.observe(this.onMirror);
  }

  /** Entries currently carried in the old room. */
  get size(): number {
    return this.out.size;
  }

  destroy(): void {
    this.main.unobserve(this.onMain);
    this.out.unobserve(this.onMirror);
    this.doc.destroy();
  }

  private copyOut(keys: Iterable<string>): void {
    const copies: [string, Uint8Array][] = [];
    for (const key of keys) {
      const sealed = this.main.get(key);
      const keyId = sealedKeyIdOf(sealed);
      if (!keyId || !this.carries.has(keyId)) continue;
      if (!sameBytes(this.out.get(key), sealed as Uint8Array)) copies.push([key, sealed as Uint8Array]);
    }
    if (copies.length > 0)
      this.doc.transact(() => {
        for (const [key, sealed] of copies) this.out.set(key, sealed);
      }, MIRROR_ORIGIN);
  }

  private copyIn(keys: Iterable<string>): void {
    const copies: [string, Uint8Array][] = [];
    for (const key of keys) {
      const sealed = this.out.get(key);
      if (!(sealed instanceof Uint8Array) || this.main.has(key)) continue;
      copies.push([key, sealed]);
    }
    if (copies.length === 0) return;
    // Not inside the remote transaction of the mirror: Yjs delivers observers synchronously.
    this.log.transact(() => {
      for (const [key, sealed] of copies) this.main.set(key, sealed);
    }, MIRROR_ORIGIN);
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
