/**
 * A proposal's status is derived from its fields rather than stored, so concurrent answers from
 * different peers merge into one well-defined status: applied > withdrawn > rejected > countered >
 * accepted (every touched party accepted, not applied yet) > pending.
 */
import type { StoredProposal } from './read-negotiation';
import type { ProposalStatus } from './views';

export function proposalStatus(p: StoredProposal): ProposalStatus {
  if (p.appliedAt !== null) return 'applied';
  if (p.withdrawnAt !== null) return 'withdrawn';
  const verdicts = p.touched.map((party) => p.responses.get(party)?.verdict);
  if (verdicts.includes('rejected')) return 'rejected';
  if (verdicts.includes('countered')) return 'countered';
  return verdicts.every((v) => v === 'accepted') ? 'accepted' : 'pending';
}
