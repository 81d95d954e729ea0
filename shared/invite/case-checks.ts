/**
 * Checks of an invite that need the case's state. The link alone proves who signed it and
 * what it offers (parse-link.ts); only the case knows whether that signer is a member allowed
 * to invite to that role, whether a single-use invite was already used, and whether the
 * person joining already belongs to the case. The joiner runs these once it has synced the
 * case; every admitting member runs them before admitting (admission.ts), and every peer runs
 * them again on the admission it receives.
 */
import { inviteRefusal } from './link-errors';
import type { InviteRefusal } from './link-errors';
import type { InvitePublic, InviteRole } from './link-format';

/** What the checks need to know about one member record. */
export interface InviteMemberView {
  readonly role: InviteRole;
  readonly party: string | null;
  readonly status: 'active' | 'removed';
}

/**
 * The case as the invite checks see it. Built from the contract document by an adapter
 * (membership-view.ts), or from plain data in tests. Public keys are raw 32-byte Ed25519 keys;
 * the adapter maps them to the contract's member ids.
 */
export interface InviteCaseView {
  readonly caseId: string;
  /** The member record of this identity key, whether active or removed. */
  memberByKey(publicKey: Uint8Array): InviteMemberView | undefined;
  hasParty(partyId: string): boolean;
  /**
   * Whether a single-use invite already admitted someone other than `joinerKey` (the
   * admission that wins the tie-break of admission.ts counts, a losing one does not).
   */
  isInviteUsedByOther(inviteId: string, joinerKey: Uint8Array | undefined): boolean;
  /** The rights table's answer (shared/contract/rights.ts): may this member invite to `offered`? */
  mayInvite(inviter: InviteMemberView, offered: InviteRole): boolean;
}

export type InviteCaseCheckCode =
  | 'wrong-case'
  | 'already-member'
  | 'removed-member'
  | 'inviter-not-member'
  | 'inviter-not-allowed'
  | 'unknown-party'
  | 'already-used';

export type InviteCaseCheckResult = { readonly ok: true } | InviteRefusal<InviteCaseCheckCode>;

/**
 * May the inviter issue this invite? Used before signing a new link and, through
 * {@link checkInviteForCase}, whenever a link is used.
 */
export function checkInviterRights(
  view: InviteCaseView,
  inviterKey: Uint8Array,
  offered: InviteRole,
  party: string | null,
): InviteCaseCheckResult {
  const inviter = view.memberByKey(inviterKey);
  if (inviter?.status !== 'active') return inviteRefusal('inviter-not-member');
  if (!view.mayInvite(inviter, offered)) return inviteRefusal('inviter-not-allowed');
  if (party !== null && !view.hasParty(party)) return inviteRefusal('unknown-party');
  return { ok: true };
}

/**
 * All case-state checks of a verified invite, in the order a user finds most useful: a person
 * who clicks a link twice learns they are already a member, not that the link was used.
 * `joinerKey` is the identity that wants to join (omit it to check only the invite).
 */
export function checkInviteForCase(
  invite: InvitePublic,
  view: InviteCaseView,
  joinerKey?: Uint8Array,
): InviteCaseCheckResult {
  if (invite.caseId !== view.caseId) return inviteRefusal('wrong-case');
  if (joinerKey) {
    const existing = view.memberByKey(joinerKey);
    if (existing?.status === 'active') return inviteRefusal('already-member');
    if (existing?.status === 'removed') return inviteRefusal('removed-member');
  }
  const rights = checkInviterRights(view, invite.inviterKey, invite.role, invite.party);
  if (!rights.ok) return rights;
  if (invite.singleUse && view.isInviteUsedByOther(invite.inviteId, joinerKey))
    return inviteRefusal('already-used');
  return { ok: true };
}
