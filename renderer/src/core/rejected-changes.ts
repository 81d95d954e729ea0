import type { ContractSnapshot } from '../../../shared/contract/views';
import type { QuarantineEntry } from '../../../shared/signed/pipeline';
import { REASON_TEXT } from '../../../shared/signed/policy';
import type { RejectedChange } from './case-session';

/** Names the author of a refused change when it is a known member; the reason in a sentence. */
export function describeRejected(entry: QuarantineEntry, snapshot: ContractSnapshot): RejectedChange {
  const member = snapshot.parties.flatMap((party) => party.members).find((m) => m.id === entry.author);
  return {
    id: entry.key,
    author: entry.author ?? null,
    authorName: member ? `${member.displayName} (${member.organisation})` : null,
    at: entry.timestamp ?? entry.refusedAt,
    reason: `This change ${REASON_TEXT[entry.reason]}, so it was not applied to your copy.`,
    code: entry.reason,
  };
}
