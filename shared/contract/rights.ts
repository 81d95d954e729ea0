/**
 * Who may write where in a case document: the single rights policy of Casepact (design.md §4).
 *
 * The table is data, one row per path pattern, so it reads like a table and both users share it:
 * contract commands refuse early with it, and shared/signed enforces it on every decoded Yjs update
 * (it resolves each inserted item to a path such as ["actions", "<id>", "status"] and calls mayWrite).
 * No Yjs here on purpose: both sides import it.
 *
 * Reading a row: `path` uses schema names and '*' for any one key; `op` is what happens there;
 * `allow` lists clauses, any one of which suffices; inside a clause every given condition must hold.
 * The first row whose path and op match decides (specific rows come before generic ones).
 * No matching row means "denied". Deleting is never allowed: entities are retired by status, and
 * overwriting a map key (delete + insert at the same key in one update) counts as a 'set'.
 * Fields written inside an entity created in the same update are covered by the 'create' row.
 */
import type { MemberId, PartyId, Role } from './model';

/** What happens at a path: a new entity under a map, a field write, an array push, a text edit. */
export type WriteOp = 'create' | 'set' | 'append' | 'text';

/**
 * Relations between the author and the place written. "Key" means the path element matched by the
 * rule's last '*'. The pipeline establishes the facts; this module only combines them.
 */
export type Relation =
  /** The update creates the case (the document held no case id before it); its author is the creator. */
  | 'bootstrap'
  /** The entity's `party` field (for a create: the new entity's) is the author's party. */
  | 'owner-party'
  /** The key is the author's party id (a party answers a proposal only for itself). */
  | 'own-party-key'
  /** The key is the author's member id (a member signs, or leaves, only for itself). */
  | 'own-member-key'
  /** A non-member registers itself under its own member id with an invite shared/signed verified. */
  | 'invited-self'
  /** The write applies a proposal that every party it touches has accepted. */
  | 'accepted-proposal'
  /**
   * The entity's `role` field is a guest role (partner, observer): the customer and provider
   * parties, who run the case, may retire guests they (or others) brought in.
   */
  | 'guest-entity';

export interface Clause {
  readonly roles?: readonly Role[];
  readonly relation?: Relation;
  /** When given, the new value must be one of these. */
  readonly values?: readonly unknown[];
}

export interface WriteRule {
  readonly path: readonly string[];
  readonly op: WriteOp;
  readonly allow: readonly Clause[];
  readonly why: string;
}

/** Roles that negotiate: they propose, answer, sign, and own commitments. Observers only read and talk. */
export const NEGOTIATING_ROLES: readonly Role[] = ['customer', 'provider', 'partner'];
/** Roles whose signature makes a version agreed: every party of these roles must sign. */
export const SIGNING_ROLES: readonly Role[] = NEGOTIATING_ROLES;
/** Roles that run the case (status, priority, adding parties). */
const CASE_ROLES: readonly Role[] = ['customer', 'provider'];
const ALL_ROLES: readonly Role[] = ['customer', 'provider', 'partner', 'observer'];
/** Roles of parties brought into a case by the customer or the provider. */
export const GUEST_ROLES: readonly Role[] = ['partner', 'observer'];

const B: Clause = { relation: 'bootstrap' };
const N = NEGOTIATING_ROLES;
const PROGRESS = ['agreed', 'in-progress', 'done'];

/**
 * Who may remove a member (docs/contract-model.md "Removal"), as clauses over the member record:
 * - any member may leave (its own member key);
 * - a party removes members of its own party (a customer member removes only customer members
 *   of its own party, so nobody but the customer party removes a customer member);
 * - the customer and provider parties, who run the case, also remove partner and observer
 *   members (a PC maker's agent removes the OS vendor's engineer it brought in).
 * A provider cannot remove a customer member, nor a customer a provider member, nor a partner
 * anyone but itself and its own party's members.
 */
export const REMOVAL_CLAUSES: readonly Clause[] = [
  { relation: 'own-member-key' },
  { relation: 'owner-party' },
  { roles: CASE_ROLES, relation: 'guest-entity' },
];

