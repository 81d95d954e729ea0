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
  /** The contract's member id (shared/identity: readable public-key id). */
  readonly id: string;
  readonly role: InviteRole;
  readonly party: string;
  readonly status: 'active' | 'removed';
  /** When the member was removed (ms), `null` while active. */
  readonly removedAt: number | null;
}

/**
 * The case as the invite checks see it. Built from the contract document by
 * case-view.ts `inviteCaseViewFromDoc`, or from plain data in tests. Public keys are raw
 * 32-byte Ed25519 keys; the adapter maps them to the contract's member ids.
 */
export interface InviteCaseView {
  readonly caseId: string;
  /** The member record of this identity key, whether active or removed. */
  memberByKey(publicKey: Uint8Array): InviteMemberView | undefined;
  /**
   * The party an invite admits into: the party it names if the case has it with the offered
   * role; when it names none, the one party of the case with that role. Otherwise `undefined`.
   */
  resolveParty(party: string | null, role: InviteRole): string | undefined;
  /** Whether a single-use invite already admitted an identity other than `joinerKey`. */
  isInviteUsedByOther(inviteId: string, joinerKey: Uint8Array | undefined): boolean;
  /** The rights table's answer (shared/contract/rights.ts): may this member invite into `party`? */
  mayInvite(inviter: InviteMemberView, offered: InviteRole, party: string): boolean;
}

export type InviteCaseCheckCode =
  | 'wrong-case'
  | 'already-member'
  | 'removed-member'
  | 'inviter-not-member'
  | 'inviter-not-allowed'
  | 'unknown-party'
  | 'already-used';

export type InviteCaseCheckResult =
  | { readonly ok: true; readonly party: string }
  | InviteRefusal<InviteCaseCheckCode>;

/**
 * May the inviter issue an invite to `offered` (into `party`, or the one party with that role)?
 * Used before signing a new link and, through {@link checkInviteForCase}, whenever one is used.
 * On success, names the party the invitee will join.
 */
export function checkInviterRights(
  view: InviteCaseView,
  inviterKey: Uint8Array,
  offered: InviteRole,
  party: string | null,
): InviteCaseCheckResult {
  const inviter = view.memberByKey(inviterKey);
  if (inviter?.status !== 'active') return inviteRefusal('inviter-not-member');
  const target = view.resolveParty(party, offered);
  if (target === undefined) return inviteRefusal('unknown-party');
  if (!view.mayInvite(inviter, offered, target)) return inviteRefusal('inviter-not-allowed');
  return { ok: true, party: target };
}

/**
 * All case-state checks of a verified invite, in the order a user finds most useful: a person
 * who clicks a link twice learns they are already a member, not that the link was used.
 * `joinerKey` is the identity that wants to join (omit it to check only the invite).
 *
 * A removed member cannot come back with an invite issued before its removal (else removing
 * someone who still holds a multi-use link would mean nothing); an invite a member issues
 * after the removal is a deliberate decision to bring it back.
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
    if (
      existing?.status === 'removed' &&
      (existing.removedAt === null || existing.removedAt >= invite.issuedAt)
    ) {
      return inviteRefusal('removed-member');
    }
  }
  const rights = checkInviterRights(view, invite.inviterKey, invite.role, invite.party);
  if (!rights.ok) return rights;
  if (invite.singleUse && view.isInviteUsedByOther(invite.inviteId, joinerKey))
    return inviteRefusal('already-used');
  return rights;
}
