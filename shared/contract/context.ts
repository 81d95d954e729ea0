/**
 * How commands run: a context with the document, the acting member and injected clock and id
 * source (no command reads a clock or randomness itself, so tests and replays are deterministic),
 * and `execute`, which validates first and then writes in exactly one Yjs transaction.
 */
import type * as Y from 'yjs';
import type { MemberId } from './model';
import { entityMap, parseMember, str } from './read';
import type { Result } from './result';
import { ok } from './result';
import type { Author } from './rights';
import { type CaseRoots, roots } from './schema';
import { fail, Refused } from './validate';

export interface CommandContext {
  readonly doc: Y.Doc;
  /** The member issuing the command (its id as shared/signed defines it). */
  readonly actor: MemberId;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** A fresh id matching /^[A-Za-z0-9_-]{1,64}$/, unique across peers (e.g. 16 random bytes, base64url). */
  readonly newId: () => string;
}

/**
 * The transaction origin of every command's write. Listen with
 * `doc.on('update', (update, origin) => isCommandOrigin(origin) && sign(update, origin))`
 * to wrap each command's update in its own envelope. To batch several commands into one update,
 * run them inside your own `doc.transact(fn, yourOrigin)`: Yjs folds nested transactions into the
 * outer one, which then carries your origin.
 */
export interface CommandOrigin {
  readonly source: 'casepact/contract';
  readonly command: string;
  readonly actor: MemberId;
}

export function isCommandOrigin(origin: unknown): origin is CommandOrigin {
  return (
    typeof origin === 'object' &&
    origin !== null &&
    (origin as { source?: unknown }).source === 'casepact/contract' &&
    typeof (origin as { command?: unknown }).command === 'string'
  );
}

/** What a command's check phase hands back: its result value and, when something changes, the writes. */
export interface Plan<T> {
  readonly value: T;
  readonly write?: () => void;
}

/**
 * Runs `check` (which reads the document and may refuse by throwing Refused), then, only if it
 * succeeded, performs its writes in one transaction tagged with a CommandOrigin.
 */
export function execute<T>(
  ctx: CommandContext,
  command: string,
  check: (r: CaseRoots) => Plan<T>,
): Result<T> {
  let plan: Plan<T>;
  try {
    plan = check(roots(ctx.doc));
  } catch (e) {
    if (e instanceof Refused) return e.refusal;
    throw e;
  }
  const write = plan.write;
  if (write) {
    const origin: CommandOrigin = { source: 'casepact/contract', command, actor: ctx.actor };
    ctx.doc.transact(write, origin);
  }
  return ok(plan.value);
}

/** The current time from the context, checked so a broken clock cannot store garbage. */
export function nowOf(ctx: CommandContext): number {
  const t = ctx.now();
  if (!Number.isSafeInteger(t) || t < 0) fail('invalid-input', 'the context clock returned an invalid time');
  return t;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A fresh id from the context, checked against the id format. */
export function freshId(ctx: CommandContext): string {
  const id = ctx.newId();
  if (typeof id !== 'string' || !ID.test(id))
    fail('invalid-input', 'the context id source returned an invalid id');
  return id;
}

/** The case id, or a 'no-case' refusal. */
export function requireCase(r: CaseRoots): string {
  const id = str(r.caseMap, 'id');
  if (!id) fail('no-case', 'this document holds no case yet');
  return id;
}

/** The active membership of `member`, if any. */
export function authorOf(r: CaseRoots, member: MemberId): Author | undefined {
  const m = entityMap(r.members, member);
  const view = m && parseMember(member, m);
  if (view?.status !== 'active') return undefined;
  return { memberId: member, partyId: view.party, role: view.role };
}

/** The actor as an active member of an existing case, or a refusal. */
export function requireActor(ctx: CommandContext, r: CaseRoots): Author {
  requireCase(r);
  const a = authorOf(r, ctx.actor);
  if (!a) fail('not-a-member', 'you are not an active member of this case');
  return a;
}