/** The rights table. Order matters only where a specific row precedes a '*' row of the same op. */
export const WRITE_RULES: readonly WriteRule[] = [
  // case header
  {
    path: ['case', 'status'],
    op: 'set',
    allow: [B, { roles: CASE_ROLES }],
    why: 'customer and provider run the case',
  },
  { path: ['case', 'waitingOn'], op: 'set', allow: [B, { roles: CASE_ROLES }], why: 'goes with status' },
  {
    path: ['case', 'priority'],
    op: 'set',
    allow: [B, { roles: CASE_ROLES }],
    why: 'customer and provider set priority',
  },
  {
    path: ['case', 'category'],
    op: 'set',
    allow: [B, { roles: CASE_ROLES }],
    why: 'category selects SLA targets',
  },
  {
    path: ['case', '*'],
    op: 'set',
    allow: [B],
    why: 'id, title, creation facts are fixed when the case is created',
  },
  {
    path: ['summary'],
    op: 'text',
    allow: [B, { roles: N }],
    why: 'negotiating parties co-write the summary',
  },
  // parties and members
  {
    path: ['parties', '*'],
    op: 'create',
    allow: [B, { roles: CASE_ROLES }],
    why: 'customer or provider brings a party in',
  },
  {
    path: ['members', '*'],
    op: 'create',
    allow: [B, { relation: 'owner-party' }, { relation: 'invited-self' }],
    why: 'a member adds colleagues to its own party; others join with an invite (whose party and role the record must match)',
  },
  {
    path: ['members', '*', 'status'],
    op: 'set',
    allow: [
      ...REMOVAL_CLAUSES.map((c): Clause => ({ ...c, values: ['removed'] })),
      { relation: 'invited-self', values: ['active'] },
    ],
    why: 'a party removes its own members, customer and provider also remove partner and observer members, a member may leave, a removed member rejoins by invite',
  },
  {
    path: ['members', '*', 'removedBy'],
    op: 'set',
    allow: REMOVAL_CLAUSES,
    why: 'goes with removal',
  },
  {
    path: ['members', '*', 'removedAt'],
    op: 'set',
    allow: REMOVAL_CLAUSES,
    why: 'goes with removal',
  },
  {
    path: ['members', '*', 'displayName'],
    op: 'set',
    allow: [{ relation: 'invited-self' }],
    why: 'rejoining rewrites the name; party and role stay as the invite and the record say',
  },
  {
    path: ['members', '*', 'organisation'],
    op: 'set',
    allow: [{ relation: 'invited-self' }],
    why: 'rejoining rewrites the record',
  },
  {
    path: ['members', '*', 'addedBy'],
    op: 'set',
    allow: [{ relation: 'invited-self' }],
    why: 'rejoining names the new inviter',
  },
  {
    path: ['members', '*', 'addedAt'],
    op: 'set',
    allow: [{ relation: 'invited-self' }],
    why: 'rejoining rewrites the record',
  },
  // topics
  {
    path: ['topics', '*'],
    op: 'create',
    allow: [B, { roles: N, relation: 'owner-party' }],
    why: 'any negotiator raises a topic',
  },
  {
    path: ['topics', '*', 'state'],
    op: 'set',
    allow: [
      { roles: N, relation: 'owner-party', values: ['closed'] },
      { roles: N, values: ['open'] },
      { roles: N, relation: 'accepted-proposal' },
    ],
    why: 'the raiser may withdraw its topic, anyone may reopen one, agreeing takes a proposal',
  },
  { path: ['topics', '*', 'updatedBy'], op: 'set', allow: [{ roles: N }], why: 'goes with state' },
  { path: ['topics', '*', 'updatedAt'], op: 'set', allow: [{ roles: N }], why: 'goes with state' },
  // data items
  {
    path: ['dataItems', '*'],
    op: 'create',
    allow: [B, { roles: N, relation: 'owner-party' }, { roles: N, relation: 'accepted-proposal' }],
    why: 'a party adds its own items; asking another party for one takes a proposal',
  },
  ...['value', 'updatedBy', 'updatedAt'].map(
    (field): WriteRule => ({
      path: ['dataItems', '*', field],
      op: 'set',
      allow: [
        { roles: N, relation: 'owner-party' },
        { roles: N, relation: 'accepted-proposal' },
      ],
      why: 'only the owner party fills its item, others ask through a proposal',
    }),
  ),
  // actions: commitments change only through accepted proposals; the owner reports progress
  {
    path: ['actions', '*'],
    op: 'create',
    allow: [B, { roles: N, relation: 'accepted-proposal' }],
    why: 'an action exists once every touched party accepted it',
  },
  {
    path: ['actions', '*', 'status'],
    op: 'set',
    allow: [
      { roles: N, relation: 'owner-party', values: PROGRESS },
      { roles: N, relation: 'accepted-proposal' },
    ],
    why: 'the owner reports progress; cancelling takes a proposal',
  },
  ...['updatedBy', 'updatedAt'].map(
    (field): WriteRule => ({
      path: ['actions', '*', field],
      op: 'set',
      allow: [
        { roles: N, relation: 'owner-party' },
        { roles: N, relation: 'accepted-proposal' },
      ],
      why: 'goes with status',
    }),
  ),
  {
    path: ['actions', '*', '*'],
    op: 'set',
    allow: [{ roles: N, relation: 'accepted-proposal' }],
    why: 'title, owner, due date, dependencies change only by accepted proposal',
  },
  // SLA terms
  {
    path: ['sla', 'terms'],
    op: 'set',
    allow: [B, { roles: N, relation: 'accepted-proposal' }],
    why: 'SLA terms are negotiated',
  },
  // proposals
  {
    path: ['proposals', '*'],
    op: 'create',
    allow: [B, { roles: N, relation: 'owner-party' }],
    why: 'a negotiator proposes in the name of its own party',
  },
  {
    path: ['proposals', '*', 'responses', '*'],
    op: 'set',
    allow: [B, { roles: N, relation: 'own-party-key' }],
    why: 'a party answers only for itself',
  },
  {
    path: ['proposals', '*', 'withdrawnBy'],
    op: 'set',
    allow: [{ roles: N, relation: 'owner-party' }],
    why: 'the proposer withdraws',
  },
  {
    path: ['proposals', '*', 'withdrawnAt'],
    op: 'set',
    allow: [{ roles: N, relation: 'owner-party' }],
    why: 'the proposer withdraws',
  },
  {
    path: ['proposals', '*', 'appliedBy'],
    op: 'set',
    allow: [B, { roles: N, relation: 'accepted-proposal' }],
    why: 'marks the application',
  },
  {
    path: ['proposals', '*', 'appliedAt'],
    op: 'set',
    allow: [B, { roles: N, relation: 'accepted-proposal' }],
    why: 'marks the application',
  },
  // agreements
  {
    path: ['agreements', '*'],
    op: 'create',
    allow: [{ roles: SIGNING_ROLES }],
    why: 'a signer opens the next version',
  },
  {
    path: ['agreements', '*', 'termsHash'],
    op: 'set',
    allow: [{ roles: SIGNING_ROLES }],
    why: 'a signer points a not-yet-agreed version at the current terms',
  },
  {
    path: ['agreements', '*', 'terms'],
    op: 'set',
    allow: [{ roles: SIGNING_ROLES }],
    why: 'the canonical terms the version hash covers, kept for history and export',
  },
  {
    path: ['agreements', '*', 'signatures', '*'],
    op: 'set',
    allow: [{ roles: SIGNING_ROLES, relation: 'own-member-key' }],
    why: 'a member signs only for itself',
  },
  // case keys (shared/membership; shared/signed/rotation-check.ts checks the records themselves)
  {
    path: ['keyRotations', '*'],
    op: 'set',
    allow: [{ roles: ALL_ROLES }],
    why: 'a member rotates the case key (with a removal, or when the key reached a removed member); records are never rewritten',
  },
  {
    path: ['keyHistory', '*'],
    op: 'set',
    allow: [{ roles: ALL_ROLES }],
    why: 'a holder of the current key seals the older keys under it, so members invited later read the history',
  },
  // resolution summaries
  {
    path: ['resolutions', '*'],
    op: 'create',
    allow: [{ roles: CASE_ROLES, relation: 'owner-party' }],
    why: 'the party that resolves the case writes its summary; entries are immutable',
  },
  // conversation
  {
    path: ['messages'],
    op: 'append',
    allow: [B, { roles: ALL_ROLES }, { relation: 'invited-self' }],
    why: 'every member talks; entries are immutable',
  },
];

