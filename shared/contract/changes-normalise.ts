/**
 * Shape checks for proposed changes to the terms: untrusted input (dates as ISO 8601 strings) or a
 * change already stored in a proposal (dates as ms) becomes a normalised TermsChange. Checks that
 * need the document (does the action exist, would it close a cycle…) live in changes-check.ts.
 */
import type { CommandContext } from './context';
import { freshId } from './context';
import {
  DATA_ITEM_KINDS,
  type DataItemKind,
  type DataValue,
  type SlaTerms,
  type TermsChange,
  TOPIC_STATES,
  type TopicState,
} from './model';
import {
  choiceList,
  dataValue,
  entityId,
  fail,
  idList,
  instantOrNull,
  LIMITS,
  memberId,
  oneOf,
  optionalText,
  record,
  text,
} from './validate';
import { normaliseSlaTerms } from './validate-sla';

/** A new action as a caller proposes it. */
export interface ActionDraftInput {
  /** Optional caller-chosen id, so later changes of the same proposal can depend on it. */
  readonly id?: string;
  readonly title: string;
  readonly description?: string;
  /** Owner party id. */
  readonly party: string;
  readonly member?: string | null;
  /** ISO 8601 date-time with offset, or null. */
  readonly dueAt?: string | null;
  readonly dependsOn?: readonly string[];
  readonly topic?: string | null;
}

export interface DataItemDraftInput {
  readonly id?: string;
  readonly label: string;
  readonly kind: DataItemKind;
  readonly choices?: readonly string[];
  /** Owner party id: the party asked to provide the value. */
  readonly party: string;
  readonly value?: DataValue;
}

/** A change as callers write it (dates as ISO 8601 strings). */
export type TermsChangeInput =
  | { readonly kind: 'add-action'; readonly action: ActionDraftInput }
  | {
      readonly kind: 'modify-action';
      readonly actionId: string;
      readonly title?: string;
      readonly description?: string;
      readonly party?: string;
      readonly member?: string | null;
      readonly dueAt?: string | null;
      readonly dependsOn?: readonly string[];
      readonly topic?: string | null;
    }
  | { readonly kind: 'cancel-action'; readonly actionId: string; readonly reason?: string }
  | { readonly kind: 'add-data-item'; readonly item: DataItemDraftInput }
  | { readonly kind: 'set-data-item-value'; readonly itemId: string; readonly value: DataValue }
  | { readonly kind: 'set-sla-terms'; readonly terms: SlaTerms }
  | { readonly kind: 'set-topic-state'; readonly topicId: string; readonly state: TopicState };

/** 'input': dates are ISO strings and missing ids are drawn; 'stored': dates are ms and ids present. */
export type NormaliseMode = 'input' | 'stored';

function date(v: unknown, field: string, mode: NormaliseMode): number | null {
  if (mode === 'input') return instantOrNull(v, field);
  if (v === null) return null;
  if (!Number.isSafeInteger(v)) fail('malformed-date', `${field} must be stored as whole milliseconds`);
  return v as number;
}

function optionalId(v: unknown, field: string, ctx: CommandContext, mode: NormaliseMode): string {
  if (v === undefined && mode === 'input') return freshId(ctx);
  return entityId(v, field);
}

function nullableId(v: unknown, field: string, check: (v: unknown, f: string) => string): string | null {
  return v === undefined || v === null ? null : check(v, field);
}

function normaliseModify(c: Record<string, unknown>, field: string, mode: NormaliseMode): TermsChange {
  const out: Record<string, unknown> = {
    kind: 'modify-action',
    actionId: entityId(c.actionId, `${field}.actionId`),
  };
  if (c.title !== undefined) out.title = text(c.title, `${field}.title`, LIMITS.title);
  if (c.description !== undefined)
    out.description = text(c.description, `${field}.description`, LIMITS.description, true);
  if (c.party !== undefined) out.party = entityId(c.party, `${field}.party`);
  if (c.member !== undefined) out.member = nullableId(c.member, `${field}.member`, memberId);
  if (c.dueAt !== undefined) out.dueAt = date(c.dueAt, `${field}.dueAt`, mode);
  if (c.dependsOn !== undefined)
    out.dependsOn = idList(c.dependsOn, `${field}.dependsOn`, LIMITS.dependsOn).sort();
  if (c.topic !== undefined) out.topic = nullableId(c.topic, `${field}.topic`, entityId);
  if (Object.keys(out).length === 2) fail('invalid-input', `${field} changes nothing`);
  return out as TermsChange;
}

