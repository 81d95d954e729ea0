import type { MemberView } from '../../shared/contract/index';
import { removeMember, selectContract } from '../../shared/contract/index';
import { fingerprintOfMemberId } from '../../shared/identity/member-id';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { parseArgs } from './args';
import { openCaseSession, orFail } from './case-session';

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

/** `casepact member remove CASE MEMBER`: a signed removal (or leaving, when MEMBER is you). */
export const memberRemoveCommand: CliCommand = {
  path: ['member', 'remove'],
  summary: 'remove a member from the case (yourself: leave it)',
  usage: 'CASE MEMBER',
  async run(args, io) {
    const parsed = parseArgs(args, { positionals: 2 });
    const [caseArg, memberArg] = parsed.positionals as [string, string];
    const session = await openCaseSession(io, caseArg);
    const active = selectContract(session.replica.contract)
      .parties.flatMap((p) => p.members)
      .filter((m) => m.status === 'active');
    const target = findMember(active, memberArg);
    orFail(session.replica.run((ctx) => removeMember(ctx, { memberId: target.id })));
    session.persist();
    const leaving = target.id === session.identity.id;
    io.out(
      leaving
        ? 'You left the case. Your later changes will be refused by the other members.'
        : `Removed ${target.displayName} (${fingerprintOfMemberId(target.id)}): their later changes are refused by every member.`,
    );
    // Key rotation (shared/membership) needs a place in the contract document to record the
    // sealed new key; until the contract has it, say plainly what removal does not do yet.
    io.err(
      'casepact: note: the case key was not rotated (not supported by this version yet), so the removed member can still decrypt what peers send in the case room.',
    );
    return 0;
  },
};
