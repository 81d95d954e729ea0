/**
 * Making and verifying join handshake messages (formats in join-messages.ts).
 *
 * Transcript signed by both the invite's proof key and the joiner's identity key, each behind
 * its own domain tag:
 *   BLAKE2b-256(invite public part) ‖ joiner key ‖ u8+name ‖ u8+organisation ‖ u64 requestedAt ‖ nonce
 * Proving with a signature, not a MAC, means the admitting member never needs the invite
 * secret, and every later peer can check the proof stored with the admission.
 */
import type { Sodium } from '../crypto/sodium';
import { openSealedCaseKey, sealCaseKey } from '../membership/sealed-key';
import { ByteWriter, concatBytes, constantTimeEqual, encodeUtf8, utf8Length } from './bytes';
import { inviteRefusal } from './link-errors';
import type { InviteRefusal } from './link-errors';
import type { InvitePublic } from './link-format';
import { decodePublicPart, deriveProofKeyPair } from './link-format';
import type { JoinAdmitted, JoinRefusalCode, JoinRefused, JoinRequest } from './join-messages';
import { encodeJoinMessage, MAX_NAME_BYTES, NONCE_BYTES, responseSignedBytes } from './join-messages';
import type { InviteLink } from './parse-link';

export const PROOF_DOMAIN = encodeUtf8('casepact/join-request/v1/proof\0');
export const IDENTITY_DOMAIN = encodeUtf8('casepact/join-request/v1/identity\0');
export const RESPONSE_DOMAIN = encodeUtf8('casepact/join-response/v1\0');

/** The joiner's identity as it presents itself (64-byte libsodium Ed25519 secret key). */
export interface JoinerIdentity {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
  readonly displayName: string;
  readonly organisation: string;
}

function transcript(na: Sodium, request: Omit<JoinRequest, 'proof' | 'identitySignature'>): Uint8Array {
  return new ByteWriter()
    .bytes(na.crypto_generichash(32, request.invite, null))
    .bytes(request.joinerKey)
    .shortString(request.displayName)
    .shortString(request.organisation)
    .u64(request.requestedAt)
    .bytes(request.nonce)
    .finish();
}

function verifies(na: Sodium, signature: Uint8Array, message: Uint8Array, key: Uint8Array): boolean {
  try {
    return na.crypto_sign_verify_detached(signature, message, key);
  } catch {
    return false; // a key that is not a curve point: simply not valid
  }
}

export type CreateJoinRequestResult =
  | { readonly ok: true; readonly request: JoinRequest; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly error: 'invalid-input'; readonly message: string };

/** The joiner's side: proves possession of the invite and of its identity. */
export function createJoinRequest(
  na: Sodium,
  invite: InviteLink,
  joiner: JoinerIdentity,
  options: { readonly now: number; readonly nonce?: Uint8Array },
): CreateJoinRequestResult {
  for (const [label, value] of [
    ['display name', joiner.displayName],
    ['organisation', joiner.organisation],
  ] as const) {
    if (value.trim().length === 0 || utf8Length(value) > MAX_NAME_BYTES) {
      return {
        ok: false,
        error: 'invalid-input',
        message: `the ${label} must be 1 to ${MAX_NAME_BYTES} bytes`,
      };
    }
  }
  const unsigned = {
    v: 1 as const,
    type: 'join-request' as const,
    invite: invite.publicPart,
    joinerKey: joiner.publicKey,
    displayName: joiner.displayName,
    organisation: joiner.organisation,
    requestedAt: options.now,
    nonce: options.nonce ?? na.randombytes_buf(NONCE_BYTES),
  };
  const signed = transcript(na, unsigned);
  const proofKeys = deriveProofKeyPair(na, invite.inviteSecret);
  const proof = na.crypto_sign_detached(concatBytes(PROOF_DOMAIN, signed), proofKeys.privateKey);
  na.memzero(proofKeys.privateKey);
  const identitySignature = na.crypto_sign_detached(concatBytes(IDENTITY_DOMAIN, signed), joiner.secretKey);
  const request: JoinRequest = { ...unsigned, proof, identitySignature };
  return { ok: true, request, bytes: encodeJoinMessage(request) };
}

/** The admission id of a request: BLAKE2b-256 of its encoding (lowest wins a tie, admission.ts). */
export function joinRequestHash(na: Sodium, request: JoinRequest): Uint8Array {
  return na.crypto_generichash(32, encodeJoinMessage(request), null);
}

