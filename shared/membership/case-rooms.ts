import type * as Y from 'yjs';
import { OldRoomMirror } from './old-rooms';
import type { CaseKey } from '../signed/case-key';
import type { CaseTransport } from '../sync/transport';
import type { WebrtcCaseTransport, WebrtcTransportOptions } from '../sync/webrtc-transport';
import { createWebrtcTransport } from '../sync/webrtc-transport';

/** A transport in the room derived from one case key (presence is signed over the room name). */
export interface RoomTransport extends CaseTransport {
  readonly roomName: string;
}

/**
 * Opens a transport for `doc` in the room of `key`, not yet connected; undefined when this
 * device cannot sync (no signaling server set up, or the room is refused).
 */
export type RoomOpener<T extends RoomTransport = RoomTransport> = (doc: Y.Doc, key: CaseKey) => T | undefined;

/**
 * Rooms on y-webrtc through `signalingUrls` (the app's: the servers the person set up; the CLI's:
 * `--signal`, with its Node peer options); undefined when there is no signaling server.
 */
export function webrtcRooms(
  signalingUrls: readonly string[],
  options: Omit<WebrtcTransportOptions, 'doc' | 'caseKey' | 'signalingUrls'> = {},
): RoomOpener<WebrtcCaseTransport> | undefined {
  if (signalingUrls.length === 0) return undefined;
  return (doc, key) => {
    const created = createWebrtcTransport({ ...options, doc, caseKey: key.key, signalingUrls });
    return created.ok ? created.value : undefined;
  };
}

/**
 * y-webrtc frees a room name a tick after `destroy()` (it waits for its key promise); a mirror
 * may reopen the room the log just left, so wait a little before opening.
 */
const ROOM_RELEASE_MS = 50;

interface Mirror<T> {
  readonly mirror: OldRoomMirror;
  readonly transport: T | undefined;
}

/**
 * The rooms of one case after key rotations (docs/invite-link.md §3): the log document syncs in
 * the room of the current key; every older key's room is kept open with an {@link OldRoomMirror}
 * that carries only entries sealed with that key or an older one. So a member that was offline
 * during a removal still finds the removal (and its box) in the room it knows, and a removed
 * member's later changes still reach us to be refused, while nothing sealed with a key the
 * removed member lacks ever enters a room it can join.
 */
export class CaseRooms<T extends RoomTransport = RoomTransport> {
  private main: { readonly keyId: string; readonly transport: T | undefined } | undefined;
  private readonly mirrors = new Map<string, Mirror<T>>();
  private chain: Promise<void> = Promise.resolve();
  private online = true;
  private closed = false;
  /** The key the latest {@link follow} asked for: an earlier, queued move must not open a stale room. */
  private wanted: string | undefined;

  /**
   * `onMain` is told whenever the log's transport is replaced (re-subscribe status, presence);
   * `onMirror`, when an older key's room is opened.
   */
  constructor(
    private readonly log: Y.Doc,
    private readonly open: RoomOpener<T> | undefined,
    private readonly onMain: (transport: T | undefined) => void,
    private readonly onMirror?: (key: CaseKey, mirror: OldRoomMirror, transport: T | undefined) => void,
  ) {}

  /** The log's transport (in the current key's room), if any. */
  get transport(): T | undefined {
    return this.main?.transport;
  }

  /** Id of the key whose room the log is in (undefined before the first {@link follow}). */
  get keyId(): string | undefined {
    return this.main?.keyId;
  }

  /** Room names open now: the log's first, then the mirrors' (for tests and diagnostics). */
  roomNames(): string[] {
    const names = this.main?.transport ? [this.main.transport.roomName] : [];
    for (const { transport } of this.mirrors.values()) if (transport) names.push(transport.roomName);
    return names;
  }

  /**
   * Stops the log sending in its room at once: called before a write that must not reach that
   * room (the key history written right after a removal is sealed with the new key).
   */
  hold(): void {
    this.main?.transport?.disconnect();
  }

  /** Undoes {@link hold} (the removal was refused). */
  release(): void {
    if (this.online && !this.closed) this.main?.transport?.connect();
  }

  /** The device's network came and went: every room follows. */
  setOnline(online: boolean): void {
    this.online = online;
    if (this.closed) return;
    for (const transport of this.transports()) {
      if (online) transport.connect();
      else transport.disconnect();
    }
  }

  /**
   * Brings the rooms in line with the keys: the log in the room of `current`, a mirror in the room
   * of every other key, carrying that key and every key of a lower epoch (`epochs`, from
   * keyEpochs). Moves are serialised; the promise settles when this one is done.
   */
  follow(current: CaseKey, keys: readonly CaseKey[], epochs: ReadonlyMap<string, number>): Promise<void> {
    const all = [...keys];
    this.wanted = current.keyId;
    this.chain = this.chain.then(() => this.apply(current, all, epochs));
    return this.chain;
  }

  /** Leaves every room of the case for good. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.main?.transport?.destroy();
    this.main = undefined;
    for (const { mirror, transport } of this.mirrors.values()) {
      transport?.destroy();
      mirror.destroy();
    }
    this.mirrors.clear();
    this.onMain(undefined);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private transports(): T[] {
    const out: T[] = [];
    if (this.main?.transport) out.push(this.main.transport);
    for (const { transport } of this.mirrors.values()) if (transport) out.push(transport);
    return out;
  }

  private async apply(
    current: CaseKey,
    keys: readonly CaseKey[],
    epochs: ReadonlyMap<string, number>,
  ): Promise<void> {
    if (this.closed || !this.open || current.keyId !== this.wanted) return;
    if (this.main?.keyId !== current.keyId) {
      let released = false;
      if (this.main) {
        this.main.transport?.destroy();
        this.main = undefined;
        released = true;
      }
      // Two rotations to the same epoch settle on one key: its room may hold a mirror now.
      const stale = this.mirrors.get(current.keyId);
      if (stale) {
        stale.transport?.destroy();
        stale.mirror.destroy();
        this.mirrors.delete(current.keyId);
        released = true;
      }
      if (released) await new Promise<void>((resolve) => setTimeout(() => resolve(), ROOM_RELEASE_MS));
      if (this.closed || current.keyId !== this.wanted) return;
      const transport = this.open(this.log, current);
      this.main = { keyId: current.keyId, transport };
      if (transport && this.online) transport.connect();
      this.onMain(transport);
    }
    for (const key of keys) {
      if (key.keyId === current.keyId || this.mirrors.has(key.keyId)) continue;
      const epoch = epochs.get(key.keyId) ?? 0;
      const carries = new Set(
        keys.filter((k) => k.keyId === key.keyId || (epochs.get(k.keyId) ?? 0) < epoch).map((k) => k.keyId),
      );
      const mirror = new OldRoomMirror(this.log, carries);
      const transport = this.open(mirror.doc, key);
      // A mirror relays entries; it announces nobody (presence belongs to the log's room).
      transport?.awareness.setLocalState(null);
      if (transport && this.online) transport.connect();
      this.mirrors.set(key.keyId, { mirror, transport });
      this.onMirror?.(key, mirror, transport);
    }
  }
}
