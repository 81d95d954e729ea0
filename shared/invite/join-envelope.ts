/**
 * Joining a case by invite, end to end on the signed log:
 *
 * - the joiner, once it has synced and verified the case's log with the key and genesis from
 *   the link, runs {@link joinWithInvite}: the contract's joinViaInvite plus the StoredAdmission
 *   (its join request, proving the invite secret and its identity) on its own member record,
 *   in one transaction, hence one envelope it signs;
 * - every peer's verification pipeline asks {@link inviteJoinHook} (the `invitedSelf` option of
 *   CaseReplica / VerificationPipeline) whether that envelope carries a valid invite for its
 *   author, against the case as it was before the envelope. Without a valid one the envelope is
 *   not a member's and stays out of the contract (shared/signed waits or quarantines it).
 */
import type * as Y from 'yjs';
import type { CommandContext } from '../contract/context';
import { joinViaInvite } from '../contract/commands/parties';
import { entityMap } from '../contract/read';
import type { Result } from '../contract/result';
import { roots } from '../contract/schema';
import type { Sodium } from '../crypto/sodium';
import { sodium } from '../crypto/sodium';
import type { Identity } from '../identity/identity';
import type { Envelope } from '../signed/envelope';
import { inspectUpdate } from '../signed/update-inspect';
import type { AdmissionPlan } from './admission';
import { admitJoinRequest, verifyStoredAdmission } from './admission';
import { inviteCaseViewFromDoc, MEMBER_INVITE_FIELD } from './case-view';
import type { InviteRefusal } from './link-errors';
import type { InvitePublic, InviteRole } from './link-format';
import { INVITE_ROLES } from './link-format';
import type { JoinRefusalCode } from './join-messages';
import { createJoinRequest } from './join-request';
import type { InviteLink } from './parse-link';

/** Transaction origin of a join: the signer wraps it in one envelope like any command. */
export const JOIN_ORIGIN: { readonly source: 'casepact/invite-join' } = { source: 'casepact/invite-join' };

export type InviteJoinVerdict =
  | { readonly ok: true; readonly invite: InvitePublic }
  | InviteRefusal<JoinRefusalCode | 'unsupported-version'>
  | { readonly ok: false; readonly error: 'not-a-join'; readonly message: string };

const NOT_A_JOIN = {
  ok: false,
  error: 'not-a-join',
  message: 'The change does not register its author with an invite.',
} as const;

/**
 * Does `envelope` register its author as a member with a valid invite, given the case as
 * `doc` holds it before the envelope? Never throws.
 */
export function verifyInviteJoin(na: Sodium, envelope: Envelope, doc: Y.Doc): InviteJoinVerdict {
  const members = roots(doc).members;
  const inspection = inspectUpdate(doc, envelope.update, new Set(envelope.clients.map((c) => c.clientId)));
  if (inspection.kind !== 'inspected' || inspection.violations.length > 0) return NOT_A_JOIN;
  let stored: unknown;
  let role: unknown;
  let party: unknown;
  const created = inspection.writes.find(
    (w) =>
      w.op === 'create' && w.path.length === 2 && w.path[0] === 'members' && w.path[1] === envelope.author,
  );
  if (created) {
    stored = created.fields.get(MEMBER_INVITE_FIELD);
    role = created.fields.get('role');
    party = created.fields.get('party');
  } else {
    // A removed member rejoining rewrites its existing record (rights.ts: 'invited-self').
    const rewritten = inspection.writes.find(
      (w) => w.op === 'set' && w.path.join('/') === `members/${envelope.author}/${MEMBER_INVITE_FIELD}`,
    );
    const existing = entityMap(members, envelope.author);
    if (!rewritten || !existing) return NOT_A_JOIN;
    stored = rewritten.values[0];
    role = existing.get('role');
    party = existing.get('party');
  }
  if (stored === undefined || typeof party !== 'string' || !INVITE_ROLES.includes(role as InviteRole)) {
    return NOT_A_JOIN;
  }
  return verifyStoredAdmission(
    na,
    stored,
    { publicKey: envelope.authorKey, role: role as InviteRole, party },
    inviteCaseViewFromDoc(doc),
    { at: envelope.timestamp },
  );
}

/** The `invitedSelf` hook for CaseReplica and VerificationPipeline. Requires libsodium loaded. */
export function inviteJoinHook(envelope: Envelope, doc: Y.Doc): boolean {
  try {
    return verifyInviteJoin(sodium(), envelope, doc).ok;
  } catch {
    return false; // never let a hostile envelope crash verification: it simply is not a join
  }
}

export type JoinWithInviteResult =
  | { readonly ok: true; readonly plan: AdmissionPlan; readonly memberId: string }
  | InviteRefusal<JoinRefusalCode | 'unsupported-version'>
  | Extract<Result<never>, { ok: false }>;

/**
 * The joiner's side: checks the invite against the synced case, then registers the joiner in
 * one transaction (one signed envelope when run through CaseReplica.run). `ctx.actor` must be
 * the joiner's member id. Changes nothing when refused.
 */
export function joinWithInvite(
  ctx: CommandContext,
  invite: InviteLink,
  joiner: Identity,
  options: { readonly now: number; readonly nonce?: Uint8Array },
): JoinWithInviteResult {
  const na = sodium();
  if (ctx.actor !== joiner.id) {
    return {
      ok: false,
      error: 'invalid-input',
      message: 'the command context must act as the joining identity',
    };
  }
  const request = createJoinRequest(na, invite, joiner, options);
  if (!request.ok) return { ok: false, error: 'invalid-input', message: request.message };
  const admitted = admitJoinRequest(na, request.request, inviteCaseViewFromDoc(ctx.doc), {
    now: options.now,
  });
  if (!admitted.ok) return admitted;
  const plan = admitted.plan;
  let outcome: JoinWithInviteResult | undefined;
  ctx.doc.transact(() => {
    const joined = joinViaInvite(ctx, {
      party: plan.party,
      invitedBy: plan.inviterId,
      displayName: joiner.displayName,
      organisation: joiner.organisation,
    });
    if (!joined.ok) {
      outcome = joined;
      return;
    }
    // The admission travels in the same transaction as the member record it justifies.
    entityMap(roots(ctx.doc).members, joiner.id)?.set(MEMBER_INVITE_FIELD, plan.admission);
    outcome = { ok: true, plan, memberId: joined.value.memberId };
  }, JOIN_ORIGIN);
  return outcome ?? { ok: false, error: 'invalid-state', message: 'the join did not run' };
}