export type VerifyJoinRequestResult =
  | { readonly ok: true; readonly invite: InvitePublic; readonly requestHash: Uint8Array }
  | InviteRefusal<'bad-request' | 'unsupported-version' | 'expired'>;

/**
 * Checks what a join request proves by itself: the inviter's signature on the invite, the
 * proof by the invite's key and the identity signature. Expiry and case state are checked by
 * admission.ts, at the admitting member's time.
 */
export function verifyJoinRequest(na: Sodium, request: JoinRequest): VerifyJoinRequestResult {
  const decoded = decodePublicPart(na, request.invite);
  if (!decoded.ok) {
    return decoded.fault === 'unsupported-version'
      ? inviteRefusal('unsupported-version', { version: decoded.version })
      : inviteRefusal('bad-request');
  }
  const signed = transcript(na, request);
  if (
    request.nonce.length !== NONCE_BYTES ||
    !verifies(na, request.proof, concatBytes(PROOF_DOMAIN, signed), decoded.invite.proofKey) ||
    !verifies(na, request.identitySignature, concatBytes(IDENTITY_DOMAIN, signed), request.joinerKey)
  ) {
    return inviteRefusal('bad-request');
  }
  if (request.requestedAt >= decoded.invite.expiresAt) {
    return inviteRefusal('expired', { expiresAt: decoded.invite.expiresAt });
  }
  return { ok: true, invite: decoded.invite, requestHash: joinRequestHash(na, request) };
}

/** An admitting member's identity (64-byte libsodium Ed25519 secret key). */
export interface AdmitterIdentity {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

function signResponse<M extends JoinAdmitted | JoinRefused>(
  na: Sodium,
  unsigned: M,
  admitter: AdmitterIdentity,
): M {
  const encoded = encodeJoinMessage(unsigned);
  const signature = na.crypto_sign_detached(
    concatBytes(RESPONSE_DOMAIN, responseSignedBytes(encoded)),
    admitter.secretKey,
  );
  return { ...unsigned, signature };
}

/**
 * The admitting member's answer once the membership change is written: the current case key
 * (after any rotation) sealed to the joiner. `undefined` when the joiner's key is not a valid
 * Ed25519 point (verifyJoinRequest already refuses those).
 */
export function createJoinAdmitted(
  na: Sodium,
  request: JoinRequest,
  admitter: AdmitterIdentity,
  current: { readonly caseId: string; readonly epoch: number; readonly caseKey: Uint8Array },
): JoinAdmitted | undefined {
  const sealedCaseKey = sealCaseKey(na, current.caseKey, request.joinerKey, current);
  if (!sealedCaseKey) return undefined;
  return signResponse(
    na,
    {
      v: 1,
      type: 'join-admitted',
      requestHash: joinRequestHash(na, request),
      admitterKey: admitter.publicKey,
      epoch: current.epoch,
      sealedCaseKey,
      signature: new Uint8Array(64),
    },
    admitter,
  );
}

export function createJoinRefused(
  na: Sodium,
  request: JoinRequest,
  admitter: AdmitterIdentity,
  reason: JoinRefusalCode,
): JoinRefused {
  return signResponse(
    na,
    {
      v: 1,
      type: 'join-refused',
      requestHash: joinRequestHash(na, request),
      admitterKey: admitter.publicKey,
      reason,
      signature: new Uint8Array(64),
    },
    admitter,
  );
}

/**
 * The joiner's check of a response: that it answers its own request and is signed by the key
 * it names. Whether that key is a member allowed to admit is known only once the joiner has
 * verified the case's log (the response is a hint; the contract is the truth).
 * For 'join-admitted', also opens the sealed case key.
 */
export function verifyJoinResponse(
  na: Sodium,
  response: JoinAdmitted | JoinRefused,
  request: JoinRequest,
  joiner: JoinerIdentity,
  caseId: string,
): { readonly ok: true; readonly caseKey?: Uint8Array } | { readonly ok: false } {
  const encoded = encodeJoinMessage(response);
  if (
    !constantTimeEqual(response.requestHash, joinRequestHash(na, request)) ||
    !verifies(
      na,
      response.signature,
      concatBytes(RESPONSE_DOMAIN, responseSignedBytes(encoded)),
      response.admitterKey,
    )
  ) {
    return { ok: false };
  }
  if (response.type === 'join-refused') return { ok: true };
  const caseKey = openSealedCaseKey(na, response.sealedCaseKey, joiner, { caseId, epoch: response.epoch });
  return caseKey ? { ok: true, caseKey } : { ok: false };
}
