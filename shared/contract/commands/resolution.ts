/**
 * The resolution summary: when a case is resolved, the resolving party writes what the problem
 * was, its cause and the fix. It joins the local knowledge index (shared/knowledge) so the next
 * case with the same problem finds it on first contact.
 *
 * Stored at resolutions/<id> (schema.ts RESOLUTION_FIELDS), owned by the resolving party
 * (rights.ts: customer or provider, own party only), never changed afterwards: a correction or a
 * resolution after reopening is a new entry, and the latest one is current (selectResolutions).
 */
import { type CommandContext, execute, freshId, nowOf, requireActor } from '../context';
import { readCase } from '../read';
import type { Result } from '../result';
import { fail, LIMITS, text } from '../validate';
import { prepareEvent, pushEvents, putEntity, requireWrite } from '../writes';

export interface ResolveCaseInput {
  /** What went wrong, in the customer's words if possible. */
  readonly problem: string;
  /** Why it went wrong; may be empty when it is not known. */
  readonly cause?: string;
  /** What fixed it. */
  readonly fix: string;
}

export interface Resolved {
  readonly resolutionId: string;
  /** False when the case was already resolved (the summary was added or corrected). */
  readonly statusChanged: boolean;
}

/** Longest excerpt of the problem quoted in the conversation event. */
const EVENT_EXCERPT = 120;

/**
 * Resolves the case and records the resolving party's summary in one change. On a case that is
 * already resolved it records a new summary (a correction) and leaves the status as it is. A
 * closed case must be reopened first.
 */
export function resolveCase(ctx: CommandContext, input: ResolveCaseInput): Result<Resolved> {
  return execute<Resolved>(ctx, 'resolveCase', (r) => {
    const author = requireActor(ctx, r);
    const problem = text(input?.problem, 'problem', LIMITS.text);
    const cause = input.cause === undefined ? '' : text(input.cause, 'cause', LIMITS.text, true);
    const fix = text(input.fix, 'fix', LIMITS.text);
    const current = readCase(r);
    if (current?.status === 'closed')
      fail('invalid-state', "a closed case must be reopened (status 'open') first");
    const statusChanged = current?.status !== 'resolved';
    if (statusChanged) requireWrite(ctx, author, ['case', 'status'], 'set', { value: 'resolved' });
    const resolutionId = freshId(ctx);
    requireWrite(ctx, author, ['resolutions', resolutionId], 'create', { entityParty: author.partyId });
    const at = nowOf(ctx);
    const excerpt = problem.length > EVENT_EXCERPT ? `${problem.slice(0, EVENT_EXCERPT - 1)}…` : problem;
    const events = [
      ...(statusChanged ? [prepareEvent(ctx, author, at, 'status-changed', 'Status set to resolved')] : []),
      prepareEvent(ctx, author, at, 'notice', `Resolution summary: ${excerpt}`, resolutionId),
    ];
    return {
      value: { resolutionId, statusChanged },
      write: () => {
        if (statusChanged) {
          r.caseMap.set('status', 'resolved');
          r.caseMap.set('waitingOn', null);
        }
        putEntity(r.resolutions, resolutionId, {
          id: resolutionId,
          problem,
          cause,
          fix,
          party: author.partyId,
          createdBy: ctx.actor,
          createdAt: at,
        });
        pushEvents(r, events);
      },
    };
  });
}

/** The current resolution (the latest summary), or null; pass `selectResolutions` output or a snapshot's. */
export function currentResolution<T>(resolutions: readonly T[]): T | null {
  return resolutions[resolutions.length - 1] ?? null;
}
