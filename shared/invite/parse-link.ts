/**
 * Parsing an invite link from whatever the user pasted or the OS handed over (deep link).
 * The result is typed: a verified invite, or one refusal code with its sentence. Nothing in
 * here throws on any input (test/shared/invite/parse-link-fuzz.test.ts feeds it garbage).
 */
import type { Sodium } from '../crypto/sodium';
import { sodium } from '../crypto/sodium';
import type { Base64UrlFault } from './bytes';
import { constantTimeEqual, fromBase64Url, toBase64Url } from './bytes';
import type { InviteRefusal } from './link-errors';
import { inviteRefusal } from './link-errors';
import type { InvitePublic } from './link-format';
import {
  CASE_KEY_BYTES,
  decodePublicPart,
  deriveCaseKeyCheck,
  deriveProofKeyPair,
  SECRET_PART_BYTES,
} from './link-format';

/** The scheme form every link is written in; the https form is accepted as an alternative. */
export const INVITE_LINK_PREFIX = 'casepact://join/';

/** Texts longer than this are refused before any work (a link is about 450 characters). */
export const MAX_LINK_TEXT_CHARS = 16_384;

/** A verified invite including its secrets. Keep it in memory only; never log it. */
export interface InviteLink extends InvitePublic {
  readonly caseKey: Uint8Array;
  readonly inviteSecret: Uint8Array;
}

export type ParseInviteLinkResult =
  | { readonly ok: true; readonly invite: InviteLink }
  | InviteRefusal<
      | 'not-a-link'
      | 'missing-secret'
      | 'truncated'
      | 'bad-encoding'
      | 'unsupported-version'
      | 'malformed'
      | 'bad-signature'
      | 'secret-mismatch'
      | 'expired'
      | 'crypto-not-ready'
    >;

/** The two encoded halves of a link, before decoding. */
export interface LinkParts {
  readonly publicText: string;
  /** `undefined` when the text has no '#'. */
  readonly secretText: string | undefined;
}

