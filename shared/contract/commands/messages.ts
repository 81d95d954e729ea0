/** The conversation: messages to all parties and system events. Entries are immutable once written. */
import { type CommandContext, execute, freshId, nowOf, requireActor } from '../context';
import { EXTERNAL_SYSTEM_EVENTS, type SystemEventKind } from '../model';
import type { Result } from '../result';
import { LIMITS, oneOf, text } from '../validate';
import { prepareEvent, pushEvents, requireWrite } from '../writes';

/** Posts a message to every party of the case (any active member, observers included). */
export function postMessage(
  ctx: CommandContext,
  input: { readonly text: string },
): Result<{ readonly messageId: string }> {
  return execute(ctx, 'postMessage', (r) => {
    const author = requireActor(ctx, r);
    const body = text(input?.text, 'text', LIMITS.message);
    requireWrite(ctx, author, ['messages'], 'append');
    const id = freshId(ctx);
    const entry = {
      id,
      kind: 'message',
      author: ctx.actor,
      party: author.partyId,
      at: nowOf(ctx),
      text: body,
    };
    return { value: { messageId: id }, write: () => r.messages.push([entry]) };
  });
}

/**
 * Posts a system event on behalf of another module (the SLA clock's "at risk" / "breached"
 * escalations, notices). Events about proposals, signatures, members… are written by their
 * commands themselves, so only EXTERNAL_SYSTEM_EVENTS are accepted here.
 */
export function postSystemEvent(
  ctx: CommandContext,
  input: { readonly event: SystemEventKind; readonly text: string; readonly ref?: string },
): Result<{ readonly eventId: string }> {
  return execute(ctx, 'postSystemEvent', (r) => {
    const author = requireActor(ctx, r);
    const event = oneOf(input?.event, EXTERNAL_SYSTEM_EVENTS, 'event');
    const body = text(input.text, 'text', LIMITS.note);
    const ref = input.ref === undefined ? null : text(input.ref, 'ref', 64);
    requireWrite(ctx, author, ['messages'], 'append');
    const prepared = prepareEvent(ctx, author, nowOf(ctx), event, body, ref);
    return { value: { eventId: prepared.entry.id }, write: () => pushEvents(r, [prepared]) };
  });
}
