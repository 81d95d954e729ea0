/**
 * Every way an invite link can be refused, as stable codes with one human sentence each.
 * The sentence names the problem and what to do; it never quotes the link (its fragment
 * carries the case key) nor any other secret (style.md: secrets never in error messages).
 */

/** Refusals found from the link alone (see parse-link.ts). */
export type InviteLinkErrorCode =
  /** The text is not a Casepact invite link at all (wrong scheme, empty, a random string). */
  | 'not-a-link'
  /** The link has no secret part after '#' (often lost when a link is shared as a web address). */
  | 'missing-secret'
  /** The link was cut off: shorter than its own declared length. */
  | 'truncated'
  /** Characters that are not base64url, or an encoding no Casepact ever produces. */
  | 'bad-encoding'
  /** A link format version this build does not know (made by a newer Casepact). */
  | 'unsupported-version'
  /** Well-formed base64 but the bytes do not form a valid invite. */
  | 'malformed'
  /** The inviter's signature does not match: some byte of the public part was altered. */
  | 'bad-signature'
  /** The secret part does not belong to this link (altered or pasted from another link). */
  | 'secret-mismatch'
  /** The invite's expiry has passed. */
  | 'expired'
  /** libsodium has not been loaded yet (a programming error: await sodiumReady() at start-up). */
  | 'crypto-not-ready';

/** Refusals that need the case's state: who is a member, which invites were used. */
export type InviteCaseErrorCode =
  /** The link is for another case than the one it is being used with. */
  | 'wrong-case'
  /** The inviter is not (or no longer) a member of the case. */
  | 'inviter-not-member'
  /** The inviter's role may not invite to the offered role. */
  | 'inviter-not-allowed'
  /** A single-use invite that already admitted someone. */
  | 'already-used'
  /** The joining identity is already an active member of the case. */
  | 'already-member'
  /** The joining identity was removed from this case after the invite was made. */
  | 'removed-member'
  /** The invite names a party the case does not have, or none and the role has no single party. */
  | 'unknown-party'
  /** A join request or admission whose proof or signatures do not verify (damaged or forged). */
  | 'bad-request'
  /** The case key was rotated (a member removed) after the link was made: its key is not in force. */
  | 'key-rotated';

export type InviteErrorCode = InviteLinkErrorCode | InviteCaseErrorCode;

/** A refused invite: the code to switch on, the sentence to show. */
export interface InviteRefusal<C extends InviteErrorCode = InviteErrorCode> {
  readonly ok: false;
  readonly error: C;
  readonly message: string;
}

function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Extra facts a message may mention (never secrets). */
export interface InviteErrorFacts {
  readonly expiresAt?: number;
  readonly version?: number;
}

/** The sentence shown for each refusal. Kept in one table so the UI, CLI and docs agree. */
export function inviteErrorMessage(code: InviteErrorCode, facts: InviteErrorFacts = {}): string {
  switch (code) {
    case 'not-a-link':
      return 'This is not a Casepact invite link. An invite link starts with "casepact://join/"; ask the person who invited you to send it again.';
    case 'missing-secret':
      return 'This invite link is missing its secret part (everything after "#"). Copy the whole link, including the part after "#", or ask for it to be sent again.';
    case 'truncated':
      return 'This invite link is incomplete: its end was cut off, often by an email or chat program. Copy the whole link again, or ask the inviter to send it as an attachment.';
    case 'bad-encoding':
      return 'This invite link contains characters that do not belong in it, so it was changed while being copied. Copy it again from the original message, or ask for a new link.';
    case 'unsupported-version':
      return `This invite link was made by a newer version of Casepact (link format ${facts.version ?? 'unknown'}). Update Casepact, then open the link again.`;
    case 'malformed':
      return 'This invite link is damaged: its content does not form a valid invitation. Ask the inviter for a new link.';
    case 'bad-signature':
      return "This invite link has been altered: the inviter's signature does not match its content. Do not use it; ask the inviter for a new link.";
    case 'secret-mismatch':
      return 'The secret part of this invite link (after "#") does not belong to it: it was altered or mixed with another link. Copy the whole link again from the original message.';
    case 'expired':
      return `This invite link expired${facts.expiresAt === undefined ? '' : ` on ${formatUtc(facts.expiresAt)}`}. Ask the inviter for a new link.`;
    case 'crypto-not-ready':
      return 'Casepact is still starting its cryptography. Try again in a moment.';
    case 'wrong-case':
      return 'This invite link is for a different case. Check that you opened the right link, or ask the inviter for the link to this case.';
    case 'inviter-not-member':
      return 'The person who signed this invite link is not a member of the case (or was removed), so the link is not valid. Ask a current member for a new link.';
    case 'inviter-not-allowed':
      return 'The person who signed this invite link is not allowed to invite people in this role. Ask a member whose role may invite for a new link.';
    case 'already-used':
      return 'This single-use invite link has already been used by someone else. Ask the inviter for a new link.';
    case 'already-member':
      return 'You are already a member of this case: there is nothing to join. Open the case from your inbox.';
    case 'removed-member':
      return 'You were removed from this case after this invite link was made, so it cannot bring you back. Ask a member for a new invite if you should rejoin.';
    case 'unknown-party':
      return 'This invite link names a party (or a role) that the case does not have. Ask the inviter for a new link.';
    case 'bad-request':
      return 'The request to join could not be verified: it was damaged on the way or forged. Open the original invite link again.';
    case 'key-rotated':
      return 'This invite link was made before the case key changed (a member was removed since), so it no longer opens the case. Ask a current member for a new link.';
  }
}

/** Builds a refusal with its sentence. */
export function inviteRefusal<C extends InviteErrorCode>(
  code: C,
  facts?: InviteErrorFacts,
): InviteRefusal<C> {
  return { ok: false, error: code, message: inviteErrorMessage(code, facts) };
}
