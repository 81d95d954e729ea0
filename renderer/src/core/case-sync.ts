import type * as Y from 'yjs';
import type { MemberView } from '../../../shared/contract/views';
import { sodium } from '../../../shared/crypto/sodium';
import type { Identity } from '../../../shared/identity/identity';
import { parseMemberId } from '../../../shared/identity/member-id';
import type { CaseKey } from '../../../shared/signed/case-key';
import {
  ed25519PresenceVerifier,
  PRESENCE_RENEW_MS,
  publishPresence,
  readPresence,
} from '../../../shared/sync/presence';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../shared/sync/sync-status';
import { CaseRooms, type RoomOpener, type RoomTransport } from '../../../shared/membership/case-rooms';
import type { PresentPeer } from './case-session';

/** Lets a case follow the device's network ('online' / 'offline' events). */
export type NetworkEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/**
 * A device that learns it is no longer a member (it left, or was removed) stays in its room only
 * until the exchange in progress is done — its departure, or what it wrote before it learned of
 * its removal, reaches the others (who refuse the latter as 'author-removed') — then leaves every
 * room of the case: nothing written after the removal can reach it anyway.
 */
export const RETIRE_AFTER_MS = 2000;

/**
 * The network side of one open case: its rooms (CaseRooms), the sync status and signed presence
 * of the log's room, the device's online/offline state, and retiring from the rooms when the
 * local member is no longer a member.
 */
export class CaseSync {
  private readonly rooms: CaseRooms;
  private transport: RoomTransport | undefined;
  private unwatch: (() => void) | undefined;
  private current: SyncStatus = INITIAL_SYNC_STATUS;
  private typing = false;
  private retiring = false;
  private retireTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    log: Y.Doc,
    opener: RoomOpener | undefined,
    private readonly identity: Identity,
    /** Called on every change of status or presence. */
    private readonly changed: () => void,
    private readonly network: NetworkEvents | undefined,
    private readonly retireAfterMs = RETIRE_AFTER_MS,
  ) {
    this.rooms = new CaseRooms(log, opener, (transport) => this.watch(transport));
    // The device lost its network: leave the rooms at once so the offline state is visible
    // and edits queue in the log; rejoin (and exchange what changed) when it is back.
    network?.addEventListener('offline', this.goOffline);
    network?.addEventListener('online', this.goOnline);
  }

  status(): SyncStatus {
    return this.current;
  }

  /** Rooms open now: the log's, then older keys' mirrors. */
  roomNames(): string[] {
    return this.rooms.roomNames();
  }

  /** Whether this case syncs no more on this device (retired or closed). */
  get stopped(): boolean {
    return this.rooms.isClosed;
  }

  /** Moves the log to the room of `current` and mirrors every other key's room (CaseRooms.follow). */
  follow(current: CaseKey, keys: readonly CaseKey[], epochs: ReadonlyMap<string, number>): Promise<void> {
    return this.rooms.follow(current, keys, epochs);
  }

  /** See CaseRooms.hold. */
  hold(): void {
    this.rooms.hold();
  }

  release(): void {
    this.rooms.release();
  }

  /** The local member is no longer a member: leave the rooms after the exchange in progress. */
  retire(): void {
    this.retiring = true;
    this.maybeRetire();
  }

  present(members: readonly MemberView[]): readonly PresentPeer[] {
    const transport = this.transport;
    if (!transport) return [];
    const verify = ed25519PresenceVerifier((memberId) => {
      if (!members.some((member) => member.id === memberId && member.status === 'active')) return null;
      const parsed = parseMemberId(memberId);
      return parsed.ok ? parsed.value.publicKey : null;
    });
    return readPresence(transport.awareness.getStates(), {
      selfClientId: transport.awareness.clientID,
      roomName: transport.roomName,
      now: Date.now(),
      verify,
    })
      .filter((peer) => !peer.self)
      .map((peer) => ({
        memberId: peer.memberId,
        displayName: peer.displayName ?? 'Unknown peer',
        verified: peer.verified,
        typing: peer.activity === 'typing',
      }));
  }

  setTyping(typing: boolean): void {
    if (this.typing === typing) return;
    this.typing = typing;
    this.announce();
  }

  close(): void {
    this.network?.removeEventListener('offline', this.goOffline);
    this.network?.removeEventListener('online', this.goOnline);
    clearTimeout(this.retireTimer);
    this.unwatch?.();
    this.unwatch = undefined;
    this.rooms.close();
  }

  private readonly goOffline = () => this.rooms.setOnline(false);

  private readonly goOnline = () => {
    this.rooms.setOnline(true);
    this.announce();
  };

  private watch(transport: RoomTransport | undefined): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.transport = transport;
    if (!transport) {
      this.current = { ...this.current, state: 'offline', peers: 0 };
      this.changed();
      return;
    }
    this.current = transport.status();
    const offStatus = transport.onStatus((status) => {
      this.current = status;
      this.maybeRetire();
      this.changed();
    });
    const onPresence = () => this.changed();
    transport.awareness.on('change', onPresence);
    // Re-sign our claim before it ages out, and re-read the others' (theirs age out too).
    const renew = setInterval(() => {
      this.announce();
      this.changed();
    }, PRESENCE_RENEW_MS);
    this.unwatch = () => {
      offStatus();
      transport.awareness.off('change', onPresence);
      clearInterval(renew);
    };
    this.announce();
    this.maybeRetire();
    this.changed();
  }

  private maybeRetire(): void {
    if (!this.retiring || this.retireTimer !== undefined || this.rooms.isClosed) return;
    if (!this.transport) {
      this.rooms.close();
      return;
    }
    // Wait for a peer: the departure (or what was written before the removal was known) must go out.
    if (this.current.state !== 'connected') return;
    this.retireTimer = setTimeout(() => this.rooms.close(), this.retireAfterMs);
  }

  private announce(): void {
    const transport = this.transport;
    if (!transport) return;
    const s = sodium();
    publishPresence(
      transport.awareness,
      transport.roomName,
      {
        memberId: this.identity.id,
        displayName: this.identity.displayName,
        activity: this.typing ? 'typing' : 'active',
        at: Date.now(),
      },
      (message) => s.crypto_sign_detached(message, this.identity.secretKey),
    );
  }
}
