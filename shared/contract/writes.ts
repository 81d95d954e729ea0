/**
 * Low-level write helpers used inside a command's single transaction, and the rights guard used
 * in its check phase. Nothing here validates input: commands do that before writing.
 */
import * as Y from 'yjs';
import type { CommandContext } from './context';
import { freshId } from './context';
import type { ConversationEntry, SystemEventKind } from './model';
import { type Author, mayWrite, type WriteFacts, type WriteOp } from './rights';
import type { CaseRoots } from './schema';
import { fail } from './validate';

/** Refuses with 'forbidden' unless shared/contract/rights.ts allows the write. */
export function requireWrite(
  ctx: CommandContext,
  author: Author | undefined,
  path: readonly string[],
  op: WriteOp,
  facts: Omit<WriteFacts, 'path' | 'op' | 'authorId' | 'author'> = {},
): void {
  const d = mayWrite({ path, op, authorId: ctx.actor, author, ...facts });
  if (!d.allowed) fail('forbidden', d.reason);
}

/** Creates an entity map at root[id] with the given fields (undefined fields are skipped). */
export function putEntity(root: Y.Map<unknown>, id: string, fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  root.set(id, m);
  setFields(m, fields);
  return m;
}

/** Writes fields of an entity; each write lands at [root, id, field]. Undefined means "leave as is". */
export function setFields(m: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined) m.set(k, v);
  }
}

/** A system event prepared in the check phase (its id is drawn there, so writing cannot fail). */
export interface PreparedEvent {
  readonly entry: ConversationEntry;
}

export function prepareEvent(
  ctx: CommandContext,
  author: { readonly memberId: string; readonly partyId: string },
  at: number,
  event: SystemEventKind,
  text: string,
  ref: string | null = null,
): PreparedEvent {
  return {
    entry: {
      id: freshId(ctx),
      kind: 'system',
      author: author.memberId,
      party: author.partyId,
      at,
      text,
      event,
      ref,
    },
  };
}

export function pushEvents(r: CaseRoots, events: readonly PreparedEvent[]): void {
  if (events.length > 0) r.messages.push(events.map((e) => ({ ...e.entry })));
}
