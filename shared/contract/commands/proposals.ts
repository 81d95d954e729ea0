/**
 * Negotiation: a party proposes changes to the terms; every other party whose commitments they
 * touch accepts, rejects, or counters with a new proposal. The changes apply to the terms in the
 * transaction that records the last needed acceptance (at once, if they touch only the proposer).
 * If two parties accept concurrently on different peers, neither saw the other's answer: after the
 * merge the proposal shows 'accepted', and any negotiator applies it with applyAcceptedProposal.
 */
import * as Y from 'yjs';
import { applyChanges } from '../changes-apply';
import { checkChanges, type SimState } from '../changes-check';
import { normaliseChanges } from '../changes-normalise';
import type { TermsChangeInput } from '../changes-normalise';
import { type CommandContext, execute, freshId, nowOf, requireActor } from '../context';
import type { ProposalResponse, TermsChange } from '../model';
import { proposalStatus } from '../proposal-status';
import { entityMap } from '../read';
import { readStoredProposals, type StoredProposal } from '../read-negotiation';
import type { Result } from '../result';
import type { Author } from '../rights';
import type { CaseRoots } from '../schema';
import { entityId, fail, LIMITS, optionalText } from '../validate';
import { type PreparedEvent, prepareEvent, pushEvents, putEntity, requireWrite } from '../writes';

export type { TermsChangeInput } from '../changes-normalise';

export interface ProposeInput {
  readonly changes: readonly TermsChangeInput[];
  readonly note?: string;
}

export interface Proposed {
  readonly proposalId: string;
  /** True when the changes touched only the proposer's party and applied at once. */
  readonly applied: boolean;
  readonly touched: readonly string[];
}

/** For templates: the case is being created in the same transaction. */
export interface BootstrapProposal {
  /** The state of the case about to be written, to check the changes against. */
  readonly sim: SimState;
}

/** Check phase of making a proposal; shared by proposeChange, counter and templates. */
export function checkPropose(
  ctx: CommandContext,
  r: CaseRoots,
  author: Author,
  input: ProposeInput,
  counterOf: StoredProposal | null,
  at: number,
  bootstrap?: BootstrapProposal,
): { readonly value: Proposed; readonly write: () => void } {
  const note = optionalText(input?.note, 'note', LIMITS.note);
  const normalised = normaliseChanges(input?.changes, ctx, 'input');
  const proposalId = freshId(ctx);
  const facts = { entityParty: author.partyId, bootstrap: bootstrap !== undefined };
  requireWrite(ctx, bootstrap ? undefined : author, ['proposals', proposalId], 'create', facts);
  const extra = counterOf ? [counterOf.party] : [];
  const { changes, touched } = checkChanges(r, normalised, author.partyId, extra, bootstrap?.sim);
  const applied = touched.every((p) => p === author.partyId);
  const own: ProposalResponse = { verdict: 'accepted', by: ctx.actor, at };
  const events: PreparedEvent[] = [
    prepareEvent(
      ctx,
      author,
      at,
      'proposal-made',
      note || `Proposed ${changes.length} change(s) to the terms`,
      proposalId,
    ),
  ];
  if (applied)
    events.push(
      prepareEvent(ctx, author, at, 'proposal-applied', 'The proposal applies to the terms', proposalId),
    );
  const write = (): void => {
    const responses = new Y.Map<unknown>();
    putEntity(r.proposals, proposalId, {
      id: proposalId,
      party: author.partyId,
      createdBy: ctx.actor,
      createdAt: at,
      note,
      changes,
      touched,
      counterOf: counterOf?.id ?? null,
      responses,
    });
    responses.set(author.partyId, own);
    if (applied) {
      applyChanges(r, changes, {
        proposalId,
        proposer: author.partyId,
        proposedByMember: ctx.actor,
        actor: ctx.actor,
        at,
      });
    }
    pushEvents(r, events);
  };
  return { value: { proposalId, applied, touched }, write };
}

