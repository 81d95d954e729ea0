/**
 * People using the app's BrowserCaseSession in one Node process, each with their own device
 * storage (localStorage, IndexedDB through fake-indexeddb) and network switch, meeting in
 * in-memory rooms named exactly as y-webrtc rooms are (derived from the case key). Everything
 * else is real: libsodium, Yjs, signed replicas, invite links and joins, key rotations.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type * as Y from 'yjs';
import { addParty, createCase } from '../../../shared/contract/index';
import { postMessage } from '../../../shared/contract/index';
import type { Identity } from '../../../shared/identity/identity';
import { identityFromSeed } from '../../../shared/identity/identity';
import { joinWithInvite } from '../../../shared/invite/join-envelope';
import { genesisOfInvite } from '../../../shared/invite/link-format';
import { parseInviteLink } from '../../../shared/invite/parse-link';
import type { CaseKey } from '../../../shared/signed/case-key';
import { CaseKeyring, caseKeyFromBytes } from '../../../shared/signed/case-key';
import { foundCase } from '../../../shared/signed/found';
import { LOG_MAP } from '../../../shared/signed/replica';
import { createMemoryNetwork, type MemoryNetwork } from '../../../shared/sync/memory-transport';
import { deriveRoomSecrets } from '../../../shared/sync/room-derivation';
import { BrowserCaseSession } from '../../../renderer/src/core/browser-case-session';
import { type CaseRecord, CaseRecords } from '../../../renderer/src/core/case-records';
import type { RoomOpener, RoomTransport } from '../../../shared/membership/case-rooms';

/** Rooms by name, like a signaling server's topics; each an in-memory y-webrtc stand-in. */
export class MemoryRooms {
  private readonly rooms = new Map<string, MemoryNetwork>();

  static roomOf(key: CaseKey): string {
    const secrets = deriveRoomSecrets(key.key);
    if (!secrets.ok) throw new Error(secrets.error.message);
    return secrets.value.roomName;
  }

  readonly opener: RoomOpener = (doc: Y.Doc, key: CaseKey): RoomTransport => {
    const roomName = MemoryRooms.roomOf(key);
    let network = this.rooms.get(roomName);
    if (!network) {
      network = createMemoryNetwork();
      this.rooms.set(roomName, network);
    }
    const transport = network.join(doc);
    return {
      roomName,
      awareness: transport.awareness,
      connect: () => transport.connect(),
      disconnect: () => transport.disconnect(),
      destroy: () => transport.destroy(),
      status: () => transport.status(),
      onStatus: (listener) => transport.onStatus(listener),
    };
  };
}

class MemoryStorage {
  private readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

/** One person's device: identity, storage, network switch, and the case session once open. */
export class Device {
  readonly records: CaseRecords;
  readonly network = new EventTarget();
  private readonly idb = new IDBFactory();
  session: BrowserCaseSession | undefined;

  constructor(
    readonly identity: Identity,
    private readonly rooms: MemoryRooms,
  ) {
    this.records = new CaseRecords(identity.seed, new MemoryStorage());
  }

  get s(): BrowserCaseSession {
    if (!this.session) throw new Error(`${this.identity.displayName} has no open case`);
    return this.session;
  }

  async open(record: CaseRecord, replica?: BrowserCaseSession['replica']): Promise<BrowserCaseSession> {
    // y-indexeddb opens its database in its constructor: this device's IndexedDB.
    (globalThis as { indexedDB: IDBFactory }).indexedDB = this.idb;
    this.session = await BrowserCaseSession.open({
      record,
      identity: this.identity,
      records: this.records,
      signalingUrls: [],
      rooms: this.rooms.opener,
      network: this.network,
      retireAfterMs: 30,
      ...(replica ? { replica } : {}),
    });
    return this.session;
  }

  /** Reopens the stored case (as after an app restart). */
  async reopen(caseId: string): Promise<BrowserCaseSession> {
    await this.session?.close();
    const record = this.records.get(caseId);
    if (!record) throw new Error('no stored record');
    return this.open(record);
  }

  offline(): void {
    this.network.dispatchEvent(new Event('offline'));
  }

  online(): void {
    this.network.dispatchEvent(new Event('online'));
  }

