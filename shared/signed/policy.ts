import type { WriteKind } from './update-inspect';

/**
 * THE verification policy of Casepact (design.md §4), in one place and readable as tables.
 *
 * 1. VERIFICATION_STEPS: what every log entry must pass, in order, before its update touches the
 *    contract document. The first failing step decides: 'quarantine' keeps the entry with its
 *    reason and never applies it; 'wait' keeps it aside and retries when more entries arrive.
 * 2. The rights table itself (who may write where) is WRITE_RULES in shared/contract/rights.ts,
 *    shared with the contract commands so both refuse the same things; rights-check.ts establishes
 *    the facts for it from the decoded update.
 * 3. CONTENT_RULES: what the written values must say about who wrote them (no speaking in someone
 *    else's name), checked on every write including those inside newly created entities.
 */

/** Reasons an entry is refused for good. */
export type QuarantineReason =
  | 'entry-unreadable'
  | 'entry-key-mismatch'
  | 'envelope-malformed'
  | 'wrong-case'
  | 'bad-signature'
  | 'fork'
  | 'client-id-not-derived'
  | 'update-malformed'
  | 'client-id-impersonation'
  | 'author-removed'
  | 'delete-not-allowed'
  | 'write-not-allowed'
  | 'content-misattributed'
  | 'bad-agreement-signature'
  | 'bad-key-rotation';

/** Reasons an entry is kept aside until more entries arrive. */
export type WaitReason = 'sequence-gap' | 'missing-dependency' | 'not-a-member';

export interface VerificationStep {
  readonly check: string;
  readonly failure: QuarantineReason | WaitReason;
  readonly outcome: 'quarantine' | 'wait';
  /** The design rule the step enforces. */
  readonly rule: string;
}

export const VERIFICATION_STEPS: readonly VerificationStep[] = [
  {
    check: 'the sealed entry opens with a key of this case (XChaCha20-Poly1305, key id + nonce)',
    failure: 'entry-unreadable',
    outcome: 'quarantine',
    rule: 'design §3: all traffic is encrypted with the case key',
  },
  {
    check: 'the entry is stored under the BLAKE2b-256 hash of the envelope it holds',
    failure: 'entry-key-mismatch',
    outcome: 'quarantine',
    rule: 'design §4: envelopes keyed by their content hash',
  },
  {
    check: 'the envelope decodes as v1 within the size limits',
    failure: 'envelope-malformed',
    outcome: 'quarantine',
    rule: 'docs/envelope.md',
  },
  {
    check: 'the envelope names this case',
    failure: 'wrong-case',
    outcome: 'quarantine',
    rule: 'no cross-case replay',
  },
  {
    check: 'the Ed25519 signature over "casepact/envelope/v1\\0" || body verifies with the author key',
    failure: 'bad-signature',
    outcome: 'quarantine',
    rule: 'design §4: every update signed by its author',
  },
  {
    check: "seq is the author's next number (a later one waits for the gap to fill)",
    failure: 'sequence-gap',
    outcome: 'wait',
    rule: 'design §4: per-author sequence',
  },
  {
    check: "prev is the hash of the author's envelope seq-1; a second envelope for one author+seq is a fork",
    failure: 'fork',
    outcome: 'quarantine',
    rule: 'design §4: previous-hash chain; fork evidence kept',
  },
  {
    check: 'every client id the envelope lists derives from the author key and its epoch',
    failure: 'client-id-not-derived',
    outcome: 'quarantine',
    rule: 'design §4: bind client ids to authors',
  },
  {
    check: 'the update decodes as a Yjs v1 update',
    failure: 'update-malformed',
    outcome: 'quarantine',
    rule: '',
  },
  {
    check: "every struct the update inserts uses one of the envelope's client ids",
    failure: 'client-id-impersonation',
    outcome: 'quarantine',
    rule: "design §4: write only with the author's own client ids",
  },
  {
    check: 'everything the update builds on (origins, parents, deleted items) is in the document',
    failure: 'missing-dependency',
    outcome: 'wait',
    rule: 'causal order: apply nothing Yjs would have to hold pending',
  },
  {
    check: 'the author is an active member, or the founder creating the case, or joining by invite',
    failure: 'not-a-member',
    outcome: 'wait',
    rule: 'design §4: unknown authors are not applied (their admission may still arrive)',
  },
  {
    check: 'the author was not removed from the case',
    failure: 'author-removed',
    outcome: 'quarantine',
    rule: "design §6: a removed member's later writes are refused everywhere",
  },
  {
    check: 'nothing is deleted except a map value it overwrites and summary text',
    failure: 'delete-not-allowed',
    outcome: 'quarantine',
    rule: 'design §4: no deleting content of others; entities are retired by status',
  },
  {
    check:
      "every write is allowed by WRITE_RULES (shared/contract/rights.ts) for the author's role and party",
    failure: 'write-not-allowed',
    outcome: 'quarantine',
    rule: 'design §4: write only where the role allows',
  },
  {
    check: 'CONTENT_RULES hold: entries name their real author and party',
    failure: 'content-misattributed',
    outcome: 'quarantine',
    rule: "nobody speaks in another member's name",
  },
  {
    check: "every agreement signature written verifies over the terms hash with the signer's key",
    failure: 'bad-agreement-signature',
    outcome: 'quarantine',
    rule: 'design §5: a party signs a version by signing its hash',
  },
  {
    check: 'key records are well-formed, never rewritten, and a rotation fits its change (rotation-check.ts)',
    failure: 'bad-key-rotation',
    outcome: 'quarantine',
    rule: 'design §6: removal rotates the case key, sealed to each remaining member',
  },
];

