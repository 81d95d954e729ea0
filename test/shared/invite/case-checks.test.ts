import { beforeAll, describe, expect, it } from 'vitest';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { toHex } from '../../../shared/invite/bytes';
import { checkInviteForCase, checkInviterRights } from '../../../shared/invite/case-checks';
import type { CreateInviteInput } from '../../../shared/invite/create-invite';
import { inviteErrorMessage } from '../../../shared/invite/link-errors';
import type { InviteLink } from '../../../shared/invite/parse-link';
import { parseInviteLink } from '../../../shared/invite/parse-link';
import type { TestIdentity } from './fixtures';
import { DAY, identity, makeLink, PlainCase, T0, testGenesis } from './fixtures';

let na: Sodium;
let provider: TestIdentity;
let customer: TestIdentity;
let partner: TestIdentity;
let stranger: TestIdentity;

beforeAll(async () => {
  na = await sodiumReady();
  provider = identity(na, 10, 'Pat Provider', 'PC Maker');
  customer = identity(na, 11, 'Casey Customer', 'Home');
  partner = identity(na, 12, 'Olu OS', 'OS Vendor');
  stranger = identity(na, 13, 'Sam Stranger', 'Elsewhere');
});

function volleyballCase(): PlainCase {
  return new PlainCase(testGenesis().caseId)
    .add(provider.publicKey, 'provider', 'pc-maker')
    .add(customer.publicKey, 'customer', 'home')
    .add(identity(na, 14).publicKey, 'partner', 'os-vendor');
}

function invite(
  inviter: TestIdentity,
  options: Omit<Partial<CreateInviteInput>, 'inviter'> = {},
): InviteLink {
  const parsed = parseInviteLink(makeLink({ ...options, inviter }), { now: T0 + DAY });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.invite;
}

/** Runs a check and asserts the code, the sentence, and that the case did not change. */
function expectRefused(
  view: PlainCase,
  run: () => ReturnType<typeof checkInviteForCase>,
  code: string,
): void {
  const before = view.snapshot();
  const result = run();
  expect(result).toEqual({ ok: false, error: code, message: inviteErrorMessage(code as never) });
  expect(view.snapshot()).toBe(before);
}

describe('checkInviteForCase', () => {
  it('accepts a valid invite from a provider for a partner joining', () => {
    expect(checkInviteForCase(invite(provider), volleyballCase(), partner.publicKey)).toEqual({
      ok: true,
      party: 'os-vendor',
    });
    // Without a party, the one party with the offered role.
    expect(
      checkInviteForCase(invite(provider, { party: null }), volleyballCase(), partner.publicKey),
    ).toEqual({
      ok: true,
      party: 'os-vendor',
    });
  });

  it('wrong case: a link for another case', () => {
    const view = volleyballCase();
    expectRefused(
      view,
      () => checkInviteForCase(invite(provider, { genesis: testGenesis(8) }), view, partner.publicKey),
      'wrong-case',
    );
  });

  it('signed by a non-member', () => {
    const view = volleyballCase();
    expectRefused(
      view,
      () => checkInviteForCase(invite(stranger), view, partner.publicKey),
      'inviter-not-member',
    );
  });

  it('signed by a member who was removed since', () => {
    const view = new PlainCase(testGenesis().caseId)
      .add(provider.publicKey, 'provider', 'pc-maker', 'removed')
      .add(customer.publicKey, 'customer', 'home');
    expectRefused(
      view,
      () => checkInviteForCase(invite(provider), view, partner.publicKey),
      'inviter-not-member',
    );
  });

  it('signed by a member whose role may not invite into that party', () => {
    const view = volleyballCase();
    const colleague = identity(na, 14);
    expectRefused(
      view,
      () =>
        checkInviteForCase(
          invite(colleague, { role: 'provider', party: 'pc-maker' }),
          view,
          partner.publicKey,
        ),
      'inviter-not-allowed',
    );
    expect(checkInviteForCase(invite(colleague), view, partner.publicKey)).toEqual({
      ok: true,
      party: 'os-vendor',
    });
  });

  it('a case you already belong to', () => {
    const view = volleyballCase();
    expectRefused(
      view,
      () => checkInviteForCase(invite(provider), view, customer.publicKey),
      'already-member',
    );
  });

  it('a removed member cannot come back through a link made before its removal', () => {
    const view = volleyballCase().add(partner.publicKey, 'partner', 'os-vendor', 'removed', T0 + 1);
    expectRefused(
      view,
      () => checkInviteForCase(invite(provider), view, partner.publicKey),
      'removed-member',
    );
    // A link made after the removal is a member's decision to bring it back.
    expect(checkInviteForCase(invite(provider, { issuedAt: T0 + 2 }), view, partner.publicKey).ok).toBe(true);
  });

  it('already used: a single-use invite consumed by someone else', () => {
    const link = invite(provider);
    const view = volleyballCase();
    view.usedInvites.set(link.inviteId, toHex(stranger.publicKey));
    expectRefused(view, () => checkInviteForCase(link, view, partner.publicKey), 'already-used');
    // The person who used it clicks again: they are told they are a member, not that it was used.
    view.add(stranger.publicKey, 'partner', 'os-vendor');
    expectRefused(view, () => checkInviteForCase(link, view, stranger.publicKey), 'already-member');
  });

  it('a multi-use invite can be used again', () => {
    const link = invite(provider, { singleUse: false });
    const view = volleyballCase();
    view.usedInvites.set(link.inviteId, toHex(stranger.publicKey));
    expect(checkInviteForCase(link, view, partner.publicKey)).toEqual({ ok: true, party: 'os-vendor' });
  });

  it('a party the case does not have', () => {
    const view = volleyballCase();
    expectRefused(
      view,
      () => checkInviteForCase(invite(provider, { party: 'nowhere' }), view, partner.publicKey),
      'unknown-party',
    );
  });

  it('checkInviterRights gates making a link', () => {
    const view = volleyballCase();
    expect(checkInviterRights(view, provider.publicKey, 'partner', null)).toEqual({
      ok: true,
      party: 'os-vendor',
    });
    expect(checkInviterRights(view, stranger.publicKey, 'partner', null)).toMatchObject({
      error: 'inviter-not-member',
    });
    expect(checkInviterRights(view, identity(na, 14).publicKey, 'provider', null)).toMatchObject({
      error: 'inviter-not-allowed',
    });
    expect(checkInviterRights(view, provider.publicKey, 'observer', null)).toMatchObject({
      error: 'unknown-party',
    });
    expect(checkInviterRights(view, provider.publicKey, 'customer', 'os-vendor')).toMatchObject({
      error: 'unknown-party',
    });
  });
});
