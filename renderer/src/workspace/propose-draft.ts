/**
 * The "Propose" form's state as plain data: what a draft holds for each kind of change, a draft
 * prefilled from a proposal being countered, and the TermsChangeInput the commands take.
 */
import type { TermsChangeInput } from '../../../shared/contract/commands/proposals';
import type { DataItemKind } from '../../../shared/contract/model';
import type { ProposalView } from '../../../shared/contract/views';
import type { CaseModel } from './case-model';
import { localInputToIso, toLocalInputValue } from './format';

export type DraftKind = 'add-action' | 'due-date' | 'add-data-item' | 'topic-state' | 'cancel-action';

export const DRAFT_KIND_WORDS: Readonly<Record<DraftKind, string>> = {
  'add-action': 'Add an action',
  'due-date': 'Change a due date',
  'add-data-item': 'Ask for a piece of information',
  'topic-state': 'Settle a topic',
  'cancel-action': 'Cancel an action',
};

export interface Draft {
  readonly kind: DraftKind;
  readonly title: string;
  readonly description: string;
  readonly party: string;
  /** datetime-local value in the reader's zone, '' for none. */
  readonly due: string;
  readonly dependsOn: readonly string[];
  readonly topic: string;
  readonly actionId: string;
  readonly reason: string;
  readonly label: string;
  readonly dataKind: DataItemKind;
  /** Choices, one per line, for kind 'choice'. */
  readonly choices: string;
  readonly topicState: 'agreed' | 'closed';
  readonly note: string;
}

export function emptyDraft(model: CaseModel, kind: DraftKind = 'add-action'): Draft {
  const other = model.snapshot.parties.find((p) => p.id !== model.myParty && p.role !== 'observer');
  return {
    kind,
    title: '',
    description: '',
    party: other?.id ?? model.myParty ?? '',
    due: '',
    dependsOn: [],
    topic: '',
    actionId: openActions(model)[0]?.id ?? '',
    reason: '',
    label: '',
    dataKind: 'text',
    choices: '',
    topicState: 'agreed',
    note: '',
  };
}

/** Agreed actions whose terms can still change (not done or cancelled). */
export function openActions(model: CaseModel) {
  return model.snapshot.actions.filter(
    (a) => a.source === 'terms' && (a.status === 'agreed' || a.status === 'in-progress'),
  );
}

/** A draft that starts from the first change of a proposal being countered. */
export function draftFromProposal(model: CaseModel, p: ProposalView): Draft {
  const base = emptyDraft(model);
  const c = p.changes[0];
  const note = '';
  if (!c) return base;
  switch (c.kind) {
    case 'add-action':
      return {
        ...base,
        kind: 'add-action',
        note,
        title: c.action.title,
        description: c.action.description,
        party: c.action.party,
        due: c.action.dueAt === null ? '' : toLocalInputValue(c.action.dueAt),
        dependsOn: c.action.dependsOn,
        topic: c.action.topic ?? '',
      };
    case 'modify-action':
      return {
        ...base,
        kind: 'due-date',
        actionId: c.actionId,
        due: c.dueAt === undefined || c.dueAt === null ? '' : toLocalInputValue(c.dueAt),
      };
    case 'cancel-action':
      return { ...base, kind: 'cancel-action', actionId: c.actionId, reason: c.reason };
    case 'add-data-item':
      return {
        ...base,
        kind: 'add-data-item',
        label: c.item.label,
        dataKind: c.item.kind,
        choices: (c.item.choices ?? []).join('\n'),
        party: c.item.party,
      };
    case 'set-topic-state':
      return {
        ...base,
        kind: 'topic-state',
        topic: c.topicId,
        topicState: c.state === 'closed' ? 'closed' : 'agreed',
      };
    default:
      return base;
  }
}

/** The change the draft describes, or a sentence naming what is missing. */
export function changeFromDraft(d: Draft): { change: TermsChangeInput } | { problem: string } {
  switch (d.kind) {
    case 'add-action': {
      if (!d.title.trim())
        return { problem: 'Give the action a title, for example “Run the boot diagnostics”.' };
      if (!d.party) return { problem: 'Choose which party will do the action.' };
      const dueAt = d.due ? localInputToIso(d.due) : null;
      if (dueAt === undefined) return { problem: 'The due date could not be read. Pick it again.' };
      return {
        change: {
          kind: 'add-action',
          action: {
            title: d.title.trim(),
            description: d.description.trim(),
            party: d.party,
            dueAt,
            dependsOn: [...d.dependsOn],
            topic: d.topic || null,
          },
        },
      };
    }
    case 'due-date': {
      if (!d.actionId) return { problem: 'Choose the action whose due date changes.' };
      const dueAt = d.due ? localInputToIso(d.due) : null;
      if (dueAt === undefined) return { problem: 'The due date could not be read. Pick it again.' };
      return { change: { kind: 'modify-action', actionId: d.actionId, dueAt } };
    }
    case 'cancel-action':
      if (!d.actionId) return { problem: 'Choose the action to cancel.' };
      return { change: { kind: 'cancel-action', actionId: d.actionId, reason: d.reason.trim() } };
    case 'add-data-item': {
      if (!d.label.trim()) return { problem: 'Name the information you need, for example “Serial number”.' };
      if (!d.party) return { problem: 'Choose which party should provide it.' };
      const choices = d.choices
        .split('\n')
        .map((c) => c.trim())
        .filter(Boolean);
      if (d.dataKind === 'choice' && choices.length < 2)
        return { problem: 'List at least two choices, one per line.' };
      return {
        change: {
          kind: 'add-data-item',
          item: {
            label: d.label.trim(),
            kind: d.dataKind,
            party: d.party,
            ...(d.dataKind === 'choice' ? { choices: [...new Set(choices)] } : {}),
          },
        },
      };
    }
    case 'topic-state':
      if (!d.topic) return { problem: 'Choose the topic to settle.' };
      return { change: { kind: 'set-topic-state', topicId: d.topic, state: d.topicState } };
  }
}
