import { beforeAll, describe, expect, it } from 'vitest';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { toHex } from '../../../shared/invite/bytes';
import type { RecordedAdmission } from '../../../shared/invite/admission';
import {
  ADMISSION_CLOCK_SKEW_MS,
  admitJoinRequest,
  isAdmissionEffective,
  singleUseWinners,
  verifyStoredAdmission,
} from '../../../shared/invite/admission';
import { createJoinRequest } from '../../../shared/invite/join-request';
import { inviteErrorMessage } from '../../../shared/invite/link-errors';
import type { InviteLink } from '../../../shared/invite/parse-link';
import { parseInviteLink } from '../../../shared/invite/parse-link';
import type { TestIdentity } from './fixtures';
import { DAY, identity, makeLink, PlainCase, T0, testGenesis } from './fixtures';

let na: Sodium;
let provider: TestIdentity;
let customer: TestIdentity;
let partner: TestIdentity;
let rival: TestIdentity;
let link: InviteLink;

beforeAll(async () => {
  na = await sodiumReady();
  provider = identity(na, 30, 'Pat Provider', 'PC Maker');
  customer = identity(na, 31, 'Casey Customer', 'Home');
  partner = identity(na, 32, 'Olu OS', 'OS Vendor');
  rival = identity(na, 33, 'Rita Rival', 'Forwarded To');
  const parsed = parseInviteLink(makeLink({ inviter: provider, party: 'os-vendor' }), { now: T0 });
  if (!parsed.ok) throw new Error(parsed.message);
  link = parsed.invite;
});

function view(): PlainCase {
  const plain = new PlainCase(testGenesis().caseId)
    .add(provider.publicKey, 'provider', 'pc-maker')
    .add(customer.publicKey, 'customer', 'home');
  plain.parties.set('os-vendor', 'partner');
  return plain;
}

function joinRequest(joiner: TestIdentity, at = T0 + DAY) {
  const made = createJoinRequest(na, link, joiner, { now: at });
  if (!made.ok) throw new Error(made.message);
  return made.request;
}

describe('admitJoinRequest', () => {
  it('produces the member to add and the admission record to store with it', () => {
    const result = admitJoinRequest(na, joinRequest(partner), view(), { now: T0 + DAY });
    if (!result.ok) throw new Error(result.message);
    expect(result.plan).toMatchObject({
      displayName: 'Olu OS',
      organisation: 'OS Vendor',
      role: 'partner',
      party: 'os-vendor',
      admission: { v: 1, inviteId: link.inviteId, singleUse: true },
    });
    expect(toHex(result.plan.memberKey)).toBe(toHex(partner.publicKey));
    expect(result.plan.admission.admissionId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an expired invite at the admitting member, without changing the case', () => {
    const plain = view();
    const before = plain.snapshot();
    const result = admitJoinRequest(na, joinRequest(partner), plain, { now: link.expiresAt });
    expect(result).toMatchObject({ ok: false, error: 'expired' });
    expect(plain.snapshot()).toBe(before);
  });

  it('refuses a second joiner of a used single-use invite', () => {
    const plain = view();
    plain.usedInvites.set(link.inviteId, toHex(partner.publicKey));
    const result = admitJoinRequest(na, joinRequest(rival), plain, { now: T0 + DAY });
    expect(result).toEqual({ ok: false, error: 'already-used', message: inviteErrorMessage('already-used') });
  });
});

describe('verifyStoredAdmission (every peer, on the admitting envelope)', () => {
  function stored() {
    const result = admitJoinRequest(na, joinRequest(partner), view(), { now: T0 + DAY });
    if (!result.ok) throw new Error(result.message);
    return result.plan.admission;
  }
  const member = () => ({ publicKey: partner.publicKey, role: 'partner' as const, party: 'os-vendor' });

  it('accepts the admission as written', () => {
    expect(verifyStoredAdmission(na, stored(), member(), view(), { at: T0 + DAY }).ok).toBe(true);
  });

  it('refuses an admission that adds another identity, role or party than the invite says', () => {
    const admission = stored();
    const cases = [
      { ...member(), publicKey: rival.publicKey },
      { ...member(), role: 'provider' as const },
      { ...member(), party: 'pc-maker' },
    ];
    for (const wrong of cases) {
      expect(verifyStoredAdmission(na, admission, wrong, view(), { at: T0 + DAY })).toMatchObject({
        error: 'bad-request',
      });
    }
  });

  it('refuses tampered or malformed stored records', () => {
    const admission = stored();
    const tampered = [
      { ...admission, admissionId: admission.admissionId.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
      { ...admission, singleUse: false },
      { ...admission, request: `${admission.request.slice(0, 40)}A${admission.request.slice(41)}` },
      { ...admission, v: 2 },
      null,
      'text',
      { ...admission, request: 'x'.repeat(5000) },
    ];
    for (const record of tampered) {
      expect(verifyStoredAdmission(na, record, member(), view(), { at: T0 + DAY }).ok).toBe(false);
    }
  });

  it('refuses an admission written after expiry (beyond the clock-skew allowance)', () => {
    expect(
      verifyStoredAdmission(na, stored(), member(), view(), {
        at: link.expiresAt + ADMISSION_CLOCK_SKEW_MS - 1,
      }).ok,
    ).toBe(true);
    expect(
      verifyStoredAdmission(na, stored(), member(), view(), { at: link.expiresAt + ADMISSION_CLOCK_SKEW_MS }),
    ).toMatchObject({
      error: 'expired',
    });
  });
});

describe('single use under concurrent admissions', () => {
  it('two members admit two joiners of one invite at once: every arrival order elects the same winner', () => {
    // Two admitting members, each seeing the case before the other's admission.
    const a = admitJoinRequest(na, joinRequest(partner), view(), { now: T0 + DAY });
    const b = admitJoinRequest(na, joinRequest(rival), view(), { now: T0 + DAY });
    if (!a.ok || !b.ok) throw new Error('both admissions are valid in isolation');
    const records: RecordedAdmission[] = [a.plan.admission, b.plan.admission];
    const expectedWinner = [a.plan.admission.admissionId, b.plan.admission.admissionId].sort()[0];
    for (const order of [records, [...records].reverse()]) {
      const winners = singleUseWinners(order);
      expect(winners.get(link.inviteId)).toBe(expectedWinner);
      expect(order.filter((record) => isAdmissionEffective(record, winners))).toHaveLength(1);
    }
  });

  it('a multi-use invite admits everyone', () => {
    const records = [
      { inviteId: 'aa', singleUse: false, admissionId: '02' },
      { inviteId: 'aa', singleUse: false, admissionId: '01' },
    ];
    const winners = singleUseWinners(records);
    expect(records.every((record) => isAdmissionEffective(record, winners))).toBe(true);
  });
});
