/** Case-level commands: create the case, status, priority, category, the collaborative summary. */
import { agreementsForCommand } from '../agreements';
import { type CommandContext, execute, freshId, nowOf, requireActor } from '../context';
import { CASE_STATUSES, type CaseStatus, PARTY_KINDS, type PartyKind, type Role } from '../model';
import { entityMap, readCase, str } from '../read';
import type { Changed, Result } from '../result';
import type { Author } from '../rights';
import type { CaseRoots } from '../schema';
import { PRIORITIES, type Priority, type SlaTerms } from '../sla-terms';
import { fail, LIMITS, memberId, oneOf, optionalText, text } from '../validate';
import { normaliseSlaTerms } from '../validate-sla';
import { prepareEvent, pushEvents, putEntity, requireWrite } from '../writes';

export interface CreateCaseInput {
  readonly title: string;
  readonly summary?: string;
  /** Defaults to 'normal'. */
  readonly priority?: Priority;
  readonly category?: string | null;
  /** The creator's own party; its role must be customer or provider. */
  readonly party: { readonly name: string; readonly kind?: PartyKind; readonly role: Role };
  readonly member: { readonly displayName: string; readonly organisation?: string };
  readonly sla?: SlaTerms;
}

export interface CreatedCase {
  readonly caseId: string;
  readonly partyId: string;
}

/** What createCase's check phase prepared; createCaseFromTemplate adds its own writes after it. */
export interface CaseBootstrap extends CreatedCase {
  readonly at: number;
  readonly author: Author;
  readonly write: () => void;
}

/** Check phase of createCase (shared with templates). Refuses if the document already holds a case. */
export function checkCreateCase(
  ctx: CommandContext,
  r: CaseRoots,
  input: CreateCaseInput,
  templateId: string | null,
): CaseBootstrap {
  if (str(r.caseMap, 'id') !== undefined) fail('case-exists', 'this document already holds a case');
  memberId(ctx.actor, 'actor');
  const title = text(input?.title, 'title', LIMITS.title);
  const summary = optionalText(input.summary, 'summary', LIMITS.summary);
  const priority = input.priority === undefined ? 'normal' : oneOf(input.priority, PRIORITIES, 'priority');
  const category = input.category == null ? null : text(input.category, 'category', LIMITS.label);
  const partyName = text(input.party?.name, 'party.name', LIMITS.name);
  const kind =
    input.party.kind === undefined ? 'organisation' : oneOf(input.party.kind, PARTY_KINDS, 'party.kind');
  const role = oneOf(input.party.role, ['customer', 'provider'] as const, 'party.role');
  const displayName = text(input.member?.displayName, 'member.displayName', LIMITS.name);
  const organisation = optionalText(input.member.organisation, 'member.organisation', LIMITS.name);
  const sla = input.sla === undefined ? null : normaliseSlaTerms(input.sla);
  const caseId = freshId(ctx);
  const partyId = freshId(ctx);
  const at = nowOf(ctx);
  const author: Author = { memberId: ctx.actor, partyId, role };
  requireWrite(ctx, undefined, ['case', 'id'], 'set', { bootstrap: true });
  const event = prepareEvent(
    ctx,
    author,
    at,
    'case-created',
    displayName === partyName
      ? `Case opened by ${displayName}`
      : `Case opened by ${displayName} (${partyName})`,
    caseId,
  );
  const write = (): void => {
    const c = r.caseMap;
    c.set('id', caseId);
    c.set('title', title);
    c.set('status', 'open');
    c.set('waitingOn', null);
    c.set('priority', priority);
    c.set('category', category);
    c.set('templateId', templateId);
    c.set('createdAt', at);
    c.set('createdBy', ctx.actor);
    if (summary) r.summary.insert(0, summary);
    putEntity(r.parties, partyId, {
      id: partyId,
      name: partyName,
      kind,
      role,
      party: partyId,
      createdBy: ctx.actor,
      createdAt: at,
    });
    putEntity(r.members, ctx.actor, {
      id: ctx.actor,
      displayName,
      organisation,
      party: partyId,
      role,
      status: 'active',
      addedBy: ctx.actor,
      addedAt: at,
      createdBy: ctx.actor,
      createdAt: at,
    });
    if (sla) r.sla.set('terms', sla);
    pushEvents(r, [event]);
  };
  return { caseId, partyId, at, author, write };
}

/** Creates the case in an empty document; the actor becomes the first member of a new party. */
export function createCase(ctx: CommandContext, input: CreateCaseInput): Result<CreatedCase> {
  return execute(ctx, 'createCase', (r) => {
    const b = checkCreateCase(ctx, r, input, null);
    return { value: { caseId: b.caseId, partyId: b.partyId }, write: b.write };
  });
}

