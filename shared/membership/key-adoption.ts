import type { ContractSnapshot, MemberView } from '../contract/views';
import { sodium } from '../crypto/sodium';
import type { Identity } from '../identity/identity';
import { adoptCaseKeys, keyEpochs, readRotations } from './case-keys';
import { adoptHistoriesFromLog } from './history-from-log';
import type { CaseReplica } from '../signed/replica';

/** What {@link adoptKeys} did. */
export interface KeyAdoption {
  /** The replica to use from now on (a new one when it had to replay the log with new keys). */
  readonly replica: CaseReplica;
  /** Keys added to the keyring (persist the keyring). */
  readonly added: number;
  /** The sealing key changed: move the log to its room. */
  readonly currentChanged: boolean;
  /** The key in force is not held: this identity was removed (or its link predates a rotation). */
  readonly excluded: boolean;
}

function hasUnreadable(replica: CaseReplica): boolean {
  return replica.quarantine().refused.some((entry) => entry.reason === 'entry-unreadable');
}

/**
 * Takes in the keys this identity can open (docs/invite-link.md §3): its box in every key
 * rotation, and the key histories sealed under keys it holds (read from the log itself when the
 * replica cannot open older entries yet: a member invited after a rotation holds only the new key).
 * The keyring is updated in place (it is the case record's). A replica does not retry entries it
 * refused as unreadable, so when keys arrived and such entries exist, `rebuild` replays the log
 * with the full keyring; this repeats while the replayed log yields more keys.
 */
export function adoptKeys(
  start: CaseReplica,
  identity: Identity,
  rebuild: (old: CaseReplica) => CaseReplica,
): KeyAdoption {
  const na = sodium();
  let replica = start;
  const keyring = replica.keyring;
  let added = 0;
  let currentChanged = false;
  let excluded = false;
  for (let round = 0; round < 8; round++) {
    const unreadable = hasUnreadable(replica);
    const fromLog = unreadable ? adoptHistoriesFromLog(na, replica.log, replica.caseId, keyring).length : 0;
    const report = adoptCaseKeys(na, replica.contract, replica.caseId, identity, keyring);
    added += fromLog + report.added.length;
    currentChanged ||= report.currentChanged;
    excluded = report.excluded;
    if (fromLog + report.added.length === 0 || !unreadable) break;
    replica = rebuild(replica);
  }
  return { replica, added, currentChanged, excluded };
}

/** The epoch of every key the replica's keyring holds (0: the creation key). */
export function epochsOf(replica: CaseReplica): Map<string, number> {
  return keyEpochs(sodium(), replica.caseId, readRotations(replica.contract), replica.keyring.all());
}

/**
 * The local member's standing: `joining` before its membership arrived, `left` when it removed
 * itself, `removed` when another member removed it.
 */
export type Standing =
  | { readonly kind: 'active'; readonly member: MemberView }
  | { readonly kind: 'joining' }
  | { readonly kind: 'left'; readonly member: MemberView }
  | { readonly kind: 'removed'; readonly member: MemberView };

export function standingOf(snapshot: ContractSnapshot, me: string): Standing {
  const member = snapshot.parties.flatMap((party) => party.members).find((m) => m.id === me);
  if (!member) return { kind: 'joining' };
  if (member.status === 'active') return { kind: 'active', member };
  return member.removedBy === me ? { kind: 'left', member } : { kind: 'removed', member };
}
