/**
 * The process contract's vocabulary: plain, Yjs-free types shared by commands, selectors,
 * rights (shared/contract/rights.ts) and the signed-changes pipeline (shared/signed/).
 *
 * Times are milliseconds since the Unix epoch (UTC). Commands take ISO 8601 strings and
 * store the parsed milliseconds (see shared/contract/dates.ts and docs/contract-model.md).
 */
import type { SlaTerms } from './sla-terms';

export type { Priority, SlaTerms } from './sla-terms';

/** Opaque member id (shared/signed defines it as a readable Ed25519 public-key id). */
export type MemberId = string;
export type PartyId = string;

export type Role = 'customer' | 'provider' | 'partner' | 'observer';
export const ROLES: readonly Role[] = ['customer', 'provider', 'partner', 'observer'];

export type PartyKind = 'organisation' | 'person';
export const PARTY_KINDS: readonly PartyKind[] = ['organisation', 'person'];

export type CaseStatus =
  | 'open'
  | 'negotiating'
  | 'agreed'
  | 'in-progress'
  | 'waiting'
  | 'resolved'
  | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = [
  'open',
  'negotiating',
  'agreed',
  'in-progress',
  'waiting',
  'resolved',
  'closed',
];

export type TopicState = 'open' | 'agreed' | 'closed';
export const TOPIC_STATES: readonly TopicState[] = ['open', 'agreed', 'closed'];

/**
 * Action lifecycle. In the document an action exists only once a proposal adding it has been
 * accepted ('agreed'); 'proposed' and 'rejected' are shown by selectors for actions that live
 * inside a pending or rejected proposal.
 */
export type ActionStatus = 'proposed' | 'agreed' | 'in-progress' | 'done' | 'rejected' | 'cancelled';
export const ACTION_STATUSES: readonly ActionStatus[] = [
  'proposed',
  'agreed',
  'in-progress',
  'done',
  'rejected',
  'cancelled',
];
/** Statuses the owner party may set on its own agreed action without a proposal (progress). */
export const PROGRESS_STATUSES: readonly ActionStatus[] = ['agreed', 'in-progress', 'done'];

export type DataItemKind = 'text' | 'number' | 'date' | 'choice' | 'boolean' | 'attachment';
export const DATA_ITEM_KINDS: readonly DataItemKind[] = [
  'text',
  'number',
  'date',
  'choice',
  'boolean',
  'attachment',
];
/**
 * A data item's value: text → string; number → finite number; date → calendar date "YYYY-MM-DD";
 * choice → one of the item's choices; boolean; attachment → lowercase hex of a 32-byte content hash.
 * `null` means "not provided yet".
 */
export type DataValue = string | number | boolean | null;

/** Status of a member record. Removal is a status change: entities are never deleted. */
export type MemberStatus = 'active' | 'removed';

export type Verdict = 'accepted' | 'rejected' | 'countered';

/** One party's answer to a proposal, stored at proposals/<id>/responses/<partyId>. */
export interface ProposalResponse {
  readonly verdict: Verdict;
  readonly by: MemberId;
  readonly at: number;
  readonly counterProposalId?: string;
}

/** A new action as a proposal carries it (ids are chosen when proposing, so changes can refer to them). */
export interface ActionDraft {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Owner party: whose commitment the action is. */
  readonly party: PartyId;
  readonly member: MemberId | null;
  readonly dueAt: number | null;
  readonly dependsOn: readonly string[];
  readonly topic: string | null;
}

export interface DataItemDraft {
  readonly id: string;
  readonly label: string;
  readonly kind: DataItemKind;
  /** Allowed values for kind 'choice', otherwise null. */
  readonly choices: readonly string[] | null;
  /** Owner party: the only party that fills the value. */
  readonly party: PartyId;
  readonly value: DataValue;
}

/** A change to the negotiated terms, as stored in a proposal (normalised: dates in ms). */
export type TermsChange =
  | { readonly kind: 'add-action'; readonly action: ActionDraft }
  | {
      readonly kind: 'modify-action';
      readonly actionId: string;
      readonly title?: string;
      readonly description?: string;
      readonly party?: PartyId;
      readonly member?: MemberId | null;
      readonly dueAt?: number | null;
      readonly dependsOn?: readonly string[];
      readonly topic?: string | null;
    }
  | { readonly kind: 'cancel-action'; readonly actionId: string; readonly reason: string }
  | { readonly kind: 'add-data-item'; readonly item: DataItemDraft }
  | { readonly kind: 'set-data-item-value'; readonly itemId: string; readonly value: DataValue }
  | { readonly kind: 'set-sla-terms'; readonly terms: SlaTerms }
  | { readonly kind: 'set-topic-state'; readonly topicId: string; readonly state: TopicState };

export type TermsChangeKind = TermsChange['kind'];

/** Kinds of system event commands write to the conversation. */
export type SystemEventKind =
  | 'case-created'
  | 'party-added'
  | 'member-added'
  | 'member-joined'
  | 'member-removed'
  | 'status-changed'
  | 'priority-changed'
  | 'topic-added'
  | 'topic-state-changed'
  | 'data-item-added'
  | 'action-status-changed'
  | 'proposal-made'
  | 'proposal-accepted'
  | 'proposal-rejected'
  | 'proposal-countered'
  | 'proposal-withdrawn'
  | 'proposal-applied'
  | 'signed'
  | 'agreed'
  /** Written by other modules through postSystemEvent (e.g. the SLA clock's escalations). */
  | 'sla-at-risk'
  | 'sla-breached'
  | 'notice';

/** Kinds other modules may post with postSystemEvent (the rest are written by commands themselves). */
export const EXTERNAL_SYSTEM_EVENTS: readonly SystemEventKind[] = ['sla-at-risk', 'sla-breached', 'notice'];

/** An immutable entry of the conversation (Y.Array 'messages', ContentAny). */
export type ConversationEntry =
  | {
      readonly id: string;
      readonly kind: 'message';
      readonly author: MemberId;
      readonly party: PartyId;
      readonly at: number;
      readonly text: string;
    }
  | {
      readonly id: string;
      readonly kind: 'system';
      readonly author: MemberId;
      readonly party: PartyId;
      readonly at: number;
      readonly text: string;
      readonly event: SystemEventKind;
      /** Id of the entity the event is about (proposal, action, member…), when there is one. */
      readonly ref: string | null;
    };

/** A signature on an agreement version, stored at agreements/<version>/signatures/<memberId>. */
export interface StoredSignature {
  readonly termsHash: string;
  /** Base64 (standard alphabet, padded) of the 64-byte Ed25519 signature made by shared/signed. */
  readonly signature: string;
  readonly at: number;
}
