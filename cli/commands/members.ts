import { entityMap } from '../../shared/contract/read';
import { roots } from '../../shared/contract/schema';
import { selectContract } from '../../shared/contract/index';
import { sodium } from '../../shared/crypto/sodium';
import { holdsRotationKey, readRotations } from '../../shared/membership/case-keys';
import { rotationInForce } from '../../shared/membership/epochs';
import { fingerprintOfMemberId } from '../../shared/identity/member-id';
import { parseStoredAdmission } from '../../shared/invite/admission';
import { MEMBER_INVITE_FIELD } from '../../shared/invite/case-view';
import type { CliCommand } from '../command';
import { parseArgs } from './args';
import { openCaseSession } from './case-session';

/** One member as `casepact members --json` prints it. */
export interface MemberLine {
  readonly id: string;
  readonly fingerprint: string;
  readonly displayName: string;
  readonly organisation: string;
  readonly party: string;
  readonly partyName: string;
  readonly role: string;
  readonly status: 'active' | 'removed';
  readonly addedBy: string;
  readonly addedAt: number;
  readonly removedAt: number | null;
  /** Who removed the member (itself when it left); null while active. */
  readonly removedBy: string | null;
  /** Whether the member joined with an invite (its record carries the admission). */
  readonly joinedByInvite: boolean;
  readonly you: boolean;
}

/** `casepact members CASE [--json]`: parties and their members, active and removed. */
export const membersCommand: CliCommand = {
  path: ['members'],
  summary: 'list the parties of a case and their members',
  usage: 'CASE [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, { switches: ['json'], positionals: 1 });
    const session = await openCaseSession(io, parsed.positionals[0]);
    const contract = selectContract(session.replica.contract);
    const members = roots(session.replica.contract).members;
    const lines: MemberLine[] = contract.parties.flatMap((party) =>
      party.members.map((m) => ({
        id: m.id,
        fingerprint: fingerprintOfMemberId(m.id) ?? '?',
        displayName: m.displayName,
        organisation: m.organisation,
        party: party.id,
        partyName: party.name,
        role: m.role,
        status: m.status,
        addedBy: m.addedBy,
        addedAt: m.addedAt,
        removedAt: m.removedAt,
        removedBy: m.removedBy,
        joinedByInvite:
          parseStoredAdmission(entityMap(members, m.id)?.get(MEMBER_INVITE_FIELD)) !== undefined,
        you: m.id === session.identity.id,
      })),
    );
    if (parsed.switches.has('json')) {
      io.out(JSON.stringify(lines, null, 2));
      return 0;
    }
    const names = new Map(lines.map((l) => [l.id, l.displayName] as const));
    const removal = (line: MemberLine) =>
      line.status !== 'removed'
        ? ''
        : line.removedBy === line.id
          ? 'left'
          : `removed by ${names.get(line.removedBy ?? '') ?? 'a member'}`;
    for (const party of contract.parties) {
      io.out(`${party.name} (${party.role})`);
      for (const line of lines.filter((l) => l.party === party.id)) {
        const flags = [line.status === 'removed' ? `removed: ${removal(line)}` : '', line.you ? 'you' : '']
          .filter(Boolean)
          .join(', ');
        io.out(
          `  ${line.displayName} (${line.organisation || '-'}) ${line.fingerprint}${flags ? ` [${flags}]` : ''}  ${line.id}`,
        );
      }
    }
    const active = lines.filter((l) => l.status === 'active').length;
    io.out(`${active} active member${active === 1 ? '' : 's'} in ${contract.parties.length} parties`);
    const rotations = readRotations(session.replica.contract);
    if (rotations.length > 0) {
      const inForce = rotationInForce(rotations);
      const held = inForce && holdsRotationKey(sodium(), session.replica.keyring, inForce);
      io.out(
        held
          ? `Case key: epoch ${inForce.epoch} (rotated ${rotations.length} time${rotations.length === 1 ? '' : 's'}; this device holds it)`
          : `Case key: epoch ${inForce?.epoch} — this identity holds no key of it (removed, or joined with an older link)`,
      );
    }
    return 0;
  },
};