const SCHEME_PREFIX = /^casepact:\/\/join\//i;
const HTTPS_PREFIX = /^https:\/\/[^/?#\s]+\/(?:[^?#\s]*\/)?join\//i;
const EMBEDDED =
  /(casepact:\/\/join\/|https:\/\/[^/?#\s]+\/(?:[^?#\s]*\/)?join\/)[A-Za-z0-9_-]*(#[A-Za-z0-9_-]*)?/i;

function splitAfterPrefix(rest: string): LinkParts {
  const hash = rest.indexOf('#');
  return hash < 0
    ? { publicText: rest, secretText: undefined }
    : { publicText: rest.slice(0, hash), secretText: rest.slice(hash + 1) };
}

/**
 * Finds the link in pasted text: the whole text (surrounding whitespace, quotes or angle
 * brackets and line breaks inside removed, as mail programs wrap long links), or else the
 * first link embedded in a longer message. `undefined` when there is none.
 */
export function extractLinkParts(text: string): LinkParts | undefined {
  let candidate = text.trim();
  const wrapped = /^(["'<`])([\s\S]*)(["'>`])$/.exec(candidate);
  if (wrapped && '"\'<`'.indexOf(wrapped[1] as string) === '"\'>`'.indexOf(wrapped[3] as string)) {
    candidate = (wrapped[2] as string).trim();
  }
  candidate = candidate.replace(/\s+/g, '');
  for (const prefix of [SCHEME_PREFIX, HTTPS_PREFIX]) {
    const match = prefix.exec(candidate);
    if (match) return splitAfterPrefix(candidate.slice(match[0].length));
  }
  const embedded = EMBEDDED.exec(text);
  if (embedded) return splitAfterPrefix(embedded[0].slice((embedded[1] as string).length));
  return undefined;
}

/**
 * A base64url fault at the end of a part that is shorter than the part must be is a link cut
 * off mid-character (cutting can leave a dangling character or non-zero spare bits); anything
 * else is a corrupted encoding.
 */
function isCutOff(
  fault: { readonly fault: Base64UrlFault; readonly decodedLength: number },
  expectedLength: number,
): 'truncated' | 'bad-encoding' {
  if (fault.fault === 'bad-character') return 'bad-encoding';
  return fault.decodedLength < expectedLength ? 'truncated' : 'bad-encoding';
}

/** The public part's own length field (bytes 1..2), read from its first four characters. */
function declaredLength(publicText: string): number {
  const head = fromBase64Url(publicText.slice(0, 4));
  if (!head.ok || head.bytes.length < 3) return Number.POSITIVE_INFINITY;
  return ((head.bytes[1] as number) << 8) | (head.bytes[2] as number);
}

function trySodium(): Sodium | undefined {
  try {
    return sodium();
  } catch {
    return undefined;
  }
}

/**
 * Parses and verifies an invite link: layout, inviter signature, that the secret part belongs
 * to the public part, and expiry against `now` (ms since the epoch). Checks that need the
 * case's state (is the inviter a member, was the invite used) are in case-checks.ts.
 * Requires `await sodiumReady()` beforehand (else 'crypto-not-ready').
 */
export function parseInviteLink(text: unknown, options: { readonly now: number }): ParseInviteLinkResult {
  if (typeof text !== 'string' || text.length > MAX_LINK_TEXT_CHARS) return inviteRefusal('not-a-link');
  const parts = extractLinkParts(text);
  if (!parts) return inviteRefusal('not-a-link');
  if (parts.publicText.length === 0) return inviteRefusal('truncated');

  const na = trySodium();
  if (!na) return inviteRefusal('crypto-not-ready');

  const publicBytes = fromBase64Url(parts.publicText);
  if (!publicBytes.ok) return inviteRefusal(isCutOff(publicBytes, declaredLength(parts.publicText)));
  const decoded = decodePublicPart(na, publicBytes.bytes);
  if (!decoded.ok) {
    return decoded.fault === 'unsupported-version'
      ? inviteRefusal('unsupported-version', { version: decoded.version })
      : inviteRefusal(decoded.fault);
  }
  const invite = decoded.invite;

  if (parts.secretText === undefined || parts.secretText.length === 0) return inviteRefusal('missing-secret');
  const secretBytes = fromBase64Url(parts.secretText);
  if (!secretBytes.ok) return inviteRefusal(isCutOff(secretBytes, SECRET_PART_BYTES));
  if (secretBytes.bytes.length < SECRET_PART_BYTES) return inviteRefusal('truncated');
  if (secretBytes.bytes.length > SECRET_PART_BYTES) return inviteRefusal('malformed');
  const caseKey = secretBytes.bytes.slice(0, CASE_KEY_BYTES);
  const inviteSecret = secretBytes.bytes.slice(CASE_KEY_BYTES);

  const proof = deriveProofKeyPair(na, inviteSecret);
  na.memzero(proof.privateKey);
  const caseKeyCheck = deriveCaseKeyCheck(na, caseKey, invite.inviteId);
  if (
    !constantTimeEqual(proof.publicKey, invite.proofKey) ||
    !constantTimeEqual(caseKeyCheck, invite.caseKeyCheck)
  ) {
    return inviteRefusal('secret-mismatch');
  }
  if (!(options.now < invite.expiresAt)) return inviteRefusal('expired', { expiresAt: invite.expiresAt });
  return { ok: true, invite: { ...invite, caseKey, inviteSecret } };
}

/** The canonical text of a link: `casepact://join/<public>#<secret>`. */
export function formatInviteLink(
  publicPart: Uint8Array,
  caseKey: Uint8Array,
  inviteSecret: Uint8Array,
): string {
  const secret = new Uint8Array(SECRET_PART_BYTES);
  secret.set(caseKey, 0);
  secret.set(inviteSecret, CASE_KEY_BYTES);
  const text = `${INVITE_LINK_PREFIX}${toBase64Url(publicPart)}#${toBase64Url(secret)}`;
  secret.fill(0);
  return text;
}
