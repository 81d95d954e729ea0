import { beforeAll, describe, expect, it } from 'vitest';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { fromBase64Url, toBase64Url } from '../../../shared/invite/bytes';
import { createInvite } from '../../../shared/invite/create-invite';
import { inviteErrorMessage } from '../../../shared/invite/link-errors';
import { INVITE_LINK_PREFIX, parseInviteLink } from '../../../shared/invite/parse-link';
import { DAY, identity, makeLink, T0, testGenesis } from './fixtures';

let na: Sodium;
let link: string;
let publicText: string;
let secretText: string;

beforeAll(async () => {
  na = await sodiumReady();
  link = makeLink({ inviter: identity(na, 1), party: 'os-vendor' });
  [publicText, secretText] = link.slice(INVITE_LINK_PREFIX.length).split('#') as [string, string];
});

const NOW = T0 + DAY;

function errorOf(text: string, now = NOW): string {
  const result = parseInviteLink(text, { now });
  if (result.ok) return 'ok';
  if (result.error !== 'expired' && result.error !== 'unsupported-version') {
    expect(result.message).toBe(inviteErrorMessage(result.error));
  }
  return result.error;
}

function withPublicBytes(mutate: (bytes: Uint8Array) => Uint8Array): string {
  const decoded = fromBase64Url(publicText);
  if (!decoded.ok) throw new Error('fixture');
  return `${INVITE_LINK_PREFIX}${toBase64Url(mutate(decoded.bytes.slice()))}#${secretText}`;
}

describe('parseInviteLink: good links', () => {
  it('round-trips every field and both secrets', () => {
    const caseKey = na.randombytes_buf(32);
    const inviter = identity(na, 2);
    const made = createInvite({
      genesis: testGenesis(3),
      caseKey,
      role: 'observer',
      party: null,
      singleUse: false,
      issuedAt: T0,
      expiresAt: T0 + 3 * DAY,
      inviter,
    });
    if (!made.ok) throw new Error(made.message);
    const parsed = parseInviteLink(made.link, { now: T0 + DAY });
    if (!parsed.ok) throw new Error(parsed.message);
    const invite = parsed.invite;
    expect(invite).toMatchObject({
      version: 1,
      caseId: testGenesis(3).caseId,
      role: 'observer',
      party: null,
      singleUse: false,
      issuedAt: T0,
      expiresAt: T0 + 3 * DAY,
      inviteId: made.invite.inviteId,
    });
    expect(invite.caseKey).toEqual(caseKey);
    expect(invite.inviteSecret).toEqual(made.invite.inviteSecret);
    expect(invite.inviterKey).toEqual(inviter.publicKey);
    expect(made.link.length).toBeLessThan(460);
  });

  it('accepts the link pasted with whitespace, wrapped lines, quotes, the https form and inside a message', () => {
    const half = Math.floor(link.length / 2);
    const forms = [
      `  \n\t${link}\r\n  `,
      `${link.slice(0, half)}\n   ${link.slice(half)}`,
      `<${link}>`,
      `"${link}"`,
      `CASEPACT://JOIN/${publicText}#${secretText}`,
      `https://casepact.example/join/${publicText}#${secretText}`,
      `https://example.org/app/v1/join/${publicText}#${secretText}`,
      `Hi! Please join our case: ${link} (valid for a week).`,
    ];
    for (const form of forms) expect(errorOf(form), form.slice(0, 40)).toBe('ok');
  });
});

