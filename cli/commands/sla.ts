import { parseIsoInstant, selectContract } from '../../shared/contract/index';
import type { ContractSnapshot } from '../../shared/contract/views';
import { escalate, escalationRef } from '../../shared/sla/adapter-escalation';
import { type CaseSlaState, ReplicaSlaTracker } from '../../shared/sla/from-replica';
import type { SlaClock } from '../../shared/sla/types';
import type { CliCommand, CliIo } from '../command';
import { CliError } from '../command';
import { parseArgs } from './args';
import { openCaseSession } from './case-session';

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

/** "2 h 05 min", "-35 min" (overdue), in business minutes. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '-';
  const sign = minutes < 0 ? '-' : '';
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${sign}${m} min`;
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const rest = String(m % 60).padStart(2, '0');
  return days > 0 ? `${sign}${days} d ${hours} h ${rest} min` : `${sign}${hours} h ${rest} min`;
}

function clockName(clock: SlaClock, snapshot: ContractSnapshot): string {
  if (clock.kind === 'first-response') return 'First response';
  if (clock.kind === 'resolution') return 'Resolution';
  const title = snapshot.actions.find((a) => a.id === clock.actionId)?.title ?? clock.actionId ?? '';
  return `Action "${title}"`;
}

function parseAt(value: string | undefined): number {
  if (value === undefined) return Date.now();
  const at = parseIsoInstant(value);
  if (at === undefined)
    throw new CliError('--at must be an ISO 8601 instant with offset, e.g. 2025-07-01T17:00Z', 2);
  return at;
}

function printText(io: CliIo, caseId: string, snapshot: ContractSnapshot, state: CaseSlaState): void {
  const { evaluation } = state;
  const header = snapshot.case;
  const names = new Map(
    snapshot.parties.flatMap((p) => p.members.map((m) => [m.id, m.displayName] as const)),
  );
  io.out(`${header?.title ?? caseId}  [${evaluation.status}, priority ${evaluation.priority}]`);
  io.out(`SLA at ${iso(evaluation.evaluatedAt)} (calendar ${state.terms.calendar.timeZone})`);
  if (evaluation.clocks.length === 0) io.out('  no clocks: no target for this priority and category');
  for (const clock of evaluation.clocks) {
    const left =
      clock.phase === 'stopped'
        ? `used ${formatMinutes(clock.elapsedMinutes)}`
        : `left ${formatMinutes(clock.remainingMinutes)}`;
    const waiting = clock.waitingOn.length > 0 ? `, waiting on ${clock.waitingOn.join(', ')}` : '';
    io.out(
      `  ${clockName(clock, snapshot)}: ${clock.state.toUpperCase()} (${clock.phase}${waiting}) — ${clock.committedBy}, due ${iso(clock.dueAt)}, ${left}`,
    );
  }
  if (Number.isFinite(state.minutesToBreach))
    io.out(`Time to breach: ${formatMinutes(state.minutesToBreach)} of business time`);
  if (state.recorded.length + state.pending.length > 0) io.out('Escalations:');
  for (const r of state.recorded) {
    const who = names.get(r.entry.author) ?? r.entry.author;
    const dup = r.duplicates > 0 ? ` (+${r.duplicates} duplicate${r.duplicates > 1 ? 's' : ''})` : '';
    io.out(`  ${r.ref}: recorded by ${who} at ${iso(r.entry.at)}${dup} — ${r.entry.text}`);
  }
  for (const f of state.pending) {
    const note = f.superseded ? 'no longer holds, not escalated' : 'due: run with --escalate to sign it';
    io.out(`  ${f.key}: crossed at ${iso(f.crossedAt)}, ${note}`);
  }
  if (evaluation.adjustedTimestamps.length > 0)
    io.out(
      `Clock skew: ${evaluation.adjustedTimestamps.length} signed timestamp(s) adjusted (docs/sla-clock.md §3)`,
    );
}

export const slaCommand: CliCommand = {
  path: ['sla'],
  summary: 'show the SLA clocks of a case (due, remaining business time, state) and its escalations',
  usage: 'CASE [--json] [--at ISO_INSTANT] [--escalate]',
  async run(args, io) {
    const parsed = parseArgs(args, { switches: ['json', 'escalate'], options: ['at'], positionals: 1 });
    const now = parseAt(parsed.options.get('at'));
    const session = await openCaseSession(io, parsed.positionals[0]);
    const { replica } = session;
    const tracker = new ReplicaSlaTracker(replica);
    let result = tracker.evaluate(now);
    if (!result.ok) {
      if (result.error.code === 'engine')
        throw new CliError(`the SLA of this case cannot be evaluated (${result.error.error.code})`);
      const reason =
        result.error.code === 'no-terms' ? 'the case has no SLA terms' : 'the case has not arrived yet';
      if (parsed.switches.has('json'))
        io.out(JSON.stringify({ caseId: replica.caseId, sla: null, reason: result.error.code }, null, 2));
      else io.out(`No SLA clocks: ${reason}`);
      return 0;
    }
    const escalated: { key: string; ref: string; performed: readonly string[] }[] = [];
    if (parsed.switches.has('escalate')) {
      for (const firing of result.value.pending) {
        if (firing.superseded) continue;
        const done = replica.run((ctx) =>
          escalate(ctx, firing, (result as { value: CaseSlaState }).value.evaluation),
        );
        if (!done.ok) throw new CliError(`escalation ${firing.key} refused: ${done.message} (${done.error})`);
        escalated.push({ key: firing.key, ref: done.value.ref, performed: done.value.performed });
        for (const s of done.value.skipped)
          io.err(`casepact: note: ${firing.key}: skipped ${s.step}: ${s.reason}`);
      }
      session.persist();
      result = tracker.evaluate(now);
      if (!result.ok) throw new CliError('the SLA of this case cannot be evaluated after escalating');
    }
    const state = result.value;
    const snapshot = selectContract(replica.contract);
    if (parsed.switches.has('json')) {
      io.out(
        JSON.stringify(
          {
            caseId: replica.caseId,
            evaluatedAt: state.evaluation.evaluatedAt,
            status: state.evaluation.status,
            priority: state.evaluation.priority,
            category: state.evaluation.category,
            minutesToBreach: Number.isFinite(state.minutesToBreach) ? state.minutesToBreach : null,
            clocks: state.evaluation.clocks,
            escalations: {
              recorded: state.recorded.map((r) => ({
                ref: r.ref,
                trigger: r.trigger,
                by: r.entry.author,
                at: r.entry.at,
                text: r.entry.text,
                duplicates: r.duplicates,
              })),
              pending: state.pending.map((f) => ({ ...f, ref: escalationRef(f.key) })),
              escalated,
            },
            adjustedTimestamps: state.evaluation.adjustedTimestamps,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    for (const e of escalated) io.out(`Escalated ${e.key}: ${e.performed.join(', ')} (signed)`);
    printText(io, replica.caseId, snapshot, state);
    return 0;
  },
};
