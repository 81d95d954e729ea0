/**
 * Two real signed replicas of one case with SLA terms: a provider founds it, a customer joins.
 * Each replica has its own controllable clock (so tests can skew them), and `sync` copies log
 * entries the way y-webrtc would.
 */
import * as Y from 'yjs';
import { addParty, createCase, joinViaInvite } from '../../../shared/contract/index';
import type { SlaTerms } from '../../../shared/contract/sla-terms';
import type { Identity } from '../../../shared/identity/identity';
import { CaseKeyring, caseKeyFromBytes } from '../../../shared/signed/case-key';
import type { Envelope } from '../../../shared/signed/envelope';
import { foundCase } from '../../../shared/signed/found';
import { CaseReplica } from '../../../shared/signed/replica';
import { person } from '../signed/fixtures';

/** Round-the-clock calendar: business minutes equal wall minutes, which keeps expectations readable. */
export const ALWAYS: SlaTerms['calendar'] = {
  timeZone: 'UTC',
  week: Array.from({ length: 7 }, () => [{ start: 0, end: 1440 }]),
  holidays: [],
};

export const WORLD_TERMS: SlaTerms = {
  targets: [
    { id: 'fr-normal', kind: 'first-response', priority: 'normal', minutes: 60, committedBy: 'provider' },
    { id: 'fr-urgent', kind: 'first-response', priority: 'urgent', minutes: 15, committedBy: 'provider' },
    { id: 'res-normal', kind: 'resolution', priority: 'normal', minutes: 240, committedBy: 'provider' },
    { id: 'res-urgent', kind: 'resolution', priority: 'urgent', minutes: 120, committedBy: 'provider' },
  ],
  calendar: ALWAYS,
  pausedStatuses: ['waiting'],
  atRiskThreshold: 0.75,
  escalations: [
    {
      id: 'warn',
      targetKind: 'first-response',
      on: 'at-risk',
      steps: [{ kind: 'notify', roles: ['provider'] }],
    },
    {
      id: 'bump',
      targetKind: 'resolution',
      on: 'breached',
      steps: [
        { kind: 'raise-priority', to: 'urgent' },
        { kind: 'propose-partner', partnerName: 'Contoso OS', reason: 'resolution target breached' },
        { kind: 'notify', roles: ['customer', 'provider'] },
      ],
    },
  ],
};

export const T0 = Date.UTC(2024, 5, 3, 8, 0, 0);
export const MINUTE = 60_000;

/** A clock tests move by hand; every read returns the current setting. */
export class TestClock {
  constructor(public t: number) {}
  readonly now = (): number => this.t;
  set(t: number): void {
    this.t = t;
  }
}

export interface ReplicaWorld {
  readonly provider: Identity;
  readonly customer: Identity;
  readonly providerClock: TestClock;
  readonly customerClock: TestClock;
  readonly providerReplica: CaseReplica;
  readonly customerReplica: CaseReplica;
  readonly providerParty: string;
  readonly customerParty: string;
  /** Copies every log entry of `from` into `to`. */
  sync(from: CaseReplica, to: CaseReplica): void;
  syncBoth(): void;
  destroy(): void;
}

let ids = 0;
const newId = () => `w${(ids++).toString(36).padStart(6, '0')}`;

/**
 * Provider founds the case at `T0` (its clock), adds the customer party; the customer (whose
 * clock reads `T0 + customerSkewMs` at the same instant) joins one minute later.
 */
export function replicaWorld(
  options: { customerSkewMs?: number; terms?: SlaTerms | null } = {},
): ReplicaWorld {
  const provider = person(11, 'Priya Provider', 'Northwind PCs');
  const customer = person(12, 'Sam Customer', 'Private customer');
  const keyring = new CaseKeyring(caseKeyFromBytes(new Uint8Array(32).fill(7)));
  const invitedSelf = (envelope: Envelope) => envelope.author === customer.id;
  const providerClock = new TestClock(T0);
  const customerClock = new TestClock(T0 + (options.customerSkewMs ?? 0));
  const founded = foundCase({
    identity: provider,
    keyring,
    now: providerClock.now,
    newId,
    invitedSelf,
    create: (ctx) =>
      createCase(ctx, {
        title: 'New desktop PC does not boot',
        party: { name: 'Northwind PCs', role: 'provider' },
        member: { displayName: provider.displayName, organisation: provider.organisation },
        ...(options.terms === null ? {} : { sla: options.terms ?? WORLD_TERMS }),
      }),
  });
  if (!founded.result.ok) throw new Error(founded.result.message);
  const providerReplica = founded.replica;
  const added = providerReplica.run((ctx) => addParty(ctx, { name: 'Sam Customer', role: 'customer' }));
  if (!added.ok) throw new Error(added.message);
  const sync = (from: CaseReplica, to: CaseReplica) => {
    Y.applyUpdate(to.log, Y.encodeStateAsUpdate(from.log, Y.encodeStateVector(to.log)));
  };
  const customerReplica = new CaseReplica({
    genesis: founded.genesis,
    keyring,
    identity: customer,
    now: customerClock.now,
    newId,
    invitedSelf,
  });
  sync(providerReplica, customerReplica);
  customerClock.t += MINUTE;
  providerClock.t += MINUTE;
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
    providerClock,
    customerClock,
    providerReplica,
    customerReplica,
    providerParty: founded.result.value.partyId,
    customerParty: added.value.partyId,
    sync,
    syncBoth: () => {
      sync(providerReplica, customerReplica);
      sync(customerReplica, providerReplica);
    },
    destroy: () => {
      providerReplica.destroy();
      customerReplica.destroy();
    },
  };
}

/** Advances both clocks by `minutes` (keeping their skew). */
export function advance(world: ReplicaWorld, minutes: number): void {
  world.providerClock.t += minutes * MINUTE;
  world.customerClock.t += minutes * MINUTE;
}
