import type * as Y from 'yjs';
import { CaseRooms, type RoomOpener } from '../../shared/membership/case-rooms';
import type { OldRoomMirror } from '../../shared/membership/old-rooms';
import type { CaseKey } from '../../shared/signed/case-key';
import type { SyncStatus } from '../../shared/sync/sync-status';
import type { WebrtcCaseTransport } from '../../shared/sync/webrtc-transport';
import { ExchangeWatch } from './exchange-watch';

/** What {@link PeerRooms} tells its case peer. */
export interface PeerRoomsHooks {
  /** The log's transport reported a new status. */
  readonly status: (status: SyncStatus) => void;
  /** The log moved to the room of `keyId` (not called for the first room). */
  readonly moved: (keyId: string, transport: WebrtcCaseTransport | undefined) => void;
  /** An older key's room was opened with a mirror. */
  readonly mirrored: (
    key: CaseKey,
    mirror: OldRoomMirror,
    transport: WebrtcCaseTransport | undefined,
  ) => void;
}

/**
 * The network side of a CLI case peer (`casepact sync`, `casepact serve`): the case's rooms after
 * key rotations (shared CaseRooms: the log in the room of the key in force, a mirror in every
 * older key's room, docs/invite-link.md "Rooms after a rotation"), an {@link ExchangeWatch} on
 * the log's room (a new one after each move: an exchange in the old room says nothing of the new
 * one), and the log's status.
 */
export class PeerRooms {
  private readonly rooms: CaseRooms<WebrtcCaseTransport>;
  private current: ExchangeWatch | null = null;
  private offStatus: (() => void) | null = null;
  private everExchanged = false;
  private following = 0;
  private isHeld = false;
  private first = true;

  constructor(
    log: Y.Doc,
    open: RoomOpener<WebrtcCaseTransport>,
    private readonly hooks: PeerRoomsHooks,
  ) {
    this.rooms = new CaseRooms(log, open, (transport) => this.onMain(transport), hooks.mirrored);
  }

  /** The watch on the log's current room; null before it opened and while it moves. */
  get watch(): ExchangeWatch | null {
    return this.following > 0 ? null : this.current;
  }

  /** Whether a peer ever completed an exchange with us, in any room the log was in. */
  get exchanged(): boolean {
    return this.everExchanged || (this.current?.exchanged ?? false);
  }

  /** The log's transport (in the room of the key in force). */
  get transport(): WebrtcCaseTransport | undefined {
    return this.rooms.transport;
  }

  /** Id of the key whose room the log is in. */
  get keyId(): string | undefined {
    return this.rooms.keyId;
  }

  get closed(): boolean {
    return this.rooms.isClosed;
  }

  /** Whether the log's room is held (see {@link hold}). */
  get held(): boolean {
    return this.isHeld;
  }

  /** Room names open now: the log's, then the mirrors'. */
  roomNames(): string[] {
    return this.rooms.roomNames();
  }

  /**
   * Brings the rooms in line with the keys (CaseRooms.follow) and ends a {@link hold} once done.
   */
  follow(current: CaseKey, keys: readonly CaseKey[], epochs: ReadonlyMap<string, number>): void {
    this.following += 1;
    void this.rooms.follow(current, keys, epochs).finally(() => {
      this.following -= 1;
      if (this.following === 0 && this.isHeld) {
        this.isHeld = false;
        this.rooms.release();
      }
    });
  }

  /**
   * Stops the log sending in its room until the next {@link follow} is done: entries sealed with a
   * key newer than the room's (a `member remove` run on this home writes the key history sealed
   * with the new key) must not go out to the old room, where the removed member still is.
   */
  hold(): void {
    this.isHeld = true;
    this.rooms.hold();
  }

  /** Leaves every room for good. */
  close(): void {
    this.rooms.close();
  }

  private onMain(transport: WebrtcCaseTransport | undefined): void {
    this.offStatus?.();
    this.offStatus = null;
    if (this.current) {
      this.everExchanged ||= this.current.exchanged;
      this.current.detach();
      this.current = null;
    }
    const keyId = this.rooms.keyId;
    if (!this.first && keyId && !this.rooms.isClosed) this.hooks.moved(keyId, transport);
    this.first = false;
    if (!transport) return;
    this.current = new ExchangeWatch(transport);
    this.current.attach();
    this.offStatus = transport.onStatus(this.hooks.status);
  }
}
