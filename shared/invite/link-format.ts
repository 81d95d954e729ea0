/**
 * Invite link v1: the binary layout of the public part and the derivations that bind the
 * secret part to it. docs/invite-link.md is the long form; test/vectors/invite-link-v1.json
 * pins it. Changing anything here is a new link version.
 *
 * Public part (all integers big-endian):
 *   0    u8    version (1)
 *   1    u16   total length of the public part in bytes
 *   3    32    inviter Ed25519 public key
 *   35   64    Ed25519 signature by the inviter over SIGNATURE_DOMAIN ‖ bytes[0..35) ‖ bytes[99..end)
 *   99   u8    role offered (1 customer, 2 provider, 3 partner, 4 observer)
 *   100  u8    flags (bit 0 single-use, bit 1 party present; other bits 0)
 *   101  16    invite id (random)
 *   117  u64   issued at, ms since the Unix epoch
 *   125  u64   expires at, ms since the Unix epoch
 *   133  32    proof public key: Ed25519 key derived from the invite secret
 *   165  16    case key check: BLAKE2b-128 keyed by the case key over CASE_KEY_CHECK_DOMAIN ‖ invite id
 *   181  32    case founder's Ed25519 public key  } the case genesis (shared/signed/genesis.ts):
 *   213  16    case salt                          } case id = derive(founder, salt)
 *   229  u8+n  case id, UTF-8 (1..MAX_ID_BYTES)
 *        u8+n  party id, UTF-8 (1..MAX_ID_BYTES), only when flag bit 1 is set
 *
 * Secret part (only in the URL fragment): case key (32 bytes) ‖ invite secret (32 bytes).
 *
 * The signature comes before the fields so that any altered byte after the header is reported
 * as a bad signature before anything else looks at it. The genesis lets a joiner verify the
 * case's whole signed log from the link alone (parse-link.ts checks it derives the case id).
 */
import type { Sodium } from '../crypto/sodium';
import type { MemberId } from '../identity/member-id';
import { memberIdFromPublicKey } from '../identity/member-id';
import type { CaseGenesis } from '../signed/genesis';
import { checkGenesis } from '../signed/genesis';
import { ByteReader, ByteWriter, concatBytes, encodeUtf8, toHex } from './bytes';

export const INVITE_LINK_VERSION = 1;
export const SIGNATURE_DOMAIN = encodeUtf8('casepact/invite-link/v1\0');
export const PROOF_SEED_DOMAIN = encodeUtf8('casepact/invite-link/v1/proof-seed');
export const CASE_KEY_CHECK_DOMAIN = encodeUtf8('casepact/invite-link/v1/case-key-check');

export const CASE_KEY_BYTES = 32;
export const INVITE_SECRET_BYTES = 32;
export const SECRET_PART_BYTES = CASE_KEY_BYTES + INVITE_SECRET_BYTES;
export const INVITE_ID_BYTES = 16;
export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;
export const CASE_KEY_CHECK_BYTES = 16;
export const CASE_SALT_BYTES = 16;
/** Longest case or party id a link carries, in UTF-8 bytes. */
export const MAX_ID_BYTES = 128;

const HEADER_BYTES = 1 + 2 + PUBLIC_KEY_BYTES; // version, length, inviter key
const SIGNED_HEADER_END = HEADER_BYTES;
const BODY_START = HEADER_BYTES + SIGNATURE_BYTES;
/** Smallest valid public part: fixed fields plus a one-byte case id. */
export const MIN_PUBLIC_PART_BYTES =
  BODY_START +
  1 +
  1 +
  INVITE_ID_BYTES +
  8 +
  8 +
  PUBLIC_KEY_BYTES +
  CASE_KEY_CHECK_BYTES +
  PUBLIC_KEY_BYTES +
  CASE_SALT_BYTES +
  2;
export const MAX_PUBLIC_PART_BYTES = MIN_PUBLIC_PART_BYTES - 1 + MAX_ID_BYTES + 1 + MAX_ID_BYTES;

/** The roles an invite can offer (same strings as the contract's Role). */
export type InviteRole = 'customer' | 'provider' | 'partner' | 'observer';
export const INVITE_ROLES: readonly InviteRole[] = ['customer', 'provider', 'partner', 'observer'];
const ROLE_CODES: Readonly<Record<InviteRole, number>> = {
  customer: 1,
  provider: 2,
  partner: 3,
  observer: 4,
};

const FLAG_SINGLE_USE = 1;
const FLAG_HAS_PARTY = 2;
const KNOWN_FLAGS = FLAG_SINGLE_USE | FLAG_HAS_PARTY;