describe('parseInviteLink: every bad link gets its own code and sentence', () => {
  it('plain wrong strings are not links', () => {
    for (const text of [
      '',
      '   ',
      'hello',
      'casepact://case/abc#def',
      'http://casepact.example/join/abc#def',
      'https://example.com/',
      secretText,
    ]) {
      expect(errorOf(text), text).toBe('not-a-link');
    }
    expect(errorOf(undefined as unknown as string)).toBe('not-a-link');
    expect(errorOf(`${link} `.repeat(5000))).toBe('not-a-link');
  });

  it('a link without its fragment is missing its secret', () => {
    expect(errorOf(`${INVITE_LINK_PREFIX}${publicText}`)).toBe('missing-secret');
    expect(errorOf(`${INVITE_LINK_PREFIX}${publicText}#`)).toBe('missing-secret');
    expect(errorOf(`https://casepact.example/join/${publicText}`)).toBe('missing-secret');
  });

  it('a link cut off anywhere after its prefix is truncated (or missing its secret when cut at "#")', () => {
    const hash = link.indexOf('#');
    for (let cut = INVITE_LINK_PREFIX.length; cut < link.length; cut++) {
      const expected = cut === hash || cut === hash + 1 ? 'missing-secret' : 'truncated';
      expect(errorOf(link.slice(0, cut)), `cut at ${cut}`).toBe(expected);
    }
  });

  it('any altered byte of the signed public part is a bad signature', () => {
    const length = fromBase64Url(publicText).ok
      ? (fromBase64Url(publicText) as { bytes: Uint8Array }).bytes.length
      : 0;
    for (let index = 3; index < length; index++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const text = withPublicBytes((bytes) => {
          bytes[index] = (bytes[index] as number) ^ mask;
          return bytes;
        });
        expect(errorOf(text), `byte ${index} ^ ${mask}`).toBe('bad-signature');
      }
    }
  });

  it('an altered header byte is reported by what it breaks', () => {
    const version = (v: number) =>
      withPublicBytes((bytes) => {
        bytes[0] = v;
        return bytes;
      });
    expect(errorOf(version(2))).toBe('unsupported-version');
    expect(parseInviteLink(version(2), { now: NOW })).toMatchObject({
      message: expect.stringContaining('link format 2'),
    });
    expect(errorOf(version(0))).toBe('malformed');
    expect(errorOf(version(200))).toBe('malformed');
    const lengthPlus = withPublicBytes((bytes) => {
      bytes[2] = (bytes[2] as number) + 1;
      return bytes;
    });
    expect(errorOf(lengthPlus)).toBe('truncated');
    const lengthMinus = withPublicBytes((bytes) => {
      bytes[2] = (bytes[2] as number) - 1;
      return bytes;
    });
    expect(errorOf(lengthMinus)).toBe('malformed');
    const extra = withPublicBytes((bytes) => Uint8Array.from([...bytes, 0]));
    expect(errorOf(extra)).toBe('malformed');
  });

  it('any altered byte of the secret part is a secret mismatch', () => {
    const secret = fromBase64Url(secretText);
    if (!secret.ok) throw new Error('fixture');
    for (let index = 0; index < secret.bytes.length; index++) {
      const bytes = secret.bytes.slice();
      bytes[index] = (bytes[index] as number) ^ 0x10;
      expect(
        errorOf(`${INVITE_LINK_PREFIX}${publicText}#${toBase64Url(bytes)}`),
        `secret byte ${index}`,
      ).toBe('secret-mismatch');
    }
  });

  it("another link's secret part does not fit", () => {
    const other = makeLink({ inviter: identity(na, 1), party: 'os-vendor' });
    expect(errorOf(`${INVITE_LINK_PREFIX}${publicText}#${other.split('#')[1]}`)).toBe('secret-mismatch');
  });

  it('characters outside base64url are bad encoding, in either part', () => {
    expect(
      errorOf(`${INVITE_LINK_PREFIX}${publicText.slice(0, 10)}+${publicText.slice(11)}#${secretText}`),
    ).toBe('bad-encoding');
    expect(errorOf(`${INVITE_LINK_PREFIX}${publicText}=#${secretText}`)).toBe('bad-encoding');
    expect(
      errorOf(`${INVITE_LINK_PREFIX}${publicText}#${secretText.slice(0, 5)}*${secretText.slice(6)}`),
    ).toBe('bad-encoding');
    expect(errorOf(`${INVITE_LINK_PREFIX}${publicText}#${secretText}AA`)).toBe('malformed');
  });

  it('an expired link names its expiry date', () => {
    const result = parseInviteLink(link, { now: T0 + 7 * DAY });
    expect(result).toEqual({
      ok: false,
      error: 'expired',
      message: 'This invite link expired on 2026-12-01 12:00 UTC. Ask the inviter for a new link.',
    });
    expect(errorOf(link, T0 + 7 * DAY - 1)).toBe('ok');
  });

  it('messages never contain the link or its secret part', () => {
    const texts = [link.slice(0, -3), `${INVITE_LINK_PREFIX}${publicText}#${secretText.slice(0, 60)}`];
    for (const text of texts) {
      const result = parseInviteLink(text, { now: NOW });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).not.toContain(secretText.slice(0, 12));
        expect(result.message).not.toContain(publicText.slice(0, 12));
      }
    }
  });
});
