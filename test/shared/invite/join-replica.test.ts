/**
 * Joining by invite on real signed replicas (real libsodium, real Yjs, the real verification
 * pipeline with inviteJoinHook): a partner joins by link; every way to abuse a link leaves the
 * other replicas' contracts unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addParty,
  createCase,
  joinViaInvite,
  postMessage,
  selectContract,
} from '../../../shared/contract/index';
import { entityMap } from '../../../shared/contract/read';
import { roots } from '../../../shared/contract/schema';
import { sodium, sodiumReady } from '../../../shared/crypto/sodium';
import type { Identity } from '../../../shared/identity/identity';
import { identityFromSeed } from '../../../shared/identity/identity';
import type { StoredAdmission } from '../../../shared/invite/admission';
import { toBase64Url, toHex } from '../../../shared/invite/bytes';
import { MEMBER_INVITE_FIELD } from '../../../shared/invite/case-view';
import { createInvite } from '../../../shared/invite/create-invite';
import { inviteJoinHook, joinWithInvite } from '../../../shared/invite/join-envelope';
import { encodeJoinMessage } from '../../../shared/invite/join-messages';
import { createJoinRequest, joinRequestHash } from '../../../shared/invite/join-request';
import { inviteErrorMessage } from '../../../shared/invite/link-errors';
import { genesisOfInvite } from '../../../shared/invite/link-format';
import type { InviteLink } from '../../../shared/invite/parse-link';
import { parseInviteLink } from '../../../shared/invite/parse-link';
import { CaseKeyring, caseKeyFromBytes } from '../../../shared/signed/case-key';
import type { CaseGenesis } from '../../../shared/signed/genesis';
import { foundCase } from '../../../shared/signed/found';
import { CaseReplica } from '../../../shared/signed/replica';

const DAY = 86_400_000;
let time = 1_764_000_000_000;
const now = () => (time += 1000);
let ids = 0;
const newId = () => `id${(ids++).toString(36).padStart(5, '0')}`;

function person(seed: number, name: string, org: string): Identity {
  const made = identityFromSeed(new Uint8Array(32).fill(seed), name, org);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

function sync(from: CaseReplica, to: CaseReplica): void {
  Y.applyUpdate(to.log, Y.encodeStateAsUpdate(from.log, Y.encodeStateVector(to.log)));
}

interface Case {
  provider: Identity;
  providerReplica: CaseReplica;
  genesis: CaseGenesis;
  caseKey: Uint8Array;
  partnerParty: string;
  link(
    inviter: Identity,
    options?: { singleUse?: boolean; expiresIn?: number; issuedAt?: number },
  ): InviteLink;
}

function volleyballCase(): Case {
  const provider = person(1, 'Pat Provider', 'PC Maker');
  const caseKey = new Uint8Array(32).fill(42);
  const founded = foundCase({
    identity: provider,
    keyring: new CaseKeyring(caseKeyFromBytes(caseKey)),
    now,
    newId,
    invitedSelf: inviteJoinHook,
    create: (ctx) =>
      createCase(ctx, {
        title: 'PC does not boot after OS update',
        party: { name: 'PC Maker', role: 'provider' },
        member: { displayName: provider.displayName, organisation: provider.organisation },
      }),
  });
  if (!founded.result.ok) throw new Error(founded.result.message);
  const added = founded.replica.run((ctx) => addParty(ctx, { name: 'OS Vendor', role: 'partner' }));
  if (!added.ok) throw new Error(added.message);
  return {
    provider,
    providerReplica: founded.replica,
    genesis: founded.genesis,
    caseKey,
    partnerParty: added.value.partyId,
    link(inviter, options = {}) {
      const issuedAt = options.issuedAt ?? time;
      const made = createInvite({
        genesis: founded.genesis,
        caseKey,
        role: 'partner',
        party: added.value.partyId,
        singleUse: options.singleUse ?? true,
        issuedAt,
        expiresAt: issuedAt + (options.expiresIn ?? 7 * DAY),
        inviter,
      });
      if (!made.ok) throw new Error(made.message);
      const parsed = parseInviteLink(made.link, { now: issuedAt });
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.invite;
    },
  };
}

/** The joiner's replica, built from nothing but the link, synced with the provider. */
function joinerReplica(c: Case, invite: InviteLink, joiner: Identity): CaseReplica {
  const genesis = genesisOfInvite(invite);
  if (!genesis) throw new Error('the link carries no valid genesis');
  const replica = new CaseReplica({
    genesis,
    keyring: new CaseKeyring(caseKeyFromBytes(invite.caseKey)),
    identity: joiner,
    now,
    newId,
    invitedSelf: inviteJoinHook,
  });
  sync(c.providerReplica, replica);
  return replica;
}