  say(text: string): void {
    const posted = this.s.run((ctx) => postMessage(ctx, { text }));
    if (!posted.ok) throw new Error(posted.message);
  }

  texts(): string[] {
    return this.s
      .snapshot()
      .messages.filter((m) => m.kind === 'message')
      .map((m) => m.text);
  }

  /** Key ids of the entries in this device's log. */
  logKeyIds(): Set<string> {
    const ids = new Set<string>();
    for (const sealed of this.s.replica.log.getMap<Uint8Array>(LOG_MAP).values())
      ids.add([...sealed.subarray(1, 9)].map((b) => b.toString(16).padStart(2, '0')).join(''));
    return ids;
  }
}

export function person(seed: number, name: string, org: string): Identity {
  const made = identityFromSeed(new Uint8Array(32).fill(seed), name, org);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

/** Polls `check` until it holds (the sessions move rooms asynchronously). */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface World {
  readonly rooms: MemoryRooms;
  readonly provider: Device;
  readonly customer: Device;
  readonly partner: Device;
  readonly caseId: string;
  /** The creation key (epoch 0). */
  readonly k0: CaseKey;
  /** Joins `device` with an invite the provider makes now, as the app's join screen does. */
  join(device: Device, role: 'customer' | 'partner', party: string): Promise<void>;
  readonly parties: { readonly customer: string; readonly partner: string };
}

/** The provider founds a case in the app; the customer and the partner join by invite link. */
export async function world(): Promise<World> {
  const rooms = new MemoryRooms();
  const provider = new Device(person(21, 'Dana Whitfield', 'Northwind PCs'), rooms);
  const customer = new Device(person(22, 'Sam Carter', 'Private customer'), rooms);
  const partner = new Device(person(23, 'Priya Raman', 'Contoso OS'), rooms);
  const founded = foundCase({
    identity: provider.identity,
    create: (ctx) =>
      createCase(ctx, {
        title: 'New desktop PC does not boot',
        party: { name: 'Northwind PCs', role: 'provider' },
        member: { displayName: 'Dana Whitfield', organisation: 'Northwind PCs' },
      }),
  });
  if (!founded.result.ok) throw new Error(founded.result.message);
  const record: CaseRecord = { genesis: founded.genesis, keyring: founded.replica.keyring, addedAt: 1 };
  provider.records.put(record);
  await provider.open(record, founded.replica);
  const addedCustomer = provider.s.run((ctx) =>
    addParty(ctx, { name: 'Private customer', role: 'customer' }),
  );
  const addedPartner = provider.s.run((ctx) => addParty(ctx, { name: 'Contoso OS', role: 'partner' }));
  if (!addedCustomer.ok || !addedPartner.ok) throw new Error('parties');
  const join = async (device: Device, role: 'customer' | 'partner', party: string) => {
    const made = await provider.s.createInvite({ role, party, singleUse: true, expiresInMs: 3_600_000 });
    if (!made.ok) throw new Error(made.message);
    const parsed = parseInviteLink(made.value.link, { now: Date.now() });
    if (!parsed.ok) throw new Error(parsed.message);
    const genesis = genesisOfInvite(parsed.invite);
    if (!genesis) throw new Error('genesis');
    const joined: CaseRecord = {
      genesis,
      keyring: new CaseKeyring(caseKeyFromBytes(parsed.invite.caseKey)),
      addedAt: 2,
    };
    const session = await device.open(joined);
    await until(() => Boolean(session.snapshot().case), `${device.identity.displayName} receives the case`);
    const result = session.run((ctx) => {
      const r = joinWithInvite(ctx, parsed.invite, device.identity, { now: Date.now() });
      return r.ok
        ? { ok: true as const, value: r.memberId }
        : { ok: false as const, error: 'invalid-input' as const, message: r.message };
    });
    if (!result.ok) throw new Error(result.message);
    device.records.put(joined);
  };
  await join(customer, 'customer', addedCustomer.value.partyId);
  await join(partner, 'partner', addedPartner.value.partyId);
  const k0 = record.keyring.current;
  return {
    rooms,
    provider,
    customer,
    partner,
    caseId: founded.genesis.caseId,
    k0,
    join,
    parties: { customer: addedCustomer.value.partyId, partner: addedPartner.value.partyId },
  };
}