/** Proposes changes to the terms in the name of the actor's party (which thereby accepts them). */
export function proposeChange(ctx: CommandContext, input: ProposeInput): Result<Proposed> {
  return execute(ctx, 'proposeChange', (r) => {
    const author = requireActor(ctx, r);
    return checkPropose(ctx, r, author, input, null, nowOf(ctx));
  });
}

/** The proposal, open for an answer from the actor's party, or a refusal. */
function openForAnswer(
  ctx: CommandContext,
  r: CaseRoots,
  author: Author,
  proposalId: unknown,
): StoredProposal {
  const id = entityId(proposalId, 'proposalId');
  const p = readStoredProposals(r).find((x) => x.id === id);
  if (!p) fail('unknown-proposal', 'no proposal with that id');
  requireWrite(ctx, author, ['proposals', id, 'responses', author.partyId], 'set');
  const status = proposalStatus(p);
  if (status !== 'pending') fail('proposal-closed', `the proposal is ${status}`);
  if (!p.touched.includes(author.partyId))
    fail('not-touched', "the proposal does not touch your party's commitments");
  if (p.responses.has(author.partyId)) fail('already-responded', 'your party has already answered');
  return p;
}

/** Re-checks a stored proposal against the current terms: the changes to apply, or a refusal. */
function recheck(ctx: CommandContext, r: CaseRoots, p: StoredProposal): TermsChange[] {
  return checkChanges(r, normaliseChanges(p.changes, ctx, 'stored'), p.party).changes;
}

function writeResponse(r: CaseRoots, p: StoredProposal, party: string, response: ProposalResponse): void {
  const m = entityMap(r.proposals, p.id);
  let responses = m?.get('responses');
  if (m && !(responses instanceof Y.Map)) {
    responses = new Y.Map<unknown>();
    m.set('responses', responses);
  }
  (responses as Y.Map<unknown>).set(party, response);
}

/** Accepts a proposal for the actor's party; applies it when this was the last acceptance needed. */
export function accept(
  ctx: CommandContext,
  input: { readonly proposalId: string },
): Result<{ readonly applied: boolean }> {
  return execute(ctx, 'accept', (r) => {
    const author = requireActor(ctx, r);
    const p = openForAnswer(ctx, r, author, input?.proposalId);
    const complete = p.touched.every(
      (t) => t === author.partyId || p.responses.get(t)?.verdict === 'accepted',
    );
    // Refuse an acceptance that would complete a proposal the terms can no longer take (e.g. its
    // action was cancelled meanwhile): reject or counter it instead.
    const changes = complete ? recheck(ctx, r, p) : [];
    const at = nowOf(ctx);
    const events = [prepareEvent(ctx, author, at, 'proposal-accepted', 'Accepted the proposal', p.id)];
    if (complete)
      events.push(
        prepareEvent(ctx, author, at, 'proposal-applied', 'Every party accepted: the terms changed', p.id),
      );
    return {
      value: { applied: complete },
      write: () => {
        writeResponse(r, p, author.partyId, { verdict: 'accepted', by: ctx.actor, at });
        if (complete)
          applyChanges(r, changes, {
            proposalId: p.id,
            proposer: p.party,
            proposedByMember: p.createdBy,
            actor: ctx.actor,
            at,
          });
        pushEvents(r, events);
      },
    };
  });
}

/** Rejects a proposal for the actor's party; the reason goes to the conversation. */
export function reject(
  ctx: CommandContext,
  input: { readonly proposalId: string; readonly reason?: string },
): Result<{ readonly proposalId: string }> {
  return execute(ctx, 'reject', (r) => {
    const author = requireActor(ctx, r);
    const p = openForAnswer(ctx, r, author, input?.proposalId);
    const reason = optionalText(input.reason, 'reason', LIMITS.note);
    const at = nowOf(ctx);
    const event = prepareEvent(
      ctx,
      author,
      at,
      'proposal-rejected',
      reason ? `Rejected: ${reason}` : 'Rejected the proposal',
      p.id,
    );
    return {
      value: { proposalId: p.id },
      write: () => {
        writeResponse(r, p, author.partyId, { verdict: 'rejected', by: ctx.actor, at });
        pushEvents(r, [event]);
      },
    };
  });
}