const memberIds = (replica: CaseReplica) =>
  selectContract(replica.contract)
    .parties.flatMap((p) => p.members)
    .filter((m) => m.status === 'active')
    .map((m) => m.displayName)
    .sort();
const snapshot = (replica: CaseReplica) => toHex(Y.encodeStateVector(replica.contract));

/**
 * A joiner who skips its own client's checks and writes the join directly: what an attacker's
 * modified client does. The admission is built from `request` (or the joiner's own).
 */
function forceJoin(
  replica: CaseReplica,
  c: Case,
  joiner: Identity,
  invite: InviteLink,
  admission?: StoredAdmission,
): void {
  const request = createJoinRequest(sodium(), invite, joiner, { now: time });
  if (!request.ok) throw new Error(request.message);
  const stored: StoredAdmission = admission ?? {
    v: 1,
    inviteId: invite.inviteId,
    singleUse: invite.singleUse,
    admissionId: toHex(joinRequestHash(sodium(), request.request)),
    request: toBase64Url(encodeJoinMessage(request.request)),
  };
  replica.run((ctx) =>
    ctx.doc.transact(() => {
      const joined = joinViaInvite(ctx, {
        party: c.partnerParty,
        invitedBy: c.provider.id,
        displayName: joiner.displayName,
      });
      if (!joined.ok) throw new Error(joined.message);
      entityMap(roots(ctx.doc).members, joiner.id)?.set(MEMBER_INVITE_FIELD, stored);
    }),
  );
}

beforeAll(async () => {
  await sodiumReady();
});

