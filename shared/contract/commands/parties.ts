/** Parties and members: bring a party in, add a colleague, join by invite, remove a member. */
import {
  authorOf,
  type CommandContext,
  execute,
  freshId,
  nowOf,
  requireActor,
  requireCase,
} from '../context';
import { PARTY_KINDS, type PartyKind, type Role, ROLES } from '../model';
import { entityMap, parseMember, readAll, str } from '../read';
import type { Result } from '../result';
import { mayInvite } from '../rights';
import { fail, LIMITS, memberId, oneOf, optionalText, text } from '../validate';
import { checkedRotation } from './keys';
import { prepareEvent, pushEvents, putEntity, requireWrite, setFields } from '../writes';

export interface AddPartyInput {
  readonly name: string;
  readonly kind?: PartyKind;
  readonly role: Role;
}

/** Brings another organisation or person into the case (customer and provider members only). */
export function addParty(ctx: CommandContext, input: AddPartyInput): Result<{ readonly partyId: string }> {
  return execute(ctx, 'addParty', (r) => {
    const author = requireActor(ctx, r);
    const name = text(input?.name, 'name', LIMITS.name);
    const kind = input.kind === undefined ? 'organisation' : oneOf(input.kind, PARTY_KINDS, 'kind');
    const role = oneOf(input.role, ROLES, 'role');
    const partyId = freshId(ctx);
    requireWrite(ctx, author, ['parties', partyId], 'create', { entityParty: partyId });
    const at = nowOf(ctx);
    const event = prepareEvent(ctx, author, at, 'party-added', `${name} joined the case as ${role}`, partyId);
    return {
      value: { partyId },
      write: () => {
        putEntity(r.parties, partyId, {
          id: partyId,
          name,
          kind,
          role,
          party: partyId,
          createdBy: ctx.actor,
          createdAt: at,
        });
        pushEvents(r, [event]);
      },
    };
  });
}

export interface AddMemberInput {
  readonly memberId: string;
  readonly displayName: string;
  readonly organisation?: string;
}

/** Adds a colleague to the actor's own party (or re-adds a removed one). */
export function addMember(ctx: CommandContext, input: AddMemberInput): Result<{ readonly memberId: string }> {
  return execute(ctx, 'addMember', (r) => {
    const author = requireActor(ctx, r);
    const id = memberId(input?.memberId, 'memberId');
    const displayName = text(input.displayName, 'displayName', LIMITS.name);
    const organisation = optionalText(input.organisation, 'organisation', LIMITS.name);
    const existing = entityMap(r.members, id);
    const view = existing && parseMember(id, existing);
    if (view?.status === 'active') fail('already-member', 'that member is already active in this case');
    if (view && view.party !== author.partyId) fail('forbidden', 'that member belongs to another party');
    requireWrite(ctx, author, ['members', id], 'create', { entityParty: author.partyId });
    const at = nowOf(ctx);
    const event = prepareEvent(ctx, author, at, 'member-added', `${displayName} was added`, id);
    return {
      value: { memberId: id },
      write: () => {
        putEntity(r.members, id, {
          id,
          displayName,
          organisation,
          party: author.partyId,
          role: author.role,
          status: 'active',
          addedBy: ctx.actor,
          addedAt: at,
          createdBy: ctx.actor,
          createdAt: at,
        });
        pushEvents(r, [event]);
      },
    };
  });
}

export interface JoinInput {
  /** The party the invite is for. */
  readonly party: string;
  /** The member who made the invite. */
  readonly invitedBy: string;
  readonly displayName: string;
  readonly organisation?: string;
}

/**
 * The actor registers itself through an invite. Call it only after shared/signed has verified the
 * invite (signature, expiry, single use): the contract checks that the inviter is an active member
 * allowed to invite into that party (rights.ts INVITE_RULES), not the invite's cryptography.
 */