/** Answers a proposal with a counter-proposal, which also needs the original proposer's acceptance. */
export function counter(
  ctx: CommandContext,
  input: { readonly proposalId: string } & ProposeInput,
): Result<{ readonly proposalId: string }> {
  return execute(ctx, 'counter', (r) => {
    const author = requireActor(ctx, r);
    const p = openForAnswer(ctx, r, author, input?.proposalId);
    if (p.party === author.partyId)
      fail('invalid-state', 'withdraw your own proposal instead of countering it');
    const at = nowOf(ctx);
    const next = checkPropose(ctx, r, author, input, p, at);
    const event = prepareEvent(ctx, author, at, 'proposal-countered', 'Countered with a new proposal', p.id);
    return {
      value: { proposalId: next.value.proposalId },
      write: () => {
        writeResponse(r, p, author.partyId, {
          verdict: 'countered',
          by: ctx.actor,
          at,
          counterProposalId: next.value.proposalId,
        });
        pushEvents(r, [event]);
        next.write();
      },
    };
  });
}

/** The proposing party withdraws its pending proposal. */
export function withdrawProposal(
  ctx: CommandContext,
  input: { readonly proposalId: string },
): Result<{ readonly proposalId: string }> {
  return execute(ctx, 'withdrawProposal', (r) => {
    const author = requireActor(ctx, r);
    const id = entityId(input?.proposalId, 'proposalId');
    const p = readStoredProposals(r).find((x) => x.id === id);
    const m = entityMap(r.proposals, id);
    if (!p || !m) fail('unknown-proposal', 'no proposal with that id');
    requireWrite(ctx, author, ['proposals', id, 'withdrawnAt'], 'set', { entityParty: p.party });
    const status = proposalStatus(p);
    if (status !== 'pending') fail('proposal-closed', `the proposal is ${status}`);
    const at = nowOf(ctx);
    const event = prepareEvent(ctx, author, at, 'proposal-withdrawn', 'Withdrew the proposal', id);
    return {
      value: { proposalId: id },
      write: () => {
        m.set('withdrawnBy', ctx.actor);
        m.set('withdrawnAt', at);
        pushEvents(r, [event]);
      },
    };
  });
}

/** Applies a proposal every touched party accepted but nobody applied (concurrent acceptances). */
export function applyAcceptedProposal(
  ctx: CommandContext,
  input: { readonly proposalId: string },
): Result<{ readonly proposalId: string }> {
  return execute(ctx, 'applyAcceptedProposal', (r) => {
    const author = requireActor(ctx, r);
    const id = entityId(input?.proposalId, 'proposalId');
    const p = readStoredProposals(r).find((x) => x.id === id);
    if (!p) fail('unknown-proposal', 'no proposal with that id');
    // The role check: whether the proposal really is accepted is the status check just below.
    requireWrite(ctx, author, ['proposals', id, 'appliedAt'], 'set', { acceptedProposal: true });
    const status = proposalStatus(p);
    if (status !== 'accepted')
      fail(status === 'pending' ? 'not-accepted' : 'proposal-closed', `the proposal is ${status}`);
    const changes = recheck(ctx, r, p);
    const at = nowOf(ctx);
    const event = prepareEvent(
      ctx,
      author,
      at,
      'proposal-applied',
      'Every party accepted: the terms changed',
      id,
    );
    return {
      value: { proposalId: id },
      write: () => {
        applyChanges(r, changes, {
          proposalId: id,
          proposer: p.party,
          proposedByMember: p.createdBy,
          actor: ctx.actor,
          at,
        });
        pushEvents(r, [event]);
      },
    };
  });
}
