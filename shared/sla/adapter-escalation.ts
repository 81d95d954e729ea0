/**
 * Escalations as signed events. A firing (shared/sla/escalation.ts) is written as a system event
 * of the conversation — `sla-at-risk` or `sla-breached` — whose `ref` carries the firing's key,
 * so a crossing is escalated once: keys already in the log are not fired again, and when two
 * peers fire the same crossing concurrently, readers keep the first entry (conversation order)
 * and treat the other as a duplicate (docs/sla-clock.md §6).
 *
 * The rule's other steps are done in the same signed change: `raise-priority` (only upwards),
 * `propose-partner` (an open topic "Bring in <partner>" for the parties to negotiate, unless one
 * is already open). `notify` writes nothing: every peer that sees the event notifies its user
 * when the user's role is named (the app's job).
 */
import type * as Y from 'yjs';
import { addTopic } from '../contract/commands/items';
import { postSystemEvent } from '../contract/commands/messages';
import { setPriority } from '../contract/commands/case';
import type { CommandContext } from '../contract/context';
import type { ConversationEntry, Role } from '../contract/model';
import type { Result } from '../contract/result';
import { selectCase, selectMessages, selectTopics } from '../contract/selectors';
import { PRIORITIES, type Priority, type EscalationStep } from '../contract/sla-terms';
import type { EscalationFiring } from './escalation';
import type { SlaClock, SlaEvaluation } from './types';

/** Longest `ref` postSystemEvent accepts. */
export const MAX_REF_LENGTH = 64;
const HASHED_PREFIX = 'sla~';

/** 53-bit FNV-style hash in hex: keys only need to be told apart within one case. */
function shortHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The `ref` an escalation event carries: the firing key itself (`bump/resolution/breached/1`), or,
 * when a long rule id makes it longer than a ref may be, `sla~<rule id prefix>~<hash of the key>`.
 */
export function escalationRef(key: string): string {
  if (key.length <= MAX_REF_LENGTH) return key;
  const hash = shortHash(key);
  return `${HASHED_PREFIX}${key.slice(0, MAX_REF_LENGTH - HASHED_PREFIX.length - hash.length - 1)}~${hash}`;
}

/** An escalation recorded in the conversation; duplicates of the same ref are folded into it. */
export interface RecordedEscalation {
  readonly ref: string;
  readonly trigger: 'at-risk' | 'breached';
  /** The first entry with this ref, by conversation order. */
  readonly entry: Extract<ConversationEntry, { kind: 'system' }>;
  /** Later entries with the same ref (a peer fired the same crossing concurrently). */
  readonly duplicates: number;
}

/** The escalations in a conversation (selectMessages order), first entry per ref. */
export function recordedEscalations(messages: readonly ConversationEntry[]): RecordedEscalation[] {
  const byRef = new Map<
    string,
    { entry: Extract<ConversationEntry, { kind: 'system' }>; duplicates: number }
  >();
  for (const entry of messages) {
    if (entry.kind !== 'system' || (entry.event !== 'sla-at-risk' && entry.event !== 'sla-breached'))
      continue;
    if (typeof entry.ref !== 'string') continue;
    const known = byRef.get(entry.ref);
    if (known) known.duplicates++;
    else byRef.set(entry.ref, { entry, duplicates: 0 });
  }
  return [...byRef.entries()].map(([ref, { entry, duplicates }]) => ({
    ref,
    trigger: entry.event === 'sla-breached' ? 'breached' : 'at-risk',
    entry,
    duplicates,
  }));
}

/** Firings of `all` whose ref is not in the conversation yet, in the engine's order. */
export function pendingFirings(
  all: readonly EscalationFiring[],
  messages: readonly ConversationEntry[],
): EscalationFiring[] {
  const recorded = new Set(recordedEscalations(messages).map((r) => r.ref));
  return all.filter((firing) => !recorded.has(escalationRef(firing.key)));
}

