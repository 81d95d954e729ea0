/**
 * The process contract: a case as a Yjs document, the commands that write it, the selectors that
 * read it, the rights table, and the terms hash. docs/contract-model.md describes the whole.
 */
export * from './model';
export * from './sla-terms';
export * from './result';
export * from './views';
export { ROOT, roots, type CaseRoots, type RootName } from './schema';
export * from './rights';
export { type CommandContext, type CommandOrigin, isCommandOrigin } from './context';
export { parseIsoInstant, isIsoDate, toIsoInstant } from './dates';
export { canonicalJson, type CanonicalValue } from './canonical-json';
export {
  TERMS_FORMAT,
  type CanonicalTerms,
  type CanonicalParty,
  type CanonicalTopic,
  type CanonicalDataItem,
  type CanonicalAction,
  selectTerms,
  canonicalTermsBytes,
  hashTerms,
  termsHashOf,
} from './terms';
export { recordSignature, selectAgreements, type RecordSignatureInput } from './agreements';
export {
  createCase,
  setStatus,
  setPriority,
  setCategory,
  editSummary,
  type CreateCaseInput,
  type CreatedCase,
  type SetStatusInput,
  type EditSummaryInput,
} from './commands/case';
export {
  addParty,
  addMember,
  joinViaInvite,
  removeMember,
  type RemoveMemberInput,
  type AddPartyInput,
  type AddMemberInput,
  type JoinInput,
} from './commands/parties';
export {
  addTopic,
  setTopicState,
  addDataItem,
  setDataItemValue,
  setActionStatus,
  type AddDataItemInput,
} from './commands/items';
export {
  proposeChange,
  accept,
  reject,
  counter,
  withdrawProposal,
  applyAcceptedProposal,
  type ProposeInput,
  type Proposed,
  type TermsChangeInput,
} from './commands/proposals';
export { postMessage, postSystemEvent } from './commands/messages';
export { resolveCase, currentResolution, type ResolveCaseInput, type Resolved } from './commands/resolution';
export { rotateCaseKey, recordKeyHistory } from './commands/keys';
export type { ActionDraftInput, DataItemDraftInput } from './changes-normalise';
export {
  selectCase,
  selectParties,
  selectTopics,
  selectDataItems,
  selectSlaTerms,
  selectMessages,
  selectProposals,
  selectActions,
  selectContract,
  selectResolutions,
} from './selectors';
