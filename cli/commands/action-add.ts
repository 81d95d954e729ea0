import { parseIsoInstant, proposeChange, selectParties } from '../../shared/contract/index';
import type { PartyView } from '../../shared/contract/index';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { parseArgs, required } from './args';
import { openCaseSession, orFail } from './case-session';

/** Finds the owner party by id, role (if only one party has it) or name (case-insensitive). */
export function resolveParty(parties: readonly PartyView[], owner: string): PartyView {
  const byId = parties.find((p) => p.id === owner);
  if (byId) return byId;
  const byRole = parties.filter((p) => p.role === owner);
  if (byRole.length === 1) return byRole[0] as PartyView;
  if (byRole.length > 1)
    throw new CliError(`several parties have the role ${owner}: name the party instead`, 2);
  const byName = parties.filter((p) => p.name.toLowerCase() === owner.toLowerCase());
  if (byName.length === 1) return byName[0] as PartyView;
  const known = parties.map((p) => `${p.name} (${p.role})`).join(', ');
  throw new CliError(`no party "${owner}" in this case; parties: ${known}`, 2);
}

export const actionAddCommand: CliCommand = {
  path: ['action', 'add'],
  summary: "propose an action owned by a party (applies at once when it is your own party's)",
  usage: 'CASE --title TITLE --owner ROLE_OR_PARTY [--due ISO]',
  async run(args, io) {
    const parsed = parseArgs(args, { options: ['title', 'owner', 'due'], positionals: 1 });
    const title = required(parsed, 'title');
    const owner = required(parsed, 'owner');
    const due = parsed.options.get('due');
    if (due !== undefined && parseIsoInstant(due) === undefined) {
      throw new CliError('--due must be an ISO 8601 date-time with offset, e.g. 2025-07-01T17:00:00Z', 2);
    }
    const session = await openCaseSession(io, parsed.positionals[0]);
    const party = resolveParty(selectParties(session.replica.contract), owner);
    const actionId = session.replica.context().newId();
    const proposed = orFail(
      session.replica.run((ctx) =>
        proposeChange(ctx, {
          changes: [
            { kind: 'add-action', action: { id: actionId, title, party: party.id, dueAt: due ?? null } },
          ],
        }),
      ),
    );
    session.persist();
    if (proposed.applied) io.out(`Added action "${title}" owned by ${party.name}`);
    else
      io.out(
        `Proposed action "${title}" owned by ${party.name}: waiting for ${party.name} to accept (proposal ${proposed.proposalId})`,
      );
    io.out(actionId);
    return 0;
  },
};
