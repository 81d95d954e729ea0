import * as Y from 'yjs';
import { authorOf } from '../contract/context';
import type { Author, WriteFacts } from '../contract/rights';
import { mayWrite } from '../contract/rights';
import { roots } from '../contract/schema';
import { verifyTermsSignature } from './agreement';
import type { Scope } from './accepted-proposal';
import { appliedProposalScopes, scopeFor } from './accepted-proposal';
import type { Envelope } from './envelope';
import type { CaseGenesis } from './genesis';
import type { ContentRule, QuarantineReason, WaitReason } from './policy';
import { CONTENT_RULES, matchesPattern } from './policy';
import { authorUntilRemoval, checkKeyWrites, entityRoleOf } from './rotation-check';
import type { InspectedWrite, Violation } from './update-inspect';

/**
 * Turns an inspected update into the facts shared/contract/rights.ts judges (membership, owner
 * party, bootstrap, accepted proposal), then applies CONTENT_RULES. Reads the contract document as
 * it is before the update; never writes it.
 */
/** The root types of a document never change: look them up once per document. */
const rootsOf = new WeakMap<Y.Doc, ReturnType<typeof roots>>();

/** CONTENT_RULES grouped by operation and path length, so each write meets only rules that can match. */
const contentRulesBy = new Map<string, ContentRule[]>();
for (const rule of CONTENT_RULES) {
  const key = `${rule.op}:${rule.path.length}`;
  contentRulesBy.set(key, [...(contentRulesBy.get(key) ?? []), rule]);
}

export interface RightsInput {
  readonly doc: Y.Doc;
  readonly genesis: CaseGenesis;
  readonly envelope: Envelope;
  readonly writes: readonly InspectedWrite[];
  /** Structural problems the inspection found (deletes, inserts inside arrays), judged after membership. */
  readonly violations: readonly Violation[];
  /**
   * Invite-based joining (docs/invite-link.md §2): true when the envelope carries a verified invite.
   * Asked only for authors who are not active members (only they can join), since it is costly.
   */
  readonly invitedSelf: () => boolean;
}

export type RightsVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: QuarantineReason | WaitReason; readonly detail: string };

function entityParty(doc: Y.Doc, path: readonly string[], write: InspectedWrite): string | null {
  if (write.op === 'create') {
    const party = write.fields.get('party');
    return typeof party === 'string' ? party : null;
  }
  const [root, id] = path;
  if (root === undefined || id === undefined || path.length < 3) return null;
  const entity = doc.getMap(root).get(id);
  if (!(entity instanceof Y.Map)) return null;
  const party = entity.get('party');
  return typeof party === 'string' ? party : null;
}

/** The founder writes the case into an empty document: the 'bootstrap' relation of the rights table. */
function isBootstrap(input: RightsInput): boolean {
  const { doc, genesis, envelope, writes } = input;
  if (envelope.author !== genesis.founder || doc.getMap('case').get('id') !== undefined) return false;
  return writes.some(
    (w) => w.op === 'set' && w.path.join('/') === 'case/id' && w.values[0] === genesis.caseId,
  );
}

function memberStatus(doc: Y.Doc, memberId: string): unknown {
  const record = doc.getMap('members').get(memberId);
  return record instanceof Y.Map ? record.get('status') : undefined;
}

function contentProblem(
  rule: ContentRule,
  write: InspectedWrite,
  input: RightsInput,
  authorParty: string | undefined,
  scopes: readonly Scope[],
): string | undefined {
  // An entity created by applying someone's proposal records the proposal's creator as its creator.
  const creator = rule.field === 'createdBy' ? scopeFor(scopes, write.path, write.op)?.creator : undefined;
  const expected = rule.must === 'author-id' ? (creator ?? input.envelope.author) : authorParty;
  const check = (value: unknown, where: string): string | undefined => {
    if (rule.must === 'agreement-signature') {
      const member = write.path[3] ?? '';
      const entry = value as { termsHash?: unknown; signature?: unknown } | null;
      const valid =
        typeof entry === 'object' &&
        entry !== null &&
        verifyTermsSignature(input.genesis.caseId, member, entry.termsHash, entry.signature);
      return valid ? undefined : `the agreement signature at ${where} does not verify`;
    }
    return value === expected
      ? undefined
      : `${where} does not name the author${rule.must === 'author-party' ? "'s party" : ''}`;
  };
  const where = write.path.join('/');
  if (rule.op === 'append') {
    for (const value of write.values) {
      const entry = value as Record<string, unknown> | null;
      const problem = check(
        typeof entry === 'object' && entry !== null ? entry[rule.field ?? ''] : undefined,
        `${where}.${rule.field}`,
      );
      if (problem) return problem;
    }
    return undefined;
  }
  if (rule.op === 'create') {
    if (!rule.field || !write.fields.has(rule.field)) return undefined;
    return check(write.fields.get(rule.field), `${where}/${rule.field}`);
  }
  const value = rule.field
    ? (write.values[0] as Record<string, unknown> | undefined)?.[rule.field]
    : write.values[0];
  return check(value, rule.field ? `${where}.${rule.field}` : where);
}

