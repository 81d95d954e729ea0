import type { MemberView } from '../../shared/contract/index';
import { selectContract } from '../../shared/contract/index';
import { sodium } from '../../shared/crypto/sodium';
import { removeMemberWithRotation } from '../../shared/membership/remove-member';
import { fingerprintOfMemberId } from '../../shared/identity/member-id';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { parseArgs } from './args';
import { openCaseSession } from './case-session';

/** Finds an active member by id, fingerprint (dashes optional) or unique display name. */
export function findMember(members: readonly MemberView[], given: string): MemberView {
  const text = given.trim();
  const compact = text.replace(/-/g, '').toUpperCase();
  const byId = members.filter((m) => m.id === text);
  const byFingerprint = members.filter((m) => fingerprintOfMemberId(m.id)?.replace(/-/g, '') === compact);
  const byName = members.filter((m) => m.displayName.toLowerCase() === text.toLowerCase());
  const found = byId.length > 0 ? byId : byFingerprint.length > 0 ? byFingerprint : byName;
  if (found.length === 1) return found[0] as MemberView;
  if (found.length > 1)
    throw new CliError(`"${given}" names ${found.length} members: give the member id instead`, 2);
  throw new CliError(`no active member "${given}" in this case (see "casepact members CASE")`, 2);
}

const WHO_MAY =
  'a member may leave; a party removes its own members; the customer and provider parties also remove partner and observer members';

/**
 * `casepact member remove CASE MEMBER`: removes a member (yourself: leave) and rotates the case key
 * in the same signed change (docs/invite-link.md §3): a new key sealed to every remaining member,
 * stored here, so this home's later syncs meet in the new key's room. The removed member can
 * open nothing written after; its later changes are refused by every member.
 */
export const memberRemoveCommand: CliCommand = {
  path: ['member', 'remove'],
  summary: 'remove a member and rotate the case key (yourself: leave the case)',
  usage: 'CASE MEMBER',
  async run(args, io) {
    const parsed = parseArgs(args, { positionals: 2 });
    const [caseArg, memberArg] = parsed.positionals as [string, string];
    const session = await openCaseSession(io, caseArg);
    const active = selectContract(session.replica.contract)
      .parties.flatMap((p) => p.members)
      .filter((m) => m.status === 'active');
    const target = findMember(active, memberArg);
    const removed = removeMemberWithRotation(sodium(), session.replica, target.id, Date.now());
    if (!removed.ok) {
      const why = removed.error === 'forbidden' ? `${removed.message} (${WHO_MAY})` : removed.message;
      throw new CliError(`${why} (${removed.error})`);
    }
    // The removal (sealed with the old key, for the remaining members to open) and the key history
    // (sealed with the new key) first; then the new key, so the next sync uses its room.
    session.persist();
    if (removed.caseKey) session.store.saveKeys(session.identity, session.replica.keyring);
    const remaining = removed.rotation.sealed.length;
    const name = `${target.displayName} (${fingerprintOfMemberId(target.id)})`;
    io.out(
      removed.leaving
        ? 'You left the case. Your later changes will be refused by the other members.'
        : `Removed ${name}: their later changes are refused by every member.`,
    );
    io.out(
      removed.leaving
        ? `The case key was rotated (epoch ${removed.rotation.epoch}) for the ${remaining} remaining member${remaining === 1 ? '' : 's'}: you can read nothing written after you left.`
        : `The case key was rotated (epoch ${removed.rotation.epoch}) and sealed to the ${remaining} remaining member${remaining === 1 ? '' : 's'}; ${target.displayName} can read nothing written from now on. Sync ("casepact sync CASE") so the others learn it: peers now meet in the new key's room.`,
    );
    return 0;
  },
};