describe('joining a case by invite link', () => {
  it('a partner joins from the link alone; the provider verifies the join and sees the new member', () => {
    const c = volleyballCase();
    const partner = person(2, 'Olu OS', 'OS Vendor');
    const invite = c.link(c.provider);
    const replica = joinerReplica(c, invite, partner);
    expect(selectContract(replica.contract).case?.title).toBe('PC does not boot after OS update');
    const joined = replica.run((ctx) => joinWithInvite(ctx, invite, partner, { now: time }));
    expect(joined).toMatchObject({ ok: true, memberId: partner.id });
    sync(replica, c.providerReplica);
    expect(memberIds(c.providerReplica)).toEqual(['Olu OS', 'Pat Provider']);
    expect(c.providerReplica.quarantine().refused).toEqual([]);
    // Once a member, its messages reach the provider.
    replica.run((ctx) => postMessage(ctx, { text: 'OS logs attached' }));
    sync(replica, c.providerReplica);
    expect(selectContract(c.providerReplica.contract).messages.map((m) => m.text)).toContain(
      'OS logs attached',
    );
  });

  it('already used: a second person with the same single-use link is refused locally, and a forced join changes nothing', () => {
    const c = volleyballCase();
    const invite = c.link(c.provider);
    const first = joinerReplica(c, invite, person(2, 'Olu OS', 'OS Vendor'));
    first.run((ctx) => joinWithInvite(ctx, invite, person(2, 'Olu OS', 'OS Vendor'), { now: time }));
    sync(first, c.providerReplica);
    const rival = person(3, 'Rita Forwarded', 'Elsewhere');
    const second = joinerReplica(c, invite, rival);
    const before = snapshot(second);
    const refused = second.run((ctx) => joinWithInvite(ctx, invite, rival, { now: time }));
    expect(refused).toEqual({
      ok: false,
      error: 'already-used',
      message: inviteErrorMessage('already-used'),
    });
    expect(snapshot(second)).toBe(before);

    const providerBefore = snapshot(c.providerReplica);
    forceJoin(second, c, rival, invite);
    sync(second, c.providerReplica);
    expect(snapshot(c.providerReplica)).toBe(providerBefore);
    expect(memberIds(c.providerReplica)).toEqual(['Olu OS', 'Pat Provider']);
  });

  it('signed by a non-member: refused locally; forced, it changes nothing', () => {
    const c = volleyballCase();
    const outsider = person(4, 'Eve Outsider', 'Nowhere');
    const invite = c.link(outsider);
    const joiner = person(2, 'Olu OS', 'OS Vendor');
    const replica = joinerReplica(c, invite, joiner);
    const before = snapshot(replica);
    expect(replica.run((ctx) => joinWithInvite(ctx, invite, joiner, { now: time }))).toMatchObject({
      ok: false,
      error: 'inviter-not-member',
    });
    expect(snapshot(replica)).toBe(before);
    const providerBefore = snapshot(c.providerReplica);
    forceJoin(replica, c, joiner, invite);
    sync(replica, c.providerReplica);
    expect(snapshot(c.providerReplica)).toBe(providerBefore);
  });

  it('expired: a join signed after the expiry changes nothing', () => {
    const c = volleyballCase();
    const invite = c.link(c.provider, { expiresIn: 60_000 });
    const joiner = person(2, 'Olu OS', 'OS Vendor');
    const replica = joinerReplica(c, invite, joiner);
    time = invite.expiresAt + 10 * 60_000;
    expect(replica.run((ctx) => joinWithInvite(ctx, invite, joiner, { now: time }))).toMatchObject({
      error: 'expired',
    });
    const providerBefore = snapshot(c.providerReplica);
    forceJoin(replica, c, joiner, { ...invite, expiresAt: invite.expiresAt });
    sync(replica, c.providerReplica);
    expect(snapshot(c.providerReplica)).toBe(providerBefore);
  });

  it('a stolen admission (someone else’s join request) does not admit the thief', () => {
    const c = volleyballCase();
    const invite = c.link(c.provider, { singleUse: false });
    const partner = person(2, 'Olu OS', 'OS Vendor');
    const request = createJoinRequest(sodium(), invite, partner, { now: time });
    if (!request.ok) throw new Error(request.message);
    const thief = person(5, 'Tom Thief', 'Nowhere');
    const replica = joinerReplica(c, invite, thief);
    const providerBefore = snapshot(c.providerReplica);
    forceJoin(replica, c, thief, invite, {
      v: 1,
      inviteId: invite.inviteId,
      singleUse: false,
      admissionId: toHex(joinRequestHash(sodium(), request.request)),
      request: toBase64Url(encodeJoinMessage(request.request)),
    });
    sync(replica, c.providerReplica);
    expect(snapshot(c.providerReplica)).toBe(providerBefore);
  });

  it('a case you already belong to: joining again is refused and changes nothing', () => {
    const c = volleyballCase();
    const invite = c.link(c.provider, { singleUse: false });
    const replica = joinerReplica(c, invite, c.provider);
    const before = snapshot(replica);
    expect(replica.run((ctx) => joinWithInvite(ctx, invite, c.provider, { now: time }))).toEqual({
      ok: false,
      error: 'already-member',
      message: inviteErrorMessage('already-member'),
    });
    expect(snapshot(replica)).toBe(before);
  });
});
