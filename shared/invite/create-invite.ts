/**
 * Making an invite link. The inviter signs the public part; the secret part holds the case
 * key and a fresh invite secret. Whether the inviter's role may invite to the role offered is
 * checked by the caller against the case (case-checks.ts `checkInviterRights`) before signing,
 * and again by every admitting peer.
 */
import type { Sodium } from '../crypto/sodium';
import { sodium } from '../crypto/sodium';
import { parseMemberId } from '../identity/member-id';
import type { CaseGenesis } from '../signed/genesis';
import { checkGenesis } from '../signed/genesis';
import { fromHex, toHex } from './bytes';
import type { InviteRole } from './link-format';
import {
  CASE_KEY_BYTES,
  CASE_SALT_BYTES,
  deriveCaseKeyCheck,
  deriveProofKeyPair,
  encodePublicPart,
  INVITE_ID_BYTES,
  INVITE_ROLES,
  INVITE_SECRET_BYTES,
  isValidId,
  MAX_ID_BYTES,
  PUBLIC_KEY_BYTES,
} from './link-format';
import type { InviteLink } from './parse-link';
import { formatInviteLink } from './parse-link';

/** Longest lifetime an invite may have (a stale link in a mailbox should not open a case). */
export const MAX_INVITE_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;
/** Default lifetime: seven days, as the CLI's `--expires 7d`. */
export const DEFAULT_INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface CreateInviteInput {
  /** The case's genesis (shared/signed/genesis.ts): case id, founder member id, salt. */
  readonly genesis: CaseGenesis;
  /** The case's current 32-byte key (the current epoch's key after a rotation). */
  readonly caseKey: Uint8Array;
  readonly role: InviteRole;
  readonly party?: string | null;
  readonly singleUse: boolean;
  /** ms since the epoch. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** The inviter's Ed25519 identity: 32-byte public key and 64-byte libsodium secret key. */
  readonly inviter: { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array };
  /** Source of randomness for the invite id and secret; tests pass a seeded one for vectors. */
  readonly randomBytes?: (length: number) => Uint8Array;
}

export type CreateInviteResult =
  | { readonly ok: true; readonly link: string; readonly invite: InviteLink }
  | { readonly ok: false; readonly error: 'invalid-input'; readonly message: string };

function invalid(message: string): CreateInviteResult {
  return { ok: false, error: 'invalid-input', message };
}

function validate(input: CreateInviteInput): string | undefined {
  if (!isValidId(input.genesis?.caseId) || !checkGenesis(input.genesis).ok)
    return 'the case genesis is not valid';
  const party = input.party ?? null;
  if (party !== null && !isValidId(party))
    return `the party id must be 1 to ${MAX_ID_BYTES} bytes without control characters`;
  if (!INVITE_ROLES.includes(input.role)) return `the role must be one of ${INVITE_ROLES.join(', ')}`;
  if (!(input.caseKey instanceof Uint8Array) || input.caseKey.length !== CASE_KEY_BYTES) {
    return `the case key must be ${CASE_KEY_BYTES} bytes`;
  }
  if (input.inviter.publicKey.length !== PUBLIC_KEY_BYTES || input.inviter.secretKey.length !== 64) {
    return 'the inviter identity must be an Ed25519 key pair';
  }
  if (!Number.isSafeInteger(input.issuedAt) || input.issuedAt < 0)
    return 'the issue time must be a time in ms';
  if (!Number.isSafeInteger(input.expiresAt) || input.expiresAt <= input.issuedAt) {
    return 'the expiry must be after the issue time';
  }
  if (input.expiresAt - input.issuedAt > MAX_INVITE_LIFETIME_MS)
    return 'an invite may be valid for at most 90 days';
  return undefined;
}

/** Creates and signs an invite link. Requires `await sodiumReady()` beforehand. */
export function createInvite(input: CreateInviteInput): CreateInviteResult {
  const problem = validate(input);
  if (problem) return invalid(problem);
  const na: Sodium = sodium();
  const random = input.randomBytes ?? ((length: number) => na.randombytes_buf(length));
  const inviteId = toHex(random(INVITE_ID_BYTES));
  const inviteSecret = random(INVITE_SECRET_BYTES);
  const proof = deriveProofKeyPair(na, inviteSecret);
  na.memzero(proof.privateKey);
  const caseKey = input.caseKey.slice();
  const founder = parseMemberId(input.genesis.founder);
  const caseSalt = fromHex(input.genesis.salt, CASE_SALT_BYTES);
  if (!founder.ok || !caseSalt) return invalid('the case genesis is not valid');
  const fields = {
    caseId: input.genesis.caseId,
    founderKey: founder.value.publicKey,
    caseSalt,
    role: input.role,
    party: input.party ?? null,
    singleUse: input.singleUse,
    inviteId,
    issuedAt: input.issuedAt,
    expiresAt: input.expiresAt,
    inviterKey: input.inviter.publicKey.slice(),
    proofKey: proof.publicKey,
    caseKeyCheck: deriveCaseKeyCheck(na, caseKey, inviteId),
  };
  const publicPart = encodePublicPart(na, fields, input.inviter.secretKey);
  return {
    ok: true,
    link: formatInviteLink(publicPart, caseKey, inviteSecret),
    invite: { version: 1, ...fields, publicPart, caseKey, inviteSecret },
  };
}