export interface SetStatusInput {
  readonly status: CaseStatus;
  /** Required with 'waiting': the party the case waits on. */
  readonly waitingOn?: string;
}

/**
 * Sets the case status. 'agreed' needs the current terms agreed by every party; 'waiting' names the
 * party waited on; a closed case can only be reopened ('open').
 */
export function setStatus(ctx: CommandContext, input: SetStatusInput): Result<Changed> {
  return execute<Changed>(ctx, 'setStatus', (r) => {
    const author = requireActor(ctx, r);
    const status = oneOf(input?.status, CASE_STATUSES, 'status');
    let waitingOn: string | null = null;
    if (status === 'waiting') {
      waitingOn = text(input.waitingOn, 'waitingOn', 64);
      if (!entityMap(r.parties, waitingOn)) fail('unknown-party', 'waitingOn names no party of this case');
    } else if (input.waitingOn !== undefined) {
      fail('invalid-input', "waitingOn goes only with status 'waiting'");
    }
    requireWrite(ctx, author, ['case', 'status'], 'set', { value: status });
    const current = readCase(r);
    if (current?.status === status && current.waitingOn === waitingOn) return { value: { changed: false } };
    if (current?.status === 'closed' && status !== 'open') {
      fail('invalid-state', "a closed case can only be reopened (status 'open')");
    }
    if (status === 'agreed' && !agreementsForCommand(ctx.doc).view.currentTermsAgreed) {
      fail('not-agreed', 'the current terms are not signed by every party yet');
    }
    const at = nowOf(ctx);
    const event = prepareEvent(ctx, author, at, 'status-changed', `Status set to ${status}`, waitingOn);
    return {
      value: { changed: true },
      write: () => {
        r.caseMap.set('status', status);
        r.caseMap.set('waitingOn', waitingOn);
        pushEvents(r, [event]);
      },
    };
  });
}

export function setPriority(ctx: CommandContext, input: { readonly priority: Priority }): Result<Changed> {
  return execute<Changed>(ctx, 'setPriority', (r) => {
    const author = requireActor(ctx, r);
    const priority = oneOf(input?.priority, PRIORITIES, 'priority');
    requireWrite(ctx, author, ['case', 'priority'], 'set', { value: priority });
    if (str(r.caseMap, 'priority') === priority) return { value: { changed: false } };
    const event = prepareEvent(ctx, author, nowOf(ctx), 'priority-changed', `Priority set to ${priority}`);
    return {
      value: { changed: true },
      write: () => {
        r.caseMap.set('priority', priority);
        pushEvents(r, [event]);
      },
    };
  });
}

/** Sets or clears the category (which selects per-category SLA targets, e.g. "lost-pet"). */
export function setCategory(
  ctx: CommandContext,
  input: { readonly category: string | null },
): Result<Changed> {
  return execute<Changed>(ctx, 'setCategory', (r) => {
    const author = requireActor(ctx, r);
    const category = input?.category === null ? null : text(input?.category, 'category', LIMITS.label);
    requireWrite(ctx, author, ['case', 'category'], 'set', { value: category });
    if ((str(r.caseMap, 'category') ?? null) === category) return { value: { changed: false } };
    return { value: { changed: true }, write: () => r.caseMap.set('category', category) };
  });
}

export interface EditSummaryInput {
  /** Position in the current summary (UTF-16 code units). */
  readonly index: number;
  readonly deleteCount: number;
  readonly insert: string;
}

/** One collaborative edit of the summary (Y.Text): concurrent edits from peers merge. */
export function editSummary(
  ctx: CommandContext,
  input: EditSummaryInput,
): Result<{ readonly length: number }> {
  return execute(ctx, 'editSummary', (r) => {
    const author = requireActor(ctx, r);
    requireWrite(ctx, author, ['summary'], 'text');
    const length = r.summary.length;
    const { index, deleteCount, insert } = input ?? ({} as EditSummaryInput);
    if (!Number.isInteger(index) || index < 0 || index > length)
      fail('invalid-input', 'index is outside the summary');
    if (!Number.isInteger(deleteCount) || deleteCount < 0 || index + deleteCount > length) {
      fail('invalid-input', 'deleteCount reaches past the end of the summary');
    }
    if (typeof insert !== 'string') fail('invalid-input', 'insert must be a string');
    const next = length - deleteCount + insert.length;
    if (next > LIMITS.summary)
      fail('invalid-input', `the summary may not exceed ${LIMITS.summary} characters`);
    if (deleteCount === 0 && insert === '') return { value: { length } };
    return {
      value: { length: next },
      write: () => {
        if (deleteCount > 0) r.summary.delete(index, deleteCount);
        if (insert) r.summary.insert(index, insert);
      },
    };
  });
}
