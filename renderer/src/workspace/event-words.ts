/**
 * System events of the conversation in words: the commands store a short English text; here it
 * becomes a sentence with names ("Sam Carter accepted Contoso OS's proposal") and statuses in the
 * words the rest of the app uses.
 */
import type { ActionStatus, CaseStatus, ConversationEntry, TopicState } from '../../../shared/contract/model';
import type { CaseModel } from './case-model';
import { possessive, STATUS_WORDS, TOPIC_STATE_WORDS } from './format';

type SystemEntry = Extract<ConversationEntry, { kind: 'system' }>;

const ACTION_WORDS: Partial<Record<ActionStatus, string>> = {
  agreed: 'not started',
  'in-progress': 'in progress',
  done: 'done',
};

/** The sentence after the author's name, e.g. "accepted Contoso OS's proposal". */
export function eventWords(entry: SystemEntry, model: CaseModel): string {
  const proposal = entry.ref ? model.snapshot.proposals.find((p) => p.id === entry.ref) : undefined;
  const whose = proposal ? `${possessive(model.partyName(proposal.party))} proposal` : 'a proposal';
  switch (entry.event) {
    case 'status-changed': {
      const m = /^Status set to (\S+)$/.exec(entry.text);
      const status = m?.[1] as CaseStatus | undefined;
      if (!status || !(status in STATUS_WORDS)) return entry.text;
      return status === 'waiting' && entry.ref
        ? `set the case to waiting on ${model.partyName(entry.ref)}`
        : `set the status to ${STATUS_WORDS[status].toLowerCase()}`;
    }
    case 'priority-changed':
      return entry.text.replace(/^Priority set to/, 'set the priority to');
    case 'action-status-changed': {
      const m = /^"(.*)" is now (\S+)$/.exec(entry.text);
      const status = m?.[2] as ActionStatus | undefined;
      const words = status && ACTION_WORDS[status];
      return m && words ? `marked “${m[1]}” as ${words}` : entry.text;
    }
    case 'topic-state-changed': {
      const m = /^Topic "(.*)" is now (\S+)$/.exec(entry.text);
      const state = m?.[2] as TopicState | undefined;
      return m && state && state in TOPIC_STATE_WORDS
        ? `marked the topic “${m[1]}” as ${TOPIC_STATE_WORDS[state].toLowerCase()}`
        : entry.text;
    }
    case 'topic-added':
      return entry.text.replace(/^Topic raised:\s*/, 'raised the topic ');
    case 'data-item-added':
      return entry.text.replace(/^Data item added:\s*/, 'added the data item ');
    case 'proposal-made':
      return /^Proposed \d+ change/.test(entry.text) ? 'made a proposal' : `made a proposal: “${entry.text}”`;
    case 'proposal-accepted':
      return `accepted ${whose}`;
    case 'proposal-rejected': {
      const reason = /^Rejected: (.*)$/s.exec(entry.text)?.[1];
      return reason ? `rejected ${whose}: “${reason}”` : `rejected ${whose}`;
    }
    case 'proposal-countered':
      return `countered ${whose}`;
    case 'proposal-withdrawn':
      return 'withdrew a proposal';
    case 'proposal-applied':
      return proposal && proposal.touched.length <= 1
        ? 'changed their own commitments'
        : 'applied the proposal: every party concerned accepted';
    case 'signed':
      return entry.text.replace(/^Signed/, 'signed');
    case 'agreed':
      return entry.text.replace(
        /^Version (\d+) agreed by every party$/,
        'completed the signatures: version $1 is agreed by every party',
      );
    case 'case-created':
      return 'opened the case';
    case 'party-added': {
      const m = /^(.*) (?:joined|is part of) the case as (\w+)$/.exec(entry.text);
      return m ? `brought ${m[1]} into the case as ${m[2]}` : `· ${entry.text}`;
    }
    case 'member-added':
      return entry.text.replace(/^(.*) was added$/, 'added $1');
    case 'member-joined':
      return 'joined the case';
    case 'member-removed':
      return entry.ref === entry.author
        ? 'left the case'
        : entry.text.replace(/^(.*) was removed$/, 'removed $1');
    default:
      // Texts written by other modules (SLA escalations, notices) are full sentences of their own.
      return `· ${entry.text}`;
  }
}
