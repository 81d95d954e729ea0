import { selectContract } from '../../shared/contract/index';
import { fingerprintOfMemberId } from '../../shared/identity/member-id';
import { REASON_TEXT } from '../../shared/signed/policy';
import type { CliCommand } from '../command';
import { parseArgs } from './args';
import { openCaseSession } from './case-session';

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

export const showCommand: CliCommand = {
  path: ['show'],
  summary: 'show a case: parties, actions, agreement versions, conversation, verification',
  usage: 'CASE [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, { switches: ['json'], positionals: 1 });
    const session = await openCaseSession(io, parsed.positionals[0]);
    const { replica } = session;
    const snapshot = selectContract(replica.contract);
    const { refused, waiting, forks } = replica.quarantine();
    const verification = {
      changes: replica.applied().length,
      refused: refused.map((q) => ({
        reason: q.reason,
        detail: q.detail,
        author: q.author ?? null,
        seq: q.seq ?? null,
      })),
      waiting: waiting.map((q) => ({ reason: q.reason, detail: q.detail, author: q.author, seq: q.seq })),
      forks: forks.map((f) => ({ author: f.author, seq: f.seq })),
    };
    if (parsed.switches.has('json')) {
      io.out(JSON.stringify({ caseId: replica.caseId, ...snapshot, verification }, null, 2));
      return 0;
    }
    const names = new Map(
      snapshot.parties.flatMap((p) => p.members.map((m) => [m.id, m.displayName] as const)),
    );
    const partyNames = new Map(snapshot.parties.map((p) => [p.id, p.name] as const));
    const header = snapshot.case;
    io.out(
      `${header?.title ?? '(no case)'}  [${header?.status ?? '-'}, priority ${header?.priority ?? '-'}]`,
    );
    io.out(`Case ${replica.caseId}`);
    if (header?.summary) io.out(`Summary: ${header.summary}`);
    io.out('Parties:');
    for (const party of snapshot.parties) {
      io.out(`  ${party.name} (${party.role})`);
      for (const m of party.members)
        io.out(
          `    ${m.displayName} ${fingerprintOfMemberId(m.id) ?? ''}${m.status === 'active' ? '' : ' [removed]'}`,
        );
    }
    io.out(snapshot.actions.length === 0 ? 'Actions: none' : 'Actions:');
    for (const a of snapshot.actions) {
      io.out(
        `  [${a.status}] ${a.title} — ${partyNames.get(a.party) ?? a.party}, due ${iso(a.dueAt)} (${a.id})`,
      );
    }
    const versions = snapshot.agreements.versions;
    io.out(versions.length === 0 ? 'Agreement: nothing to sign yet' : 'Agreement versions:');
    for (const v of versions) {
      const state = v.agreedByAll ? 'AGREED' : v.recorded ? 'signing' : 'open';
      io.out(`  v${v.version} ${state}, terms ${v.termsHash.slice(0, 16)}…`);
      for (const s of v.signatures)
        io.out(
          `    signed by ${names.get(s.member) ?? s.member} at ${iso(s.at)}${s.current ? '' : ' (earlier draft)'}`,
        );
    }
    const messages = snapshot.messages.slice(-10);
    io.out(`Conversation (${snapshot.messages.length}, last ${messages.length}):`);
    for (const m of messages) io.out(`  ${iso(m.at)} ${names.get(m.author) ?? m.author}: ${m.text}`);
    io.out(
      `Verification: ${verification.changes} signed changes applied, ${refused.length} refused, ${waiting.length} waiting, ${forks.length} forks`,
    );
    for (const q of [...refused, ...waiting])
      io.out(`  ${q.author ?? 'unknown author'} #${q.seq ?? '?'} ${REASON_TEXT[q.reason]}: ${q.detail}`);
    return 0;
  },
};
