import * as Y from 'yjs';
import { addParty, createCase, joinViaInvite } from '../../../shared/contract/index';
import { sodiumReady } from '../../../shared/crypto/sodium';
import type { Identity } from '../../../shared/identity/identity';
import { identityFromSeed } from '../../../shared/identity/identity';
import { CaseKeyring, caseKeyFromBytes } from '../../../shared/signed/case-key';
import type { ClientBinding } from '../../../shared/signed/client-id';
import { newClientBinding } from '../../../shared/signed/client-id';
import type { Envelope } from '../../../shared/signed/envelope';
import { signEnvelope } from '../../../shared/signed/envelope';
import { foundCase } from '../../../shared/signed/found';
import { sealLogEntry } from '../../../shared/signed/log-entry';
import { CaseReplica, LOG_MAP } from '../../../shared/signed/replica';

export async function ready(): Promise<void> {
  await sodiumReady();
}

export function person(seedByte: number, name: string, org: string): Identity {
  const identity = identityFromSeed(new Uint8Array(32).fill(seedByte), name, org);
  if (!identity.ok) throw new Error(identity.error.message);
  return identity.value;
}

/** A deterministic clock and id source so runs are reproducible. */
export function clock(start = 1_750_000_000_000) {
  let t = start;
  let n = 0;
  return { now: () => (t += 1000), newId: () => `id${(n++).toString(36).padStart(6, '0')}` };
}

/**
 * Stands in for issue 6's invite verification: these members count as joining by a verified
 * invite. Test scaffolding only; production passes no hook until invite links exist.
 */
export function invitedAllowList(...ids: string[]) {
  const allowed = new Set(ids);
  return (envelope: Envelope) => allowed.has(envelope.author);
}

export interface World {
  readonly provider: Identity;
  readonly customer: Identity;
  readonly outsider: Identity;
  readonly keyring: CaseKeyring;
  readonly providerReplica: CaseReplica;
  readonly customerReplica: CaseReplica;
  readonly customerParty: string;
  readonly providerParty: string;
  /** The stand-in invite hook every replica of this world needs to accept the customer's join. */
  readonly invitedSelf: (envelope: Envelope) => boolean;
  /** Copies every log entry of `from` into `to` (what y-webrtc does). */
  sync(from: CaseReplica, to: CaseReplica): void;
}

/** A provider founds a case, adds a customer party; the customer joins (by "invite"). */
export function world(): World {
  const provider = person(1, 'Priya Provider', 'Acme Support');
  const customer = person(2, 'Carl Customer', 'Contoso');
  const outsider = person(3, 'Eve Outsider', 'Nowhere');
  const keyring = new CaseKeyring(caseKeyFromBytes(new Uint8Array(32).fill(42)));
  const invitedSelf = invitedAllowList(customer.id);
  const c1 = clock();
  const founded = foundCase({
    identity: provider,
    keyring,
    ...c1,
    invitedSelf,
    create: (ctx) =>
      createCase(ctx, {
        title: 'Laptop does not boot after firmware update',
        party: { name: 'Acme Support', role: 'provider' },
        member: { displayName: provider.displayName, organisation: provider.organisation },
      }),
  });
  if (!founded.result.ok) throw new Error(founded.result.message);
  const providerReplica = founded.replica;
  const added = providerReplica.run((ctx) => addParty(ctx, { name: 'Contoso', role: 'customer' }));
  if (!added.ok) throw new Error(added.message);
  const sync = (from: CaseReplica, to: CaseReplica) => {
    Y.applyUpdate(to.log, Y.encodeStateAsUpdate(from.log, Y.encodeStateVector(to.log)));
  };
  const c2 = clock(1_750_000_500_000);
  const customerReplica = new CaseReplica({
    genesis: founded.genesis,
    keyring,
    identity: customer,
    ...c2,
    invitedSelf,
  });
  sync(providerReplica, customerReplica);
  const joined = customerReplica.run((ctx) =>
    joinViaInvite(ctx, {
      party: added.value.partyId,
      invitedBy: provider.id,
      displayName: customer.displayName,
    }),
  );
  if (!joined.ok) throw new Error(joined.message);
  sync(customerReplica, providerReplica);
  return {
    provider,
    customer,
    outsider,
    keyring,
    providerReplica,
    customerReplica,
    customerParty: added.value.partyId,
    providerParty: founded.result.value.partyId,
    invitedSelf,
    sync,
  };
}

/** Signs an arbitrary update as `author`, continuing (or not) a chain: the attacker's toolkit. */
export function craft(
  author: Identity,
  caseId: string,
  update: Uint8Array,
  head: { seq: number; hash: Uint8Array },
  clients: readonly ClientBinding[] = [],
  timestamp = 1_750_000_900_000,
): Envelope {
  return signEnvelope(
    { caseId, authorKey: author.publicKey, seq: head.seq + 1, prev: head.hash, timestamp, clients, update },
    author.secretKey,
  );
}

/** Puts raw envelope bytes into a replica's log under `key` (default: the envelope hash), sealed. */
export function inject(replica: CaseReplica, bytes: Uint8Array, key: string, keyring: CaseKeyring): void {
  const sealed = sealLogEntry(keyring, replica.caseId, key, bytes);
  const remote = new Y.Doc();
  remote.getMap(LOG_MAP).set(key, sealed);
  Y.applyUpdate(replica.log, Y.encodeStateAsUpdate(remote));
}

/** A writer doc holding everything `replica` has, for crafting updates against its state. */
export function forkDoc(replica: CaseReplica, binding?: ClientBinding): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(replica.contract));
  if (binding) doc.clientID = binding.clientId;
  return doc;
}

export function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(change);
  return Y.encodeStateAsUpdate(doc, before);
}

export { newClientBinding };
