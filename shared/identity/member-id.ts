import { sodium } from '../crypto/sodium';
import { fromBase32, toBase32 } from './base32';
import { concatBytes, equalBytes, utf8 } from './bytes';
import type { Result } from './result';
import { err, ok } from './result';

/**
 * A member id is the readable form of an Ed25519 public key (design.md §3: "the public key, in a
 * readable encoding, is the identity's id"):
 *
 *   "cp" + base32(publicKey[32] || checksum[3])          (56 base32 characters, 58 in all)
 *   checksum = BLAKE2b-256("casepact/member-id/v1" || publicKey)[0..3]
 *
 * The checksum catches a mistyped or truncated id before it is looked up anywhere.
 */
export type MemberId = string & { readonly __memberId: unique symbol };

export const MEMBER_ID_PREFIX = 'cp';
const MEMBER_ID_LENGTH = 58;
const CHECKSUM_DOMAIN = utf8('casepact/member-id/v1');
const FINGERPRINT_DOMAIN = utf8('casepact/fingerprint/v1');

export type MemberIdError =
  | { readonly code: 'member-id-shape'; readonly message: string }
  | { readonly code: 'member-id-checksum'; readonly message: string };

function checksum(publicKey: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(32, concatBytes(CHECKSUM_DOMAIN, publicKey), null).subarray(0, 3);
}

/** Encodes a 32-byte Ed25519 public key as its member id. */
export function memberIdFromPublicKey(publicKey: Uint8Array): MemberId {
  if (publicKey.length !== 32) throw new RangeError('an Ed25519 public key has 32 bytes');
  return `${MEMBER_ID_PREFIX}${toBase32(concatBytes(publicKey, checksum(publicKey)))}` as MemberId;
}

/** Parses a member id back to its public key; a typed error for any other text. */
export function parseMemberId(text: string): Result<{ id: MemberId; publicKey: Uint8Array }, MemberIdError> {
  if (text.length !== MEMBER_ID_LENGTH || !text.startsWith(MEMBER_ID_PREFIX)) {
    return err({
      code: 'member-id-shape',
      message: `a member id is "${MEMBER_ID_PREFIX}" followed by 56 base32 characters`,
    });
  }
  const raw = fromBase32(text.slice(MEMBER_ID_PREFIX.length));
  if (raw?.length !== 35) {
    return err({ code: 'member-id-shape', message: 'a member id uses only the characters a-z and 2-7' });
  }
  const publicKey = raw.slice(0, 32);
  if (!equalBytes(raw.subarray(32), checksum(publicKey))) {
    return err({ code: 'member-id-checksum', message: 'the member id is mistyped (checksum mismatch)' });
  }
  return ok({ id: text as MemberId, publicKey });
}

/** True when the text is a well-formed member id. */
export function isMemberId(text: unknown): text is MemberId {
  return typeof text === 'string' && parseMemberId(text).ok;
}

/**
 * The short fingerprint people compare aloud or on screen, e.g. "K7QM-2XHA-PD4T-W3NB" (80 bits):
 * base32 of BLAKE2b-256("casepact/fingerprint/v1" || publicKey)[0..10], upper case, groups of four.
 */
export function fingerprint(publicKey: Uint8Array): string {
  const digest = sodium().crypto_generichash(32, concatBytes(FINGERPRINT_DOMAIN, publicKey), null);
  const text = toBase32(digest.subarray(0, 10)).toUpperCase();
  return text.match(/.{4}/g)?.join('-') ?? text;
}

/** Fingerprint of a member id; undefined when the id does not parse. */
export function fingerprintOfMemberId(id: string): string | undefined {
  const parsed = parseMemberId(id);
  return parsed.ok ? fingerprint(parsed.value.publicKey) : undefined;
}