/** Membership, rights table and content rules for one envelope's writes. */
export function checkRights(input: RightsInput): RightsVerdict {
  const { doc, envelope, writes } = input;
  let r = rootsOf.get(doc);
  if (!r) {
    r = roots(doc);
    rootsOf.set(doc, r);
  }
  // A removed member's changes up to the cut its removal names were a member's (rotation-check.ts).
  const author: Author | undefined = authorOf(r, envelope.author) ?? authorUntilRemoval(doc, envelope);
  const bootstrap = isBootstrap(input);
  const invitedSelf = !author && !bootstrap && input.invitedSelf();
  if (!author && !bootstrap && !invitedSelf) {
    if (memberStatus(doc, envelope.author) === 'removed') {
      return { ok: false, reason: 'author-removed', detail: `${envelope.author} was removed from the case` };
    }
    return { ok: false, reason: 'not-a-member', detail: `${envelope.author} is not a member of the case` };
  }
  const violation = input.violations[0];
  if (violation?.code === 'delete') {
    return { ok: false, reason: 'delete-not-allowed', detail: `deletes at ${violation.path.join('/')}` };
  }
  if (violation?.code === 'insert-inside-array') {
    return {
      ok: false,
      reason: 'write-not-allowed',
      detail: `inserts inside ${violation.path.join('/')} instead of appending`,
    };
  }
  if (violation)
    return {
      ok: false,
      reason: 'write-not-allowed',
      detail: violation.code === 'unresolvable' ? violation.detail : violation.code,
    };
  // The author's party: its membership, or (bootstrap / joining) the member record it writes for itself.
  const ownRecord = writes.find(
    (w) =>
      w.op === 'create' && w.path.length === 2 && w.path[0] === 'members' && w.path[1] === envelope.author,
  );
  const storedRecord = doc.getMap('members').get(envelope.author);
  const recordParty =
    ownRecord?.fields.get('party') ?? (storedRecord instanceof Y.Map ? storedRecord.get('party') : undefined);
  const authorParty = author?.partyId ?? (typeof recordParty === 'string' ? recordParty : undefined);
  const scopes = appliedProposalScopes(doc, writes);

  for (const write of writes) {
    // Inside an entity created by this update the 'create' row judges, except keyed entries of
    // nested maps (proposals/<id>/responses/<party>, agreements/<v>/signatures/<member>): those
    // have rows of their own, so nobody pre-fills another party's answer in a new proposal.
    if (write.covered && write.path.length < 4) continue;
    const facts: WriteFacts = {
      path: write.path,
      op: write.op,
      authorId: envelope.author,
      author,
      entityParty: entityParty(doc, write.path, write),
      entityRole: entityRoleOf(doc, write),
      value: write.op === 'set' ? write.values[0] : undefined,
      bootstrap,
      invitedSelf,
      acceptedProposal: scopeFor(scopes, write.path, write.op) !== undefined,
    };
    const decision = mayWrite(facts);
    if (!decision.allowed) return { ok: false, reason: 'write-not-allowed', detail: decision.reason };
  }
  for (const write of writes) {
    for (const rule of contentRulesBy.get(`${write.op}:${write.path.length}`) ?? []) {
      if (!matchesPattern(rule.path, write.path)) continue;
      const problem = contentProblem(rule, write, input, authorParty, scopes);
      if (problem) {
        const reason =
          rule.must === 'agreement-signature' ? 'bad-agreement-signature' : 'content-misattributed';
        return { ok: false, reason, detail: problem };
      }
    }
  }
  return checkKeyWrites(input);
}
