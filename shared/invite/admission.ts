/**
 * Joining by invite, and the rule every peer applies to the join it receives.
 *
 * The joiner registers itself (the contract's joinViaInvite, rights relation 'invited-self')
 * in a change it signs; the member record carries a StoredAdmission in its `invite` field: the
 * complete join request, so every peer re-verifies that the new member holds a valid invite
 * (proof by the invite's key) from a member allowed to issue it, for that party and role.
 *
 * Single use (docs/invite-link.md §"Single use"): a peer refuses a join whose single-use invite
 * already admitted another identity in its copy of the case (first come). Two joins of one
 * single-use invite made at the same time, each without seeing the other, can reach peers in
 * different orders; {@link singleUseWinners} is the deterministic rule (lowest admission id)
 * for ordering such joins when a peer holds both, and for reporting the conflict.
 */
import type { Sodium } from '../crypto/sodium';
import { constantTimeEqual, fromBase64Url, toBase64Url, toHex } from './bytes';
import type { InviteCaseView } from './case-checks';
import { checkInviteForCase } from './case-checks';
import type { InviteRefusal } from './link-errors';
import { inviteRefusal } from './link-errors';
import type { InvitePublic, InviteRole } from './link-format';
import type { JoinRefusalCode, JoinRequest } from './join-messages';
import { decodeJoinMessage, encodeJoinMessage } from './join-messages';
import { verifyJoinRequest } from './join-request';

/** How far a peer's envelope time may pass an invite's expiry and still count (clock skew). */
export const ADMISSION_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** What is stored on the admitted member's record (JSON-safe, a plain Yjs value). */
export interface StoredAdmission {
  readonly v: 1;
  readonly inviteId: string;
  readonly singleUse: boolean;
  /** Lowercase hex of BLAKE2b-256 of the encoded join request. */
  readonly admissionId: string;
  /** base64url of the encoded join request. */
  readonly request: string;
}

/** Everything the admitting client writes through the contract's addMember command. */
export interface AdmissionPlan {
  readonly memberKey: Uint8Array;
  readonly displayName: string;
  readonly organisation: string;
  readonly role: InviteRole;
  /** The party joined: the invite's, or the one party with the offered role (case-checks.ts). */
  readonly party: string;
  readonly inviterKey: Uint8Array;
  /** The inviter's member id, for the contract's joinViaInvite `invitedBy`. */
  readonly inviterId: string;
  readonly invite: InvitePublic;
  readonly admission: StoredAdmission;
}

export type AdmitResult =
  | { readonly ok: true; readonly plan: AdmissionPlan }
  | InviteRefusal<JoinRefusalCode | 'unsupported-version'>;

function storedAdmission(
  request: JoinRequest,
  invite: InvitePublic,
  requestHash: Uint8Array,
): StoredAdmission {
  return {
    v: 1,
    inviteId: invite.inviteId,
    singleUse: invite.singleUse,
    admissionId: toHex(requestHash),
    request: toBase64Url(encodeJoinMessage(request)),
  };
}

/**
 * The admitting member's decision on a join request, against the case as it is now.
 * On success, write the plan with addMember in one signed change; on refusal, answer the
 * joiner with createJoinRefused(reason).
 */
export function admitJoinRequest(
  na: Sodium,
  request: JoinRequest,
  view: InviteCaseView,
  options: { readonly now: number },
): AdmitResult {
  const verified = verifyJoinRequest(na, request);
  if (!verified.ok) return verified;
  const invite = verified.invite;
  if (!(options.now < invite.expiresAt)) return inviteRefusal('expired', { expiresAt: invite.expiresAt });
  const checked = checkInviteForCase(invite, view, request.joinerKey);
  if (!checked.ok) return checked;
  return {
    ok: true,
    plan: {
      memberKey: request.joinerKey,
      displayName: request.displayName,
      organisation: request.organisation,
      role: invite.role,
      party: checked.party,
      inviterKey: invite.inviterKey,
      inviterId: view.memberByKey(invite.inviterKey)?.id ?? '',
      invite,
      admission: storedAdmission(request, invite, verified.requestHash),
    },
  };
}

