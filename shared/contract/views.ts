/**
 * Plain, readonly projections of a case document: what selectors return and the UI renders.
 * Times are ms since the epoch; lists are sorted deterministically (by id unless noted), so two
 * converged documents project to deeply equal views whatever order their edits arrived in.
 */
import type {
  ActionStatus,
  CaseStatus,
  ConversationEntry,
  DataItemKind,
  DataValue,
  MemberId,
  MemberStatus,
  PartyId,
  PartyKind,
  Priority,
  Role,
  SlaTerms,
  TermsChange,
  TopicState,
  Verdict,
} from './model';

export interface CaseHeader {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly status: CaseStatus;
  /** The party the case waits on while status is 'waiting'. */
  readonly waitingOn: PartyId | null;
  readonly priority: Priority;
  readonly category: string | null;
  readonly templateId: string | null;
  readonly createdAt: number;
  readonly createdBy: MemberId;
}

export interface MemberView {
  readonly id: MemberId;
  readonly displayName: string;
  readonly organisation: string;
  readonly party: PartyId;
  readonly role: Role;
  readonly status: MemberStatus;
  readonly addedBy: MemberId;
  readonly addedAt: number;
  readonly removedBy: MemberId | null;
  readonly removedAt: number | null;
}

export interface PartyView {
  readonly id: PartyId;
  readonly name: string;
  readonly kind: PartyKind;
  readonly role: Role;
  readonly createdBy: MemberId;
  readonly createdAt: number;
  /** All members ever registered for the party, active and removed, sorted by id. */
  readonly members: readonly MemberView[];
}

export interface TopicView {
  readonly id: string;
  readonly title: string;
  readonly state: TopicState;
  /** The party that raised the topic. */
  readonly party: PartyId;
  readonly createdBy: MemberId;
  readonly createdAt: number;
  readonly updatedBy: MemberId | null;
  readonly updatedAt: number | null;
}

export interface DataItemView {
  readonly id: string;
  readonly label: string;
  readonly kind: DataItemKind;
  readonly choices: readonly string[] | null;
  readonly value: DataValue;
  /** Owner party: the only party that fills the value directly. */
  readonly party: PartyId;
  readonly createdBy: MemberId;
  readonly createdAt: number;
  readonly updatedBy: MemberId | null;
  readonly updatedAt: number | null;
}

export interface ActionView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly party: PartyId;
  readonly member: MemberId | null;
  readonly dueAt: number | null;
  readonly dependsOn: readonly string[];
  readonly topic: string | null;
  readonly status: ActionStatus;
  readonly cancelReason: string | null;
  /** The party that proposed the action. */
  readonly proposedBy: PartyId;
  /** 'terms': an agreed action in the document; 'proposal': still inside a pending or rejected proposal. */
  readonly source: 'terms' | 'proposal';
  /** The proposal that created (or would create) the action. */
  readonly proposal: string | null;
  readonly createdBy: MemberId;
  readonly createdAt: number;
  readonly updatedBy: MemberId | null;
  readonly updatedAt: number | null;
  /** Actions that depend on this one (sorted ids). */
  readonly dependents: readonly string[];
  /** Dependencies not yet done (unknown ids count as blocking). */
  readonly blockedBy: readonly string[];
  /** Agreed or in progress, with every dependency done. */
  readonly ready: boolean;
  /**
   * Part of a dependency cycle. Commands refuse cycles, but two concurrent accepted proposals can
   * still close one after merging; the board shows it instead of hiding it.
   */
  readonly inCycle: boolean;
}

export type ProposalStatus = 'pending' | 'accepted' | 'applied' | 'rejected' | 'countered' | 'withdrawn';

export interface PartyResponseView {
  readonly party: PartyId;
  readonly verdict: Verdict | 'pending';
  readonly by: MemberId | null;
  readonly at: number | null;
  readonly counterProposalId: string | null;
}

export interface ProposalView {
  readonly id: string;
  /** The proposing party. */
  readonly party: PartyId;
  readonly createdBy: MemberId;
  readonly createdAt: number;
  readonly note: string;
  readonly changes: readonly TermsChange[];
  /** Parties whose acceptance the proposal needs, sorted. */
  readonly touched: readonly PartyId[];
  readonly counterOf: string | null;
  /** One entry per touched party, in `touched` order. */
  readonly responses: readonly PartyResponseView[];
  /**
   * Derived from the fields: applied > withdrawn > rejected > countered > accepted (every touched
   * party accepted, not applied yet — call applyAcceptedProposal) > pending.
   */
  readonly status: ProposalStatus;
  readonly appliedBy: MemberId | null;
  readonly appliedAt: number | null;
  readonly withdrawnBy: MemberId | null;
  readonly withdrawnAt: number | null;
}

export interface SignatureView {
  readonly member: MemberId;
  readonly party: PartyId | null;
  readonly termsHash: string;
  readonly signature: string;
  readonly at: number;
  /** The signature is on this version's terms hash (false: signed an earlier draft of it). */
  readonly current: boolean;
}

export interface AgreementVersionView {
  readonly version: number;
  readonly termsHash: string;
  readonly openedBy: MemberId | null;
  readonly openedAt: number | null;
  /** false for the derived next version nobody has signed yet. */
  readonly recorded: boolean;
  readonly signatures: readonly SignatureView[];
  /** Negotiating parties with a current signature from an active member, sorted. */
  readonly signedParties: readonly PartyId[];
  readonly missingParties: readonly PartyId[];
  readonly agreedByAll: boolean;
}

export interface AgreementsView {
  /** Hash of the terms as they are now (docs/terms-hash.md). */
  readonly currentTermsHash: string;
  /** Recorded versions, plus (when the terms changed since the latest one) the open next version. */
  readonly versions: readonly AgreementVersionView[];
  readonly latestAgreedVersion: number | null;
  /** The current terms are exactly what the latest agreed version agreed. */
  readonly currentTermsAgreed: boolean;
}

/** A resolution summary as the resolving party wrote it (shared/contract/commands/resolution.ts). */
export interface ResolutionView {
  readonly id: string;
  readonly problem: string;
  readonly cause: string;
  readonly fix: string;
  /** The resolving party. */
  readonly party: PartyId;
  readonly createdBy: MemberId;
  readonly createdAt: number;
}

/** Everything at once: what a zustand store mirrors, and what converged peers must agree on. */
export interface ContractSnapshot {
  readonly case: CaseHeader | null;
  readonly parties: readonly PartyView[];
  readonly topics: readonly TopicView[];
  readonly dataItems: readonly DataItemView[];
  readonly actions: readonly ActionView[];
  readonly sla: SlaTerms | null;
  readonly proposals: readonly ProposalView[];
  readonly agreements: AgreementsView;
  /** Sorted by time; entries with the same time keep document order (identical on converged peers). */
  readonly messages: readonly ConversationEntry[];
  /** Resolution summaries, oldest first (by time, then id): the last one is the current one. */
  readonly resolutions: readonly ResolutionView[];
}