export function joinViaInvite(ctx: CommandContext, input: JoinInput): Result<{ readonly memberId: string }> {
  return execute(ctx, 'joinViaInvite', (r) => {
    requireCase(r);
    memberId(ctx.actor, 'actor');
    if (authorOf(r, ctx.actor)) fail('already-member', 'you are already an active member of this case');
    const party = text(input?.party, 'party', 64);
    const partyMap = entityMap(r.parties, party);
    const role = partyMap && (str(partyMap, 'role') as Role | undefined);
    if (!partyMap || !role || !ROLES.includes(role))
      fail('unknown-party', 'the invite names no party of this case');
    const inviter = authorOf(r, memberId(input.invitedBy, 'invitedBy'));
    if (!inviter) fail('unknown-member', 'the inviter is not an active member of this case');
    if (!mayInvite(inviter, party))
      fail('forbidden', `a ${inviter.role} member may invite only into its own party`);
    const displayName = text(input.displayName, 'displayName', LIMITS.name);
    const organisation = optionalText(input.organisation, 'organisation', LIMITS.name);
    const previous = entityMap(r.members, ctx.actor);
    if (previous)
      requireWrite(ctx, undefined, ['members', ctx.actor, 'status'], 'set', {
        invitedSelf: true,
        value: 'active',
      });
    else requireWrite(ctx, undefined, ['members', ctx.actor], 'create', { invitedSelf: true });
    if (previous && str(previous, 'party') !== party)
      fail('forbidden', 'a removed member can rejoin only its own party');
    const at = nowOf(ctx);
    const event = prepareEvent(
      ctx,
      { memberId: ctx.actor, partyId: party },
      at,
      'member-joined',
      `${displayName} joined`,
      ctx.actor,
    );
    const fields = { displayName, organisation, status: 'active', addedBy: inviter.memberId, addedAt: at };
    return {
      value: { memberId: ctx.actor },
      write: () => {
        if (previous) setFields(previous, fields);
        else
          putEntity(r.members, ctx.actor, {
            id: ctx.actor,
            party,
            role,
            createdBy: ctx.actor,
            createdAt: at,
            ...fields,
          });
        pushEvents(r, [event]);
      },
    };
  });
}

export interface RemoveMemberInput {
  readonly memberId: string;
  /**
   * The key rotation that goes with the removal (shared/membership `planRemoval`: a new case key
   * sealed to every remaining member), as its JSON-safe StoredKeyRotation. Written in the same
   * transaction, so removal and rotation are one signed change. The contract checks its form and
   * that it fits this removal; shared/signed/rotation-check.ts checks its keys on every peer.
   * Without it the member is removed but the key does not change (the removed member could
   * still read what is sealed with the old key): only for documents that carry no keys.
   */
  readonly rotation?: unknown;
}

/**
 * Removes a member, or the actor itself (leaving). Who may remove whom: rights.ts REMOVAL_CLAUSES
 * (own party; customer and provider also partner and observer members; anyone may leave). The
 * record stays, marked removed.
 */
export function removeMember(
  ctx: CommandContext,
  input: RemoveMemberInput,
): Result<{ readonly memberId: string; readonly rotationKey: string | null }> {
  return execute(ctx, 'removeMember', (r) => {
    const author = requireActor(ctx, r);
    const id = memberId(input?.memberId, 'memberId');
    const m = entityMap(r.members, id);
    const target = m && parseMember(id, m);
    if (!m || !target || target.status !== 'active') fail('unknown-member', 'no active member with that id');
    requireWrite(ctx, author, ['members', id, 'status'], 'set', {
      entityParty: target.party,
      entityRole: target.role,
      value: 'removed',
    });
    const active = readAll(r.members, parseMember).filter((x) => x.status === 'active');
    if (active.length === 1) fail('invalid-state', 'the last active member cannot be removed');
    const leaving = id === ctx.actor;
    const rotation =
      input.rotation === undefined
        ? undefined
        : checkedRotation(ctx, r, author, input.rotation, leaving ? 'member-left' : 'member-removed', 1);
    const at = nowOf(ctx);
    const event = prepareEvent(
      ctx,
      author,
      at,
      'member-removed',
      leaving ? `${target.displayName} left the case` : `${target.displayName} was removed`,
      id,
    );
    return {
      value: { memberId: id, rotationKey: rotation?.key ?? null },
      write: () => {
        setFields(m, { status: 'removed', removedBy: ctx.actor, removedAt: at });
        if (rotation) r.keyRotations.set(rotation.key, rotation.value);
        pushEvents(r, [event]);
      },
    };
  });
}