/** What the public part says, once its signature has been checked. */
export interface InviteTerms {
  readonly caseId: string;
  /** The case founder's identity key and the case salt: the genesis the case id derives from. */
  readonly founderKey: Uint8Array;
  readonly caseSalt: Uint8Array;
  readonly role: InviteRole;
  /** Party the invitee joins; `null` lets the admitting member or the invitee's role decide. */
  readonly party: string | null;
  readonly singleUse: boolean;
  /** Lowercase hex of the 16-byte invite id; recorded in the case when the invite is used. */
  readonly inviteId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** A verified public part: terms plus the keys and bytes later checks need. */
export interface InvitePublic extends InviteTerms {
  readonly version: 1;
  readonly inviterKey: Uint8Array;
  readonly proofKey: Uint8Array;
  readonly caseKeyCheck: Uint8Array;
  /** The exact bytes as signed, for forwarding in a join request. */
  readonly publicPart: Uint8Array;
}

/** The fields a new public part is made from (keys already derived). */
export interface PublicPartFields extends InviteTerms {
  readonly inviterKey: Uint8Array;
  readonly proofKey: Uint8Array;
  readonly caseKeyCheck: Uint8Array;
}

/** Bytes the inviter signs: everything but the signature, behind a domain tag. */
function signedBytes(publicPart: Uint8Array): Uint8Array {
  return concatBytes(
    SIGNATURE_DOMAIN,
    publicPart.subarray(0, SIGNED_HEADER_END),
    publicPart.subarray(BODY_START),
  );
}

function inviteIdBytes(inviteId: string): Uint8Array {
  const out = new Uint8Array(INVITE_ID_BYTES);
  for (let i = 0; i < INVITE_ID_BYTES; i++) out[i] = Number.parseInt(inviteId.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Encodes and signs a public part. Inputs are validated by create-invite.ts. */
export function encodePublicPart(
  na: Sodium,
  fields: PublicPartFields,
  inviterSecretKey: Uint8Array,
): Uint8Array {
  const body = new ByteWriter()
    .u8(ROLE_CODES[fields.role])
    .u8((fields.singleUse ? FLAG_SINGLE_USE : 0) | (fields.party === null ? 0 : FLAG_HAS_PARTY))
    .bytes(inviteIdBytes(fields.inviteId))
    .u64(fields.issuedAt)
    .u64(fields.expiresAt)
    .bytes(fields.proofKey)
    .bytes(fields.caseKeyCheck)
    .bytes(fields.founderKey)
    .bytes(fields.caseSalt)
    .shortString(fields.caseId);
  if (fields.party !== null) body.shortString(fields.party);
  const bodyBytes = body.finish();
  const length = BODY_START + bodyBytes.length;
  const header = new ByteWriter().u8(INVITE_LINK_VERSION).u16(length).bytes(fields.inviterKey).finish();
  const unsigned = concatBytes(header, new Uint8Array(SIGNATURE_BYTES), bodyBytes);
  const signature = na.crypto_sign_detached(signedBytes(unsigned), inviterSecretKey);
  unsigned.set(signature, HEADER_BYTES);
  return unsigned;
}

/** Why a public part was refused, before any secret is looked at. */
export type PublicPartFault =
  | { readonly fault: 'truncated' }
  | { readonly fault: 'unsupported-version'; readonly version: number }
  | { readonly fault: 'malformed' }
  | { readonly fault: 'bad-signature' };

/** Highest version byte read as "a future version" rather than as garbage. */
const MAX_PLAUSIBLE_VERSION = 31;

/**
 * Checks the layout and the inviter's signature, then reads the fields. Never throws: every
 * refusal is a {@link PublicPartFault}.
 */
export function decodePublicPart(
  na: Sodium,
  bytes: Uint8Array,
): { readonly ok: true; readonly invite: InvitePublic } | ({ readonly ok: false } & PublicPartFault) {
  const version = bytes[0];
  if (version === undefined) return { ok: false, fault: 'truncated' };
  if (version !== INVITE_LINK_VERSION) {
    return version > 1 && version <= MAX_PLAUSIBLE_VERSION
      ? { ok: false, fault: 'unsupported-version', version }
      : { ok: false, fault: 'malformed' };
  }
  if (bytes.length < 3) return { ok: false, fault: 'truncated' };
  const declared = ((bytes[1] as number) << 8) | (bytes[2] as number);
  if (declared < MIN_PUBLIC_PART_BYTES || declared > MAX_PUBLIC_PART_BYTES)
    return { ok: false, fault: 'malformed' };
  if (bytes.length < declared) return { ok: false, fault: 'truncated' };
  if (bytes.length > declared) return { ok: false, fault: 'malformed' };

  const inviterKey = bytes.slice(3, SIGNED_HEADER_END);
  const signature = bytes.subarray(HEADER_BYTES, BODY_START);
  let valid = false;
  try {
    valid = na.crypto_sign_verify_detached(signature, signedBytes(bytes), inviterKey);
  } catch {
    valid = false; // libsodium throws on keys that are not curve points: same meaning
  }
  if (!valid) return { ok: false, fault: 'bad-signature' };

  const reader = new ByteReader(bytes.subarray(BODY_START));
  const roleCode = reader.u8();
  const flags = reader.u8();
  const inviteId = reader.bytes(INVITE_ID_BYTES);
  const issuedAt = reader.u64();
  const expiresAt = reader.u64();
  const proofKey = reader.bytes(PUBLIC_KEY_BYTES);
  const caseKeyCheck = reader.bytes(CASE_KEY_CHECK_BYTES);
  const founderKey = reader.bytes(PUBLIC_KEY_BYTES);
  const caseSalt = reader.bytes(CASE_SALT_BYTES);
  const caseId = reader.shortString();
  const role = INVITE_ROLES.find((candidate) => ROLE_CODES[candidate] === roleCode);
  if (
    flags === undefined ||
    (flags & ~KNOWN_FLAGS) !== 0 ||
    !role ||
    !inviteId ||
    issuedAt === undefined ||
    expiresAt === undefined ||
    expiresAt <= issuedAt ||
    !proofKey ||
    !caseKeyCheck ||
    !founderKey ||
    !caseSalt ||
    !isValidId(caseId)
  ) {
    return { ok: false, fault: 'malformed' };
  }
  let party: string | null = null;
  if (flags & FLAG_HAS_PARTY) {
    const read = reader.shortString();
    if (!isValidId(read)) return { ok: false, fault: 'malformed' };
    party = read;
  }
  if (reader.remaining !== 0) return { ok: false, fault: 'malformed' };
  if (!genesisOfInvite({ caseId, founderKey, caseSalt })) return { ok: false, fault: 'malformed' };
  return {
    ok: true,
    invite: {
      version: 1,
      caseId,
      founderKey,
      caseSalt,
      role,
      party,
      singleUse: (flags & FLAG_SINGLE_USE) !== 0,
      inviteId: toHex(inviteId),
      issuedAt,
      expiresAt,
      inviterKey,
      proofKey,
      caseKeyCheck,
      publicPart: bytes.slice(),
    },
  };
}

/**
 * The case genesis an invite carries, once checked: the case id must derive from the founder
 * key and salt, so a joiner can verify the case's signed log knowing nothing but the link.
 */
export function genesisOfInvite(
  invite: Pick<InviteTerms, 'caseId' | 'founderKey' | 'caseSalt'>,
): CaseGenesis | undefined {
  let founder: MemberId;
  try {
    founder = memberIdFromPublicKey(invite.founderKey);
  } catch {
    return undefined;
  }
  const checked = checkGenesis({ caseId: invite.caseId, founder, salt: toHex(invite.caseSalt) });
  return checked.ok ? checked.value : undefined;
}

/** A case or party id a link may carry: 1..MAX_ID_BYTES UTF-8 bytes, no control characters. */
export function isValidId(value: string | undefined): value is string {
  if (value === undefined || value.length === 0) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return false;
  return encodeUtf8(value).length <= MAX_ID_BYTES;
}

/** The Ed25519 key pair whose secret half proves possession of the invite secret. */
export function deriveProofKeyPair(
  na: Sodium,
  inviteSecret: Uint8Array,
): { publicKey: Uint8Array; privateKey: Uint8Array } {
  const seed = na.crypto_generichash(32, PROOF_SEED_DOMAIN, inviteSecret);
  const pair = na.crypto_sign_seed_keypair(seed);
  na.memzero(seed);
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/** Commitment to the case key, bound to one invite so two links of a case do not share it. */
export function deriveCaseKeyCheck(na: Sodium, caseKey: Uint8Array, inviteId: string): Uint8Array {
  return na.crypto_generichash(
    CASE_KEY_CHECK_BYTES,
    concatBytes(CASE_KEY_CHECK_DOMAIN, inviteIdBytes(inviteId)),
    caseKey,
  );
}