/** Reads a StoredAdmission from an untrusted document value; `undefined` if it is not one. */
export function parseStoredAdmission(value: unknown): StoredAdmission | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (
    record.v !== 1 ||
    typeof record.inviteId !== 'string' ||
    !/^[0-9a-f]{32}$/.test(record.inviteId) ||
    typeof record.singleUse !== 'boolean' ||
    typeof record.admissionId !== 'string' ||
    !/^[0-9a-f]{64}$/.test(record.admissionId) ||
    typeof record.request !== 'string' ||
    record.request.length > 4096
  ) {
    return undefined;
  }
  return {
    v: 1,
    inviteId: record.inviteId,
    singleUse: record.singleUse,
    admissionId: record.admissionId,
    request: record.request,
  };
}

/** The member record an admission is checked against. */
export interface AdmittedMember {
  readonly publicKey: Uint8Array;
  readonly role: InviteRole;
  readonly party: string;
}

/**
 * The check every peer's verification pipeline runs on an envelope that adds a member with
 * an admission: `view` is the case *before* the envelope, `at` the envelope's signed time.
 * The refusal reason goes to the quarantine.
 */
export function verifyStoredAdmission(
  na: Sodium,
  stored: unknown,
  member: AdmittedMember,
  view: InviteCaseView,
  options: { readonly at: number },
):
  | { readonly ok: true; readonly invite: InvitePublic }
  | InviteRefusal<JoinRefusalCode | 'unsupported-version'> {
  const admission = parseStoredAdmission(stored);
  const bytes = admission && fromBase64Url(admission.request);
  const decoded = bytes?.ok ? decodeJoinMessage(bytes.bytes) : undefined;
  if (!admission || !decoded?.ok || decoded.message.type !== 'join-request')
    return inviteRefusal('bad-request');
  const request = decoded.message;
  const verified = verifyJoinRequest(na, request);
  if (!verified.ok) return verified;
  const invite = verified.invite;
  if (
    admission.admissionId !== toHex(verified.requestHash) ||
    admission.inviteId !== invite.inviteId ||
    admission.singleUse !== invite.singleUse ||
    !constantTimeEqual(member.publicKey, request.joinerKey) ||
    member.role !== invite.role
  ) {
    return inviteRefusal('bad-request');
  }
  if (!(options.at < invite.expiresAt + ADMISSION_CLOCK_SKEW_MS)) {
    return inviteRefusal('expired', { expiresAt: invite.expiresAt });
  }
  const checked = checkInviteForCase(invite, view, request.joinerKey);
  if (!checked.ok) return checked;
  return member.party === checked.party ? { ok: true, invite } : inviteRefusal('bad-request');
}

/** One admission as recorded in the document, for the tie-break. */
export interface RecordedAdmission {
  readonly inviteId: string;
  readonly singleUse: boolean;
  readonly admissionId: string;
}

/** For each single-use invite id, the admission id that consumed it: the lowest one. */
export function singleUseWinners(admissions: Iterable<RecordedAdmission>): ReadonlyMap<string, string> {
  const winners = new Map<string, string>();
  for (const admission of admissions) {
    if (!admission.singleUse) continue;
    const current = winners.get(admission.inviteId);
    if (current === undefined || admission.admissionId < current)
      winners.set(admission.inviteId, admission.admissionId);
  }
  return winners;
}

/** Whether an admission stands: multi-use invites always, single-use only for the winner. */
export function isAdmissionEffective(
  admission: RecordedAdmission,
  winners: ReadonlyMap<string, string>,
): boolean {
  return !admission.singleUse || winners.get(admission.inviteId) === admission.admissionId;
}
