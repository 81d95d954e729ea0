import { recordSignature } from '../contract/agreements';
import type { Result } from '../contract/result';
import { hashTerms, selectTerms } from '../contract/terms';
import { signTermsHash } from './agreement';
import type { CaseReplica } from './replica';

/**
 * Signs the current terms (design.md §5): the member's Ed25519 signature on the terms hash is
 * recorded in the contract by recordSignature, itself a signed envelope.
 */
export function signCurrentTerms(
  replica: CaseReplica,
): Result<{ readonly version: number; readonly agreed: boolean; readonly termsHash: string }> {
  const identity = replica.identity;
  if (!identity) return { ok: false, error: 'not-a-member', message: 'a read-only replica cannot sign' };
  const terms = selectTerms(replica.contract);
  if (!terms) return { ok: false, error: 'no-case', message: 'this document holds no case yet' };
  const termsHash = hashTerms(terms);
  const signature = signTermsHash(identity, replica.caseId, termsHash);
  const result = replica.run((ctx) => recordSignature(ctx, { termsHash, signature }));
  return result.ok ? { ok: true, value: { ...result.value, termsHash } } : result;
}
