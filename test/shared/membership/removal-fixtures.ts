/**
 * A case on real replicas (real libsodium, real Yjs, each member with its own keyring): the
 * provider founds it, a customer and a partner join. For removal and key rotation tests.
 */
import * as Y from 'yjs';
import { addParty, createCase, joinViaInvite } from '../../../shared/contract/index';
import type { Sodium } from '../../../shared/crypto/sodium';
import type { Identity } from '../../../shared/identity/identity';
import { identityFromSeed } from '../../../shared/identity/identity';
import { adoptCaseKeys } from '../../../shared/membership/case-keys';
import { CaseKeyring, caseKeyFromBytes } from '../../../shared/signed/case-key';
import type { Envelope } from '../../../shared/signed/envelope';
import { foundCase } from '../../../shared/signed/found';
import type { CaseGenesis } from '../../../shared/signed/genesis';
import { CaseReplica, LOG_MAP } from '../../../shared/signed/replica';

export const K0 = new Uint8Array(32).fill(42);

export function person(seed: number, name: string, org: string): Identity {
  const made = identityFromSeed(new Uint8Array(32).fill(seed), name, org);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

export interface Member {
  readonly identity: Identity;
  replica: CaseReplica;
}

export interface RemovalWorld {
  readonly genesis: CaseGenesis;
  readonly provider: Member;
  readonly customer: Member;
  readonly partner: Member;
  readonly parties: { readonly provider: string; readonly customer: string; readonly partner: string };
  readonly invitedSelf: (envelope: Envelope) => boolean;
  /** A new replica of `identity` over a copy of `log` (or an empty log) with its own keyring. */
  replicaOf(identity: Identity, keys: readonly Uint8Array[], log?: Y.Doc): CaseReplica;
}

let tick = 1_760_000_000_000;
/** Timestamps and ids for the replicas of a removal world (envelopes are stamped from one shared tick). */
export const clock = () => {
  let n = 0;
  return { now: () => (tick += 1000), newId: () => `id${(tick % 100000).toString(36)}${n++}` };
};

/** Copies every log entry `from` has and `to` lacks (what y-webrtc does). */
export function sync(from: CaseReplica, to: CaseReplica): void {
  Y.applyUpdate(to.log, Y.encodeStateAsUpdate(from.log, Y.encodeStateVector(to.log)));
}

export function syncAll(...members: readonly Member[]): void {
  for (const a of members) for (const b of members) if (a !== b) sync(a.replica, b.replica);
}

/** The key id an entry of `replica`'s log is sealed with. */
export function sealedKeyId(replica: CaseReplica, entryKey: string): string {
  const sealed = replica.log.getMap<Uint8Array>(LOG_MAP).get(entryKey);
  if (!sealed) throw new Error('no such entry');
  return [...sealed.subarray(1, 9)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Seeds: the partner's member id sorts before the provider's, so a pipeline that did not order
 * removals first would consider the partner's changes of a batch before the provider's.
 */
export function removalWorld(joiners: readonly Identity[] = []): RemovalWorld {
  const provider = person(11, 'Pat Provider', 'PC Maker');
  const customer = person(12, 'Cleo Customer', 'Contoso');
  const partner = person(15, 'Olu Okafor', 'OS Vendor');
  const allowed = new Set([customer.id, partner.id, ...joiners.map((j) => j.id)]);
  // Stands in for the invite verifier: these members' first envelope is their join.
  const invitedSelf = (envelope: Envelope) => allowed.has(envelope.author) && envelope.seq === 1;
  const founded = foundCase({
    identity: provider,
    keyring: new CaseKeyring(caseKeyFromBytes(K0)),
    invitedSelf,
    ...clock(),
    create: (ctx) =>
      createCase(ctx, {
        title: 'PC will not boot after OS update',
        party: { name: 'PC Maker', role: 'provider' },
        member: { displayName: provider.displayName, organisation: provider.organisation },
      }),
  });
  if (!founded.result.ok) throw new Error(founded.result.message);
  const p = founded.replica;
  const addedCustomer = p.run((ctx) => addParty(ctx, { name: 'Contoso', role: 'customer' }));
  const addedPartner = p.run((ctx) => addParty(ctx, { name: 'OS Vendor', role: 'partner' }));
  if (!addedCustomer.ok || !addedPartner.ok) throw new Error('parties');
  const replicaOf = (identity: Identity, keys: readonly Uint8Array[], log?: Y.Doc) => {
    const copy = new Y.Doc();
    if (log) Y.applyUpdate(copy, Y.encodeStateAsUpdate(log));
    const ring = keys.map(caseKeyFromBytes);
    const keyring = new CaseKeyring(
      ring[ring.length - 1] as ReturnType<typeof caseKeyFromBytes>,
      ring.slice(0, -1),
    );
    return new CaseReplica({
      genesis: founded.genesis,
      keyring,
      identity,
      invitedSelf,
      log: copy,
      ...clock(),
    });
  };
  const join = (identity: Identity, party: string): CaseReplica => {
    const replica = replicaOf(identity, [K0], p.log);
    const joined = replica.run((ctx) =>
      joinViaInvite(ctx, { party, invitedBy: provider.id, displayName: identity.displayName }),
    );
    if (!joined.ok) throw new Error(joined.message);
    sync(replica, p);
    return replica;
  };
  const c = join(customer, addedCustomer.value.partyId);
  const r = join(partner, addedPartner.value.partyId);
  const world: RemovalWorld = {
    genesis: founded.genesis,
    provider: { identity: provider, replica: p },
    customer: { identity: customer, replica: c },
    partner: { identity: partner, replica: r },
    parties: {
      provider: founded.result.value.partyId,
      customer: addedCustomer.value.partyId,
      partner: addedPartner.value.partyId,
    },
    invitedSelf,
    replicaOf,
  };
  syncAll(world.provider, world.customer, world.partner);
  return world;
}

/**
 * What a member's device does after a sync: adopt the keys it can open; when it got new ones,
 * rebuild the replica (entries refused as unreadable are not retried by a replica).
 */
export function adopt(na: Sodium, member: Member, invitedSelf: (envelope: Envelope) => boolean) {
  const replica = member.replica;
  const report = adoptCaseKeys(na, replica.contract, replica.caseId, member.identity, replica.keyring);
  if (report.added.length > 0) {
    replica.destroy();
    member.replica = new CaseReplica({
      genesis: replica.genesis,
      keyring: replica.keyring,
      identity: member.identity,
      log: replica.log,
      invitedSelf,
      ...clock(),
    });
  }
  return report;
}

/** Messages (text) of a replica's contract, in order. */
export function texts(replica: CaseReplica): string[] {
  return replica.contract
    .getArray<{ text?: string }>('messages')
    .toArray()
    .map((m) => m.text ?? '');
}

/** Reasons of refused entries by `author`. */
export function refusedOf(replica: CaseReplica, author: string): string[] {
  return replica
    .quarantine()
    .refused.filter((q) => q.author === author)
    .map((q) => q.reason);
}
