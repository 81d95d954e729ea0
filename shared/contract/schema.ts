/**
 * The shape of a case's Y.Doc, fixed in one place. The signed-changes pipeline (shared/signed/)
 * resolves every inserted or deleted item of an update to a path made of these names
 * (e.g. ["actions", "<actionId>", "status"]) and checks it against shared/contract/rights.ts,
 * so names here are part of the wire format: never rename, only add.
 *
 * Layout (docs/contract-model.md has the long form):
 *   case        Y.Map   header fields (CASE_FIELDS)
 *   summary     Y.Text  collaborative summary
 *   parties     Y.Map   partyId  → Y.Map (PARTY_FIELDS)
 *   members     Y.Map   memberId → Y.Map (MEMBER_FIELDS)
 *   topics      Y.Map   topicId  → Y.Map (TOPIC_FIELDS)
 *   dataItems   Y.Map   itemId   → Y.Map (DATA_ITEM_FIELDS)
 *   actions     Y.Map   actionId → Y.Map (ACTION_FIELDS)
 *   sla         Y.Map   'terms'  → plain SlaTerms object
 *   proposals   Y.Map   proposalId → Y.Map (PROPOSAL_FIELDS), 'responses' → Y.Map partyId → response
 *   agreements  Y.Map   "<version>" → Y.Map (AGREEMENT_FIELDS), 'signatures' → Y.Map memberId → signature
 *   messages    Y.Array immutable plain ConversationEntry objects
 *   keyRotations Y.Map  "<epoch>.<keyCheck>" → plain StoredKeyRotation (shared/membership), never rewritten
 *   keyHistory  Y.Map   "<epoch>.<keyCheck>" → plain StoredKeyHistory: older case keys sealed under that epoch's key
 *   resolutions Y.Map   resolutionId → Y.Map (RESOLUTION_FIELDS), immutable once written
 */
import type * as Y from 'yjs';

/** Names of the top-level shared types. */
export const ROOT = {
  case: 'case',
  summary: 'summary',
  parties: 'parties',
  members: 'members',
  topics: 'topics',
  dataItems: 'dataItems',
  actions: 'actions',
  sla: 'sla',
  proposals: 'proposals',
  agreements: 'agreements',
  messages: 'messages',
  keyRotations: 'keyRotations',
  keyHistory: 'keyHistory',
  resolutions: 'resolutions',
} as const;

export type RootName = (typeof ROOT)[keyof typeof ROOT];

/** Fields of the 'case' map. `waitingOn` is the party id while status is 'waiting', else null. */
export const CASE_FIELDS = [
  'id',
  'title',
  'status',
  'waitingOn',
  'priority',
  'category',
  'templateId',
  'createdAt',
  'createdBy',
] as const;

/** A party's `party` field is its own id: a party owns its own record. */
export const PARTY_FIELDS = ['id', 'name', 'kind', 'role', 'party', 'createdBy', 'createdAt'] as const;

export const MEMBER_FIELDS = [
  'id',
  'displayName',
  'organisation',
  'party',
  'role',
  'status',
  'addedBy',
  'addedAt',
  'createdBy',
  'createdAt',
  'removedBy',
  'removedAt',
] as const;

export const TOPIC_FIELDS = [
  'id',
  'title',
  'state',
  'party',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
] as const;

export const DATA_ITEM_FIELDS = [
  'id',
  'label',
  'kind',
  'choices',
  'value',
  'party',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
] as const;

/**
 * `party` is the owner party (whose commitment it is); `proposedBy` the party that proposed it;
 * `proposal` the proposal whose acceptance created it. `dependsOn` is a plain string array.
 */
export const ACTION_FIELDS = [
  'id',
  'title',
  'description',
  'party',
  'member',
  'dueAt',
  'dependsOn',
  'topic',
  'status',
  'cancelReason',
  'proposedBy',
  'proposal',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
] as const;

/** Key of the SLA terms inside the 'sla' map. */
export const SLA_TERMS_KEY = 'terms';

/**
 * `touched` (party ids whose acceptance the proposal needs) is fixed when it is made.
 * `appliedAt`/`appliedBy` are set in the transaction that applies its changes to the terms.
 */
export const PROPOSAL_FIELDS = [
  'id',
  'party',
  'createdBy',
  'createdAt',
  'note',
  'changes',
  'touched',
  'counterOf',
  'responses',
  'withdrawnBy',
  'withdrawnAt',
  'appliedBy',
  'appliedAt',
] as const;

/** `terms` is the canonical JSON (docs/terms-hash.md) whose hash is `termsHash`, kept for history and export. */
export const AGREEMENT_FIELDS = [
  'version',
  'termsHash',
  'terms',
  'openedBy',
  'openedAt',
  'signatures',
] as const;

/**
 * A resolution summary (problem, cause, fix) written by the party that resolves the case. Never
 * changed: a later summary (after reopening, or a correction) is a new entry that supersedes it.
 */
export const RESOLUTION_FIELDS = [
  'id',
  'problem',
  'cause',
  'fix',
  'party',
  'createdBy',
  'createdAt',
] as const;

/** The shared types of a case document, created on first access. */
export interface CaseRoots {
  readonly caseMap: Y.Map<unknown>;
  readonly summary: Y.Text;
  readonly parties: Y.Map<unknown>;
  readonly members: Y.Map<unknown>;
  readonly topics: Y.Map<unknown>;
  readonly dataItems: Y.Map<unknown>;
  readonly actions: Y.Map<unknown>;
  readonly sla: Y.Map<unknown>;
  readonly proposals: Y.Map<unknown>;
  readonly agreements: Y.Map<unknown>;
  readonly messages: Y.Array<unknown>;
  readonly keyRotations: Y.Map<unknown>;
  readonly keyHistory: Y.Map<unknown>;
  readonly resolutions: Y.Map<unknown>;
}

/** The root shared types of `doc`. Only contract code calls this; UI code reads selectors. */
export function roots(doc: Y.Doc): CaseRoots {
  return {
    caseMap: doc.getMap(ROOT.case),
    summary: doc.getText(ROOT.summary),
    parties: doc.getMap(ROOT.parties),
    members: doc.getMap(ROOT.members),
    topics: doc.getMap(ROOT.topics),
    dataItems: doc.getMap(ROOT.dataItems),
    actions: doc.getMap(ROOT.actions),
    sla: doc.getMap(ROOT.sla),
    proposals: doc.getMap(ROOT.proposals),
    agreements: doc.getMap(ROOT.agreements),
    messages: doc.getArray(ROOT.messages),
    keyRotations: doc.getMap(ROOT.keyRotations),
    keyHistory: doc.getMap(ROOT.keyHistory),
    resolutions: doc.getMap(ROOT.resolutions),
  };
}
