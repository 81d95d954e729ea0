/**
 * The invite checks' view of a contract document (case-checks.ts `InviteCaseView`), read
 * through the contract's own readers and rights table so invites and commands agree.
 */
import type * as Y from 'yjs';
import { entityMap, parseMember, readAll, readParties, str } from '../contract/read';
import { mayInvite } from '../contract/rights';
import { roots } from '../contract/schema';
import { memberIdFromPublicKey } from '../identity/member-id';
import { parseStoredAdmission } from './admission';
import type { InviteCaseView, InviteMemberView } from './case-checks';
import type { InviteRole } from './link-format';

/** Field of a member record that holds its StoredAdmission (written when joining by invite). */
export const MEMBER_INVITE_FIELD = 'invite';

/** An admission found in the document, with the member that holds it. */
export interface DocAdmission {
  readonly memberId: string;
  readonly inviteId: string;
  readonly singleUse: boolean;
  readonly admissionId: string;
}

/** Every well-formed admission recorded on a member record. */
export function readAdmissions(doc: Y.Doc): DocAdmission[] {
  const out: DocAdmission[] = [];
  const members = roots(doc).members;
  for (const memberId of members.keys()) {
    const record = entityMap(members, memberId);
    const admission = record && parseStoredAdmission(record.get(MEMBER_INVITE_FIELD));
    if (admission) out.push({ memberId, ...admission });
  }
  return out.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

/** The document as the invite checks see it, as of now (read lazily on each call). */
export function inviteCaseViewFromDoc(doc: Y.Doc): InviteCaseView {
  const r = roots(doc);
  const memberById = (id: string): InviteMemberView | undefined => {
    const record = entityMap(r.members, id);
    const member = record && parseMember(id, record);
    return (
      member && {
        id,
        role: member.role,
        party: member.party,
        status: member.status,
        removedAt: member.removedAt,
      }
    );
  };
  return {
    caseId: str(r.caseMap, 'id') ?? '',
    memberByKey: (publicKey) =>
      publicKey.length === 32 ? memberById(memberIdFromPublicKey(publicKey)) : undefined,
    resolveParty: (party: string | null, role: InviteRole) => {
      const parties = readParties(r);
      if (party !== null) return parties.find((p) => p.id === party && p.role === role)?.id;
      const withRole = parties.filter((p) => p.role === role);
      return withRole.length === 1 ? withRole[0]?.id : undefined;
    },
    isInviteUsedByOther: (inviteId, joinerKey) => {
      const joinerId = joinerKey && joinerKey.length === 32 ? memberIdFromPublicKey(joinerKey) : undefined;
      return readAdmissions(doc).some(
        (a) => a.singleUse && a.inviteId === inviteId && a.memberId !== joinerId,
      );
    },
    mayInvite: (inviter, _offered, party) =>
      inviter.status === 'active' &&
      mayInvite({ memberId: inviter.id, partyId: inviter.party, role: inviter.role }, party),
  };
}

/** Active members' ids (for the CLI and rotation recipients). */
export function activeMemberIds(doc: Y.Doc): string[] {
  return readAll(roots(doc).members, parseMember)
    .filter((member) => member.status === 'active')
    .map((member) => member.id);
}