/** Whether a reason is final (quarantine) or temporary (wait). */
export function outcomeOf(reason: QuarantineReason | WaitReason): 'quarantine' | 'wait' {
  return reason === 'sequence-gap' || reason === 'missing-dependency' || reason === 'not-a-member'
    ? 'wait'
    : 'quarantine';
}

/** What a written value must say: the writer's member id, its party, or a valid agreement signature. */
export type ContentRequirement = 'author-id' | 'author-party' | 'agreement-signature';

export interface ContentRule {
  /** Same pattern syntax as WRITE_RULES: schema names, '*' for any one key. */
  readonly path: readonly string[];
  readonly op: WriteKind;
  /** For 'create' and 'append': the field of the new entity / entry. For 'set': omitted (the value itself). */
  readonly field?: string;
  readonly must: ContentRequirement;
  readonly why: string;
}

export const CONTENT_RULES: readonly ContentRule[] = [
  {
    path: ['messages'],
    op: 'append',
    field: 'author',
    must: 'author-id',
    why: "an entry speaks in its writer's name",
  },
  {
    path: ['messages'],
    op: 'append',
    field: 'party',
    must: 'author-party',
    why: "and for the writer's own party",
  },
  {
    path: ['*', '*'],
    op: 'create',
    field: 'createdBy',
    must: 'author-id',
    why: 'the creator is who wrote it',
  },
  { path: ['case', 'createdBy'], op: 'set', must: 'author-id', why: 'the creator is who wrote it' },
  {
    path: ['proposals', '*', 'responses', '*'],
    op: 'set',
    field: 'by',
    must: 'author-id',
    why: 'a response names its real responder',
  },
  ...['updatedBy', 'removedBy', 'appliedBy', 'withdrawnBy'].map(
    (field): ContentRule => ({
      path: ['*', '*', field],
      op: 'set',
      must: 'author-id',
      why: `${field} is the writer`,
    }),
  ),
  {
    path: ['agreements', '*', 'signatures', '*'],
    op: 'set',
    must: 'agreement-signature',
    why: "a signature entry carries the key owner's Ed25519 signature on its terms hash",
  },
];

export function matchesPattern(pattern: readonly string[], path: readonly string[]): boolean {
  return pattern.length === path.length && pattern.every((p, i) => p === '*' || p === path[i]);
}

/** One-line explanations shown in the UI and the CLI next to a quarantined entry. */
export const REASON_TEXT: Readonly<Record<QuarantineReason | WaitReason, string>> = {
  'entry-unreadable': 'cannot be opened with this case’s keys',
  'entry-key-mismatch': 'stored under a key that is not its hash',
  'envelope-malformed': 'is not a well-formed envelope',
  'wrong-case': 'belongs to another case',
  'bad-signature': 'has a signature that does not verify',
  fork: 'conflicts with another change of the same author and sequence number (fork)',
  'client-id-not-derived': 'claims Yjs client ids that do not belong to its author',
  'update-malformed': 'carries an update that does not decode',
  'client-id-impersonation': 'writes under a client id of someone else',
  'author-removed': 'was written by a removed member',
  'delete-not-allowed': 'deletes content no one may delete',
  'write-not-allowed': 'writes where its author has no right to',
  'content-misattributed': 'names someone other than its author',
  'bad-agreement-signature': 'records an agreement signature that does not verify',
  'bad-key-rotation': 'records a case key rotation or key history that does not fit the change',
  'sequence-gap': 'waits for an earlier change of its author',
  'missing-dependency': 'waits for changes it builds on',
  'not-a-member': 'is from someone not (yet) a member',
};