/** The author's standing before the write; `undefined` when it is not an active member. */
export interface Author {
  readonly memberId: MemberId;
  readonly partyId: PartyId;
  readonly role: Role;
}

/** Facts about one write, established by the caller (a command, or the pipeline from an update). */
export interface WriteFacts {
  readonly path: readonly string[];
  readonly op: WriteOp;
  /** Member id of the writer (the envelope's author), known even for non-members. */
  readonly authorId: MemberId;
  readonly author: Author | undefined;
  /** The `party` field of the entity written (for a 'create': of the new entity). */
  readonly entityParty?: PartyId | null;
  /** The `role` field of the entity written, when it has one (member records). */
  readonly entityRole?: string | null;
  readonly value?: unknown;
  readonly bootstrap?: boolean;
  readonly invitedSelf?: boolean;
  readonly acceptedProposal?: boolean;
}

export type RightsDecision =
  | { readonly allowed: true; readonly rule: WriteRule }
  | { readonly allowed: false; readonly reason: string };

function matches(pattern: readonly string[], path: readonly string[]): boolean {
  return pattern.length === path.length && pattern.every((p, i) => p === '*' || p === path[i]);
}

/** The first rule whose path pattern and op match, if any. */
export function findRule(path: readonly string[], op: WriteOp): WriteRule | undefined {
  return WRITE_RULES.find((r) => r.op === op && matches(r.path, path));
}

