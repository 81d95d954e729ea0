/**
 * Refused commands in sentences a customer understands, each with what to do next. The command's
 * own message is written for developers (it names fields); it is not shown.
 */
import type { ContractErrorCode, Refusal } from '../../../shared/contract/result';

const SENTENCES: Readonly<Record<ContractErrorCode, string>> = {
  'invalid-input': 'Some of what you entered is missing or too long. Check the fields and try again.',
  'malformed-date': 'That date could not be read. Pick the date and time again.',
  'no-case': 'This case has not arrived on this device yet. Wait until it has synced, then try again.',
  'case-exists': 'This case already exists. Open it from your inbox.',
  'not-a-member':
    'You are no longer a member of this case, so you cannot change it. Ask a member to invite you again.',
  forbidden:
    'Your role in this case does not allow this. Ask a member of the party concerned, or propose the change instead.',
  'unknown-party': 'That party is not in this case (any more). Reload the case and choose again.',
  'unknown-member': 'That person is not an active member of this case (any more).',
  'unknown-topic': 'That topic is not in this case (any more). Reload the case and choose again.',
  'unknown-action': 'That action is not in the agreed terms (any more). Reload the case and choose again.',
  'unknown-data-item': 'That data item is not in this case (any more).',
  'unknown-proposal': 'That proposal is not in this case (any more).',
  'duplicate-id': 'Something with the same identifier already exists. Try again.',
  'already-member': 'That person is already a member of this case.',
  'dependency-cycle':
    'This would make actions wait on each other in a circle, so none could ever start. Choose other dependencies.',
  'invalid-state': 'This is no longer possible in the current state, for example because it was cancelled.',
  'proposal-closed':
    'This proposal was answered, applied or withdrawn meanwhile. Its current state is shown.',
  'already-responded': 'Your party has already answered this proposal.',
  'not-touched': "This proposal does not change your party's commitments, so your answer is not needed.",
  'not-accepted': 'Not every party has accepted this proposal yet.',
  'hash-mismatch': 'The terms changed while you were signing. Review the current terms, then sign again.',
  'not-agreed':
    'The current terms are not signed by every party yet. Once everyone has signed, the case can be marked agreed.',
  'crypto-not-ready': 'Casepact is still starting its cryptography. Try again in a moment.',
  'unknown-template': 'That template is not available in this version of Casepact. Pick another one.',
};

/** The sentence for a refused command. */
export function refusalSentence(refusal: Pick<Refusal, 'error'>): string {
  return SENTENCES[refusal.error] ?? 'That did not work. Try again; if it keeps failing, reload the case.';
}
