import { beforeAll, describe, expect, it } from 'vitest';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { toHex } from '../../../shared/invite/bytes';
import type { JoinRequest } from '../../../shared/invite/join-messages';
import { decodeJoinMessage, encodeJoinMessage } from '../../../shared/invite/join-messages';
import {
  createJoinAdmitted,
  createJoinRefused,
  createJoinRequest,
  verifyJoinRequest,
  verifyJoinResponse,
} from '../../../shared/invite/join-request';
import type { InviteLink } from '../../../shared/invite/parse-link';
import { parseInviteLink } from '../../../shared/invite/parse-link';
import type { TestIdentity } from './fixtures';
import { DAY, identity, makeLink, T0 } from './fixtures';

let na: Sodium;
let provider: TestIdentity;
let partner: TestIdentity;
let mallory: TestIdentity;
let link: InviteLink;
const caseKey = new Uint8Array(32).fill(9);

beforeAll(async () => {
  na = await sodiumReady();
  provider = identity(na, 20, 'Pat Provider', 'PC Maker');
  partner = identity(na, 21, 'Olu OS', 'OS Vendor');
  mallory = identity(na, 22, 'Mallory', 'Nowhere');
  const parsed = parseInviteLink(makeLink({ inviter: provider, caseKey }), { now: T0 + DAY });
  if (!parsed.ok) throw new Error(parsed.message);
  link = parsed.invite;
});

function request(joiner = partner, invite = link): { request: JoinRequest; bytes: Uint8Array } {
  const made = createJoinRequest(na, invite, joiner, { now: T0 + DAY });
  if (!made.ok) throw new Error(made.message);
  return made;
}

describe('join request', () => {
  it('encodes, decodes and verifies', () => {
    const made = request();
    const decoded = decodeJoinMessage(made.bytes);
    expect(decoded).toEqual({ ok: true, message: made.request });
    const verified = verifyJoinRequest(na, made.request);
    expect(verified.ok).toBe(true);
    if (verified.ok) expect(verified.invite.inviteId).toBe(link.inviteId);
  });

  it('without the invite secret the proof fails', () => {
    const forged = createJoinRequest(na, { ...link, inviteSecret: na.randombytes_buf(32) }, mallory, {
      now: T0 + DAY,
    });
    if (!forged.ok) throw new Error('fixture');
    expect(verifyJoinRequest(na, forged.request)).toMatchObject({ ok: false, error: 'bad-request' });
  });

  it("a request cannot be re-targeted at someone else's identity or altered", () => {
    const made = request();
    const variants: JoinRequest[] = [
      { ...made.request, joinerKey: mallory.publicKey },
      { ...made.request, displayName: 'Someone Else' },
      { ...made.request, requestedAt: made.request.requestedAt + 1 },
      { ...made.request, nonce: new Uint8Array(16) },
    ];
    for (const variant of variants)
      expect(verifyJoinRequest(na, variant)).toMatchObject({ error: 'bad-request' });
  });

  it('every flipped byte of an encoded request is refused when decoded and verified', () => {
    const made = request();
    for (let index = 0; index < made.bytes.length; index++) {
      const bytes = made.bytes.slice();
      bytes[index] = (bytes[index] as number) ^ 0x04;
      const decoded = decodeJoinMessage(bytes);
      if (!decoded.ok) continue;
      expect(
        decoded.message.type === 'join-request' && verifyJoinRequest(na, decoded.message).ok,
        `byte ${index}`,
      ).toBe(false);
    }
  });

  it('decoding never throws on garbage and refuses trailing bytes', () => {
    for (let length = 0; length < 300; length++) {
      const result = decodeJoinMessage(na.randombytes_buf(length));
      expect(typeof result.ok).toBe('boolean');
    }
    expect(decodeJoinMessage('nope')).toEqual({ ok: false, error: 'malformed' });
    const made = request();
    expect(decodeJoinMessage(Uint8Array.from([...made.bytes, 0]))).toEqual({ ok: false, error: 'malformed' });
    expect(decodeJoinMessage(Uint8Array.of(2, 1))).toEqual({
      ok: false,
      error: 'unsupported-version',
      version: 2,
    });
  });
});

describe('join responses', () => {
  it('admitted: the joiner opens the current case key sealed to it', () => {
    const made = request();
    const rotatedKey = na.randombytes_buf(32);
    const admitted = createJoinAdmitted(na, made.request, provider, {
      caseId: link.caseId,
      epoch: 3,
      caseKey: rotatedKey,
    });
    if (!admitted) throw new Error('fixture');
    const decoded = decodeJoinMessage(encodeJoinMessage(admitted));
    expect(decoded).toEqual({ ok: true, message: admitted });
    const checked = verifyJoinResponse(na, admitted, made.request, partner, link.caseId);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(toHex(checked.caseKey ?? new Uint8Array())).toBe(toHex(rotatedKey));
    // Someone else in the room cannot open it.
    expect(verifyJoinResponse(na, admitted, made.request, mallory, link.caseId).ok).toBe(false);
    // Nor is it valid for another case id.
    expect(verifyJoinResponse(na, admitted, made.request, partner, 'case-other').ok).toBe(false);
  });

  it('refused: signed, tied to the request, with a reason code', () => {
    const made = request();
    const refused = createJoinRefused(na, made.request, provider, 'already-used');
    const decoded = decodeJoinMessage(encodeJoinMessage(refused));
    expect(decoded).toEqual({ ok: true, message: refused });
    expect(verifyJoinResponse(na, refused, made.request, partner, link.caseId)).toEqual({ ok: true });
    const forged = { ...refused, reason: 'expired' as const };
    expect(verifyJoinResponse(na, forged, made.request, partner, link.caseId).ok).toBe(false);
    const other = request(mallory);
    expect(verifyJoinResponse(na, refused, other.request, partner, link.caseId).ok).toBe(false);
  });
});