function keyOf(rule: WriteRule, path: readonly string[]): string | undefined {
  const i = rule.path.lastIndexOf('*');
  return i < 0 ? undefined : path[i];
}

function relationHolds(rel: Relation, rule: WriteRule, f: WriteFacts): boolean {
  const a = f.author;
  switch (rel) {
    case 'bootstrap':
      return f.bootstrap === true;
    case 'owner-party':
      return a !== undefined && f.entityParty != null && f.entityParty === a.partyId;
    case 'own-party-key':
      return a !== undefined && keyOf(rule, f.path) === a.partyId;
    case 'own-member-key':
      return a !== undefined && keyOf(rule, f.path) === a.memberId;
    case 'invited-self':
      // Under members/ the record must be the author's own; elsewhere (its 'joined' event) any place the row names.
      return f.invitedSelf === true && (f.path[0] !== 'members' || f.path[1] === f.authorId);
    case 'accepted-proposal':
      return f.acceptedProposal === true;
    case 'guest-entity':
      return typeof f.entityRole === 'string' && (GUEST_ROLES as readonly string[]).includes(f.entityRole);
  }
}

function clauseHolds(c: Clause, rule: WriteRule, f: WriteFacts): boolean {
  if (c.roles && (f.author === undefined || !c.roles.includes(f.author.role))) return false;
  if (c.relation && !relationHolds(c.relation, rule, f)) return false;
  if (c.values && !c.values.includes(f.value)) return false;
  return true;
}

/** Decides one write against WRITE_RULES. Pure; the reason never contains values, only the path. */
export function mayWrite(f: WriteFacts): RightsDecision {
  const rule = findRule(f.path, f.op);
  if (!rule) return { allowed: false, reason: `no rule allows ${f.op} at ${f.path.join('/')}` };
  if (rule.allow.some((c) => clauseHolds(c, rule, f))) return { allowed: true, rule };
  const who = f.author ? `a ${f.author.role} member` : 'a non-member';
  return { allowed: false, reason: `${who} may not ${f.op} at ${f.path.join('/')} (${rule.why})` };
}

/**
 * Invitations: customer and provider members may invite into any party; partner and observer
 * members only into their own party. shared/signed checks invite signatures against this too.
 */
export const INVITE_RULES: Readonly<Record<Role, 'any-party' | 'own-party'>> = {
  customer: 'any-party',
  provider: 'any-party',
  partner: 'own-party',
  observer: 'own-party',
};

export function mayInvite(inviter: Author, targetParty: PartyId): boolean {
  return INVITE_RULES[inviter.role] === 'any-party' || inviter.partyId === targetParty;
}

/** A member record as far as removal rights go. */
export interface RemovalTarget {
  readonly memberId: MemberId;
  readonly partyId: PartyId;
  readonly role: Role;
}

/**
 * May `remover` (an active member) remove `target`? The same clauses the table applies to
 * members/<id>/status, for commands, the CLI and the UI to ask before signing anything.
 */
export function mayRemove(remover: Author, target: RemovalTarget): boolean {
  return mayWrite({
    path: ['members', target.memberId, 'status'],
    op: 'set',
    authorId: remover.memberId,
    author: remover,
    entityParty: target.partyId,
    entityRole: target.role,
    value: 'removed',
  }).allowed;
}
