import { sodium } from '../crypto/sodium';
import { concatBytes, fromBase64, fromHex, toBase64, utf8 } from '../identity/bytes';
import type { Identity } from '../identity/identity';
import { parseMemberId } from '../identity/member-id';

/**
 * Agreement signatures (design.md §5, docs/signed-copy.md "Agreement signatures"): a member signs the
 * hash of the current terms.
 *
 *   message   = "casepact/agreement/v1" || 0x00 || caseId UTF-8 || 0x00 || termsHash (32 raw bytes)
 *   signature = Ed25519(member secret key, message), stored as padded standard base64
 *
 * The signature is recorded in the contract (agreements/<version>/signatures/<memberId>) by a signed
 * envelope; the pipeline verifies it on every peer before applying.
 */
const DOMAIN = utf8('casepact/agreement/v1\u0000');

export function agreementMessage(caseId: string, termsHash: Uint8Array): Uint8Array {
  return concatBytes(DOMAIN, utf8(caseId), new Uint8Array(1), termsHash);
}

/** Signs a terms hash (64 lowercase hex characters); returns the base64 signature. */
export function signTermsHash(identity: Identity, caseId: string, termsHashHex: string): string {
  const hash = fromHex(termsHashHex);
  if (hash?.length !== 32) throw new RangeError('a terms hash is 64 lowercase hex characters');
  return toBase64(sodium().crypto_sign_detached(agreementMessage(caseId, hash), identity.secretKey));
}

/** Verifies a stored agreement signature against the signer's member id; false for anything malformed. */
export function verifyTermsSignature(
  caseId: string,
  memberId: string,
  termsHashHex: unknown,
  signature: unknown,
): boolean {
  const member = parseMemberId(memberId);
  if (!member.ok || typeof termsHashHex !== 'string' || typeof signature !== 'string') return false;
  const hash = fromHex(termsHashHex);
  const sig = fromBase64(signature);
  if (hash?.length !== 32 || !sig || sig.length !== 64) return false;
  try {
    return sodium().crypto_sign_verify_detached(sig, agreementMessage(caseId, hash), member.value.publicKey);
  } catch {
    return false;
  }
}