const CLOCK_WORDS: Readonly<Record<string, string>> = {
  'first-response': 'First response',
  resolution: 'Resolution',
};

/** The sentence of an escalation event, unless the rule gives its own (a `system-event` step). */
export function escalationText(firing: EscalationFiring, clock: SlaClock | undefined): string {
  const own = firing.steps.find(
    (s): s is Extract<EscalationStep, { kind: 'system-event' }> => s.kind === 'system-event',
  );
  if (own) return own.text;
  const what = CLOCK_WORDS[firing.clockId] ?? firing.clockId;
  const state = firing.trigger === 'breached' ? 'breached' : 'at risk';
  const due = clock?.dueAt != null ? ` (due ${new Date(clock.dueAt).toISOString()})` : '';
  return `${what} target ${state}${due}`;
}

/** Roles a firing's `notify` steps name. */
export function notifiedRoles(firing: EscalationFiring): ReadonlySet<Role> {
  const roles = new Set<Role>();
  for (const step of firing.steps) if (step.kind === 'notify') for (const role of step.roles) roles.add(role);
  return roles;
}

export interface EscalationDone {
  readonly eventId: string;
  readonly ref: string;
  /** Steps done in the signed change, e.g. 'system-event', 'raise-priority:urgent'. */
  readonly performed: readonly string[];
  /** Steps left out, with why (not allowed for the actor's role, nothing to change). */
  readonly skipped: readonly { readonly step: string; readonly reason: string }[];
}

/**
 * Writes one firing as a signed change: the escalation event with the key as `ref`, plus the
 * rule's priority raise and partner proposal where the actor may make them. All of it is one
 * Yjs transaction (one envelope under a replica). Refused when the ref is already recorded.
 */
export function escalate(
  ctx: CommandContext,
  firing: EscalationFiring,
  evaluation: SlaEvaluation,
): Result<EscalationDone> {
  const ref = escalationRef(firing.key);
  const doc: Y.Doc = ctx.doc;
  let result: Result<EscalationDone> | undefined;
  doc.transact(
    () => {
      if (recordedEscalations(selectMessages(doc)).some((r) => r.ref === ref)) {
        result = { ok: false, error: 'invalid-state', message: 'this escalation is already recorded' };
        return;
      }
      const clock = evaluation.clocks.find((c) => c.id === firing.clockId);
      const posted = postSystemEvent(ctx, {
        event: firing.trigger === 'breached' ? 'sla-breached' : 'sla-at-risk',
        text: escalationText(firing, clock),
        ref,
      });
      if (!posted.ok) {
        result = posted;
        return;
      }
      const performed: string[] = ['system-event'];
      const skipped: { step: string; reason: string }[] = [];
      for (const step of firing.steps) {
        if (step.kind === 'raise-priority') {
          const name = `raise-priority:${step.to}`;
          const current = selectCase(doc)?.priority ?? 'normal';
          if (rank(step.to) <= rank(current)) {
            skipped.push({ step: name, reason: `priority is already ${current}` });
            continue;
          }
          const raised = setPriority(ctx, { priority: step.to });
          if (raised.ok) performed.push(name);
          else skipped.push({ step: name, reason: raised.message });
        } else if (step.kind === 'propose-partner') {
          const name = `propose-partner:${step.partnerName}`;
          const title = `Bring in ${step.partnerName}: ${step.reason}`.slice(0, 200);
          if (selectTopics(doc).some((t) => t.title === title && t.state === 'open')) {
            skipped.push({ step: name, reason: 'the topic is already open' });
            continue;
          }
          const raised = addTopic(ctx, { title });
          if (raised.ok) performed.push(name);
          else skipped.push({ step: name, reason: raised.message });
        }
      }
      result = { ok: true, value: { eventId: posted.value.eventId, ref, performed, skipped } };
    },
    { source: 'casepact/sla-escalation', actor: ctx.actor },
  );
  return result ?? { ok: false, error: 'invalid-state', message: 'the escalation did not run' };
}

function rank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}
