import { sodium } from '../crypto/sodium';
import { toBase32 } from '../identity/base32';
import { concatBytes, fromHex, toHex, utf8 } from '../identity/bytes';
import type { MemberId } from '../identity/member-id';
import { parseMemberId } from '../identity/member-id';
import type { Result } from '../identity/result';
import { err, ok } from '../identity/result';

/**
 * What makes a case id: its founder's key and a random salt (docs/envelope.md "Case ids").
 *
 *   caseId = "c" + base32(BLAKE2b-256("casepact/case-id/v1" || founderPublicKey || salt)[0..15])
 *
 * Only the founder can bootstrap the case (write into an empty document), and nobody can present
 * a different history under the same case id with another founder.
 */
export interface CaseGenesis {
  readonly caseId: string;
  readonly founder: MemberId;
  /** 16 random bytes, lowercase hex. */
  readonly salt: string;
}

const DOMAIN = utf8('casepact/case-id/v1');

export type GenesisError = { readonly code: 'genesis-invalid'; readonly message: string };

function deriveCaseId(publicKey: Uint8Array, salt: Uint8Array): string {
  const digest = sodium().crypto_generichash(32, concatBytes(DOMAIN, publicKey, salt), null);
  return `c${toBase32(digest.subarray(0, 15))}`;
}

/** A new case's genesis for its founder (`salt` given only by test vectors). */
export function newGenesis(founder: MemberId, salt: Uint8Array = sodium().randombytes_buf(16)): CaseGenesis {
  const parsed = parseMemberId(founder);
  if (!parsed.ok) throw new RangeError(parsed.error.message);
  if (salt.length !== 16) throw new RangeError('a case salt has 16 bytes');
  return { caseId: deriveCaseId(parsed.value.publicKey, salt), founder, salt: toHex(salt) };
}

/** Checks that the case id really derives from founder and salt. */
export function checkGenesis(value: unknown): Result<CaseGenesis, GenesisError> {
  const bad = (message: string) => err<GenesisError>({ code: 'genesis-invalid', message });
  if (typeof value !== 'object' || value === null) return bad('the case genesis is missing');
  const { caseId, founder, salt } = value as Record<string, unknown>;
  if (typeof caseId !== 'string' || typeof founder !== 'string' || typeof salt !== 'string') {
    return bad('the case genesis needs caseId, founder and salt');
  }
  const parsed = parseMemberId(founder);
  if (!parsed.ok) return bad(`the case founder is not a member id: ${parsed.error.message}`);
  const saltBytes = fromHex(salt);
  if (saltBytes?.length !== 16) return bad('the case salt must be 32 hex characters');
  if (deriveCaseId(parsed.value.publicKey, saltBytes) !== caseId) {
    return bad('the case id does not derive from its founder key and salt');
  }
  return ok({ caseId, founder: parsed.value.id, salt });
}
