import { addParty, recordKeyHistory, selectContract } from '../../shared/contract/index';
import { sodium } from '../../shared/crypto/sodium';
import { checkInviterRights } from '../../shared/invite/case-checks';
import { inviteCaseViewFromDoc } from '../../shared/invite/case-view';
import { createInvite, MAX_INVITE_LIFETIME_MS } from '../../shared/invite/create-invite';
import type { InviteRole } from '../../shared/invite/link-format';
import { INVITE_ROLES } from '../../shared/invite/link-format';
import { holdsRotationKey, keyHistoryToWrite, readRotations } from '../../shared/membership/case-keys';
import { rotationInForce } from '../../shared/membership/epochs';
import type { CliCommand, CliIo } from '../command';
import { CliError } from '../command';
import { parseArgs, required } from './args';
import type { CaseSession } from './case-session';
import { openCaseSession, orFail } from './case-session';

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "30m", "12h", "7d", "2w" → milliseconds, at most 90 days. */
export function parseLifetime(text: string): number {
  const match = /^([1-9][0-9]{0,4})([mhdw])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * (UNIT_MS[match[2] as string] as number) : Number.NaN;
  if (!(ms > 0)) throw new CliError('--expires takes a duration like 30m, 12h, 7d or 2w', 2);
  if (ms > MAX_INVITE_LIFETIME_MS) throw new CliError('--expires may be at most 90d', 2);
  return ms;
}

/**
 * The party the invitee joins: `--party` (id or name), else the one party with the role. When
 * the case has no such party yet, it is added first (named `--party`, or after the role), a
 * signed change like any other: the contract lets customer and provider members add parties.
 */
function choosePartyFor(
  session: CaseSession,
  role: InviteRole,
  given: string | undefined,
  io: CliIo,
): string {
  const parties = selectContract(session.replica.contract).parties;
  const wanted = given?.trim().toLowerCase();
  const named =
    given === undefined
      ? []
      : parties.filter((p) => p.id === given || p.name.trim().toLowerCase() === wanted);
  if (named.length > 1) throw new CliError(`several parties are named "${given}": give the party id`, 2);
  if (named.length === 1) {
    const party = named[0] as { id: string; role: string; name: string };
    if (party.role !== role)
      throw new CliError(`party "${party.name}" is a ${party.role} party, not ${role}`, 2);
    return party.id;
  }
  const withRole = parties.filter((p) => p.role === role);
  if (given === undefined && withRole.length === 1) return (withRole[0] as { id: string }).id;
  if (given === undefined && withRole.length > 1) {
    throw new CliError(
      `the case has ${withRole.length} ${role} parties: name one with --party (${withRole.map((p) => p.name).join(', ')})`,
      2,
    );
  }
  const name = given?.trim() || `${role[0]?.toUpperCase()}${role.slice(1)}`;
  const added = session.replica.run((ctx) => addParty(ctx, { name, role }));
  if (!added.ok) throw new CliError(`cannot add a ${role} party "${name}" to invite into: ${added.message}`);
  io.err(`casepact: added the ${role} party "${name}" to the case`);
  return added.value.partyId;
}

/**
 * `casepact invite CASE --role ROLE [--party PARTY] [--expires 7d] [--single-use]`: signs an
 * invite link (docs/invite-link.md) and prints it alone on the last line, for scripts.
 */
export const inviteCommand: CliCommand = {
  path: ['invite'],
  summary: 'make an invite link to the case; prints the link alone on the last line',
  usage: 'CASE --role customer|provider|partner|observer [--party PARTY] [--expires 7d] [--single-use]',
  async run(args, io) {
    const parsed = parseArgs(args, {
      options: ['role', 'party', 'expires'],
      switches: ['single-use'],
      positionals: 1,
    });
    const role = required(parsed, 'role') as InviteRole;
    if (!INVITE_ROLES.includes(role))
      throw new CliError(`--role must be one of ${INVITE_ROLES.join(', ')}`, 2);
    const lifetime = parseLifetime(parsed.options.get('expires') ?? '7d');
    const singleUse = parsed.switches.has('single-use');
    const session = await openCaseSession(io, parsed.positionals[0]);
    // The link carries the current case key: make sure a holder of it can open the older keys
    // too (key history, docs/invite-link.md §3), and never hand out a key that is not in force.
    const na = sodium();
    const inForce = rotationInForce(readRotations(session.replica.contract));
    if (inForce && !holdsRotationKey(na, session.replica.keyring, inForce))
      throw new CliError(
        'this device does not hold the current case key: sync the case first ("casepact sync CASE")',
      );
    const history = keyHistoryToWrite(
      na,
      session.replica.contract,
      session.replica.caseId,
      session.replica.keyring,
    );
    if (history) orFail(session.replica.run((ctx) => recordKeyHistory(ctx, { history })));
    const partyId = choosePartyFor(session, role, parsed.options.get('party'), io);
    const rights = checkInviterRights(
      inviteCaseViewFromDoc(session.replica.contract),
      session.identity.publicKey,
      role,
      partyId,
    );
    if (!rights.ok) throw new CliError(rights.message);
    const contract = selectContract(session.replica.contract);
    const now = Date.now();
    const made = createInvite({
      genesis: session.store.meta.genesis,
      caseKey: session.replica.keyring.current.key,
      role,
      party: rights.party,
      singleUse,
      issuedAt: now,
      expiresAt: now + lifetime,
      inviter: session.identity,
    });
    if (!made.ok) throw new CliError(made.message);
    session.persist();
    const party = contract.parties.find((p) => p.id === rights.party);
    const expires = new Date(made.invite.expiresAt).toISOString().slice(0, 16).replace('T', ' ');
    io.out(
      `Invite to "${contract.case?.title ?? session.store.meta.genesis.caseId}" as ${role} of ${party?.name ?? rights.party}` +
        `, ${singleUse ? 'single use' : 'reusable'}, expires ${expires} UTC.`,
    );
    io.out('Send it privately: whoever holds this link can join the case and read it until it expires.');
    io.out(made.link);
    return 0;
  },
};