/** Checks one change's shape and returns its normalised form (or refuses). */
export function normaliseChange(
  input: unknown,
  field: string,
  ctx: CommandContext,
  mode: NormaliseMode,
): TermsChange {
  const c = record(input, field);
  switch (c.kind) {
    case 'add-action': {
      const a = record(c.action, `${field}.action`);
      return {
        kind: 'add-action',
        action: {
          id: optionalId(a.id, `${field}.action.id`, ctx, mode),
          title: text(a.title, `${field}.action.title`, LIMITS.title),
          description: optionalText(a.description, `${field}.action.description`, LIMITS.description),
          party: entityId(a.party, `${field}.action.party`),
          member: nullableId(a.member, `${field}.action.member`, memberId),
          dueAt: a.dueAt === undefined ? null : date(a.dueAt, `${field}.action.dueAt`, mode),
          dependsOn:
            a.dependsOn === undefined
              ? []
              : idList(a.dependsOn, `${field}.action.dependsOn`, LIMITS.dependsOn).sort(),
          topic: nullableId(a.topic, `${field}.action.topic`, entityId),
        },
      };
    }
    case 'modify-action':
      return normaliseModify(c, field, mode);
    case 'cancel-action':
      return {
        kind: 'cancel-action',
        actionId: entityId(c.actionId, `${field}.actionId`),
        reason: optionalText(c.reason, `${field}.reason`, LIMITS.note),
      };
    case 'add-data-item': {
      const d = record(c.item, `${field}.item`);
      const kind = oneOf(d.kind, DATA_ITEM_KINDS, `${field}.item.kind`);
      if (kind !== 'choice' && d.choices !== undefined && d.choices !== null) {
        fail('invalid-input', `${field}.item.choices go only with kind 'choice'`);
      }
      const choices = kind === 'choice' ? choiceList(d.choices, `${field}.item.choices`) : null;
      return {
        kind: 'add-data-item',
        item: {
          id: optionalId(d.id, `${field}.item.id`, ctx, mode),
          label: text(d.label, `${field}.item.label`, LIMITS.label),
          kind,
          choices,
          party: entityId(d.party, `${field}.item.party`),
          value: dataValue(d.value === undefined ? null : d.value, kind, choices, `${field}.item.value`),
        },
      };
    }
    case 'set-data-item-value': {
      // The value is checked against the item's kind in changes-check.ts, where the item is known.
      const v = c.value;
      if (!(v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
        fail('invalid-input', `${field}.value must be a string, number, boolean or null`);
      }
      return { kind: 'set-data-item-value', itemId: entityId(c.itemId, `${field}.itemId`), value: v };
    }
    case 'set-sla-terms':
      return { kind: 'set-sla-terms', terms: normaliseSlaTerms(c.terms) };
    case 'set-topic-state':
      return {
        kind: 'set-topic-state',
        topicId: entityId(c.topicId, `${field}.topicId`),
        state: oneOf(c.state, TOPIC_STATES, `${field}.state`),
      };
    default:
      return fail('invalid-input', `${field}.kind is not a known change kind`);
  }
}

/** Normalises a proposal's change list (1 to LIMITS.changes entries). */
export function normaliseChanges(input: unknown, ctx: CommandContext, mode: NormaliseMode): TermsChange[] {
  if (!Array.isArray(input) || input.length === 0) fail('invalid-input', 'changes must be a non-empty array');
  if (input.length > LIMITS.changes)
    fail('invalid-input', `a proposal holds at most ${LIMITS.changes} changes`);
  return input.map((c, i) => normaliseChange(c, `changes[${i}]`, ctx, mode));
}
