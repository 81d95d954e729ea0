import { fingerprintOfMemberId } from '../../shared/identity/member-id';
import type { AppliedChange, QuarantineEntry } from '../../shared/signed/pipeline';
import { REASON_TEXT } from '../../shared/signed/policy';
import type { CasePeerTally } from './case-peer';
import type { NoLongerMember } from './case-peer-events';

/** How a `casepact sync` run ended. */
export type SyncEnd = 'idle' | 'no-peer' | 'timeout';

/** The machine-readable summary of a sync run (`casepact sync --json`). */
export interface SyncSummary {
  readonly caseId: string;
  readonly end: SyncEnd;
  readonly seconds: number;
  readonly peersMet: number;
  readonly received: {
    readonly changes: number;
    readonly byAuthor: readonly {
      readonly author: string;
      readonly name: string | null;
      readonly changes: number;
    }[];
  };
  readonly rejected: readonly {
    readonly key: string;
    readonly reason: string;
    readonly text: string;
    readonly detail: string;
    readonly author: string | null;
    readonly seq: number | null;
  }[];
  readonly waiting: number;
  readonly saved: number;
  /** Epoch of the case key the log syncs with at the end (0: the creation key). */
  readonly epoch: number;
  /** The case key rotated during the run: the log moved to the new key's room. */
  readonly rotated: boolean;
  /** This identity is no longer a member (it receives nothing new of the case), or null. */
  readonly noLongerMember: NoLongerMember | null;
}

/** A member's display name, else its fingerprint, else the raw id (for a non-member's entry). */
export function whoIs(names: ReadonlyMap<string, string>, author: string): string {
  return names.get(author) ?? fingerprintOfMemberId(author) ?? author;
}

export function summarise(
  caseId: string,
  end: SyncEnd,
  seconds: number,
  peersMet: number,
  tally: CasePeerTally,
  names: ReadonlyMap<string, string>,
): SyncSummary {
  const counts = new Map<string, number>();
  for (const change of tally.fromPeers) counts.set(change.author, (counts.get(change.author) ?? 0) + 1);
  const byAuthor = [...counts]
    .map(([author, changes]) => ({ author, name: names.get(author) ?? null, changes }))
    .sort((a, b) => b.changes - a.changes || a.author.localeCompare(b.author));
  return {
    caseId,
    end,
    seconds: Math.round(seconds * 10) / 10,
    peersMet,
    received: { changes: tally.fromPeers.length, byAuthor },
    rejected: tally.refused.map((q: QuarantineEntry) => ({
      key: q.key,
      reason: q.reason,
      text: REASON_TEXT[q.reason],
      detail: q.detail,
      author: q.author ?? null,
      seq: q.seq ?? null,
    })),
    waiting: tally.waiting,
    saved: tally.saved,
    epoch: tally.epoch,
    rotated: tally.rotated,
    noLongerMember: tally.noLongerMember,
  };
}

/** Human lines for a sync summary. */
export function summaryLines(summary: SyncSummary, names: ReadonlyMap<string, string>): string[] {
  const lines: string[] = [];
  if (summary.end === 'no-peer') {
    lines.push(`No peer of the case was reachable within ${summary.seconds} s: nothing exchanged.`);
  } else {
    const ended = summary.end === 'timeout' ? 'stopped at the timeout while still exchanging' : 'done';
    lines.push(
      `Synced with ${summary.peersMet} peer${summary.peersMet === 1 ? '' : 's'} in ${summary.seconds} s (${ended}).`,
    );
  }
  if (summary.received.changes === 0) lines.push('Received no new changes.');
  else {
    const who = summary.received.byAuthor
      .map((a) => `${a.changes} from ${whoIs(names, a.author)}`)
      .join(', ');
    lines.push(`Received ${plural(summary.received.changes, 'change')}: ${who}.`);
  }
  if (summary.rejected.length > 0) {
    lines.push(`Rejected ${plural(summary.rejected.length, 'entry', 'entries')} (kept in quarantine):`);
    for (const r of summary.rejected.slice(0, 20)) {
      const author = r.author ? `${whoIs(names, r.author)} #${r.seq ?? '?'}` : 'unknown author';
      lines.push(`  ${author} ${r.text}: ${r.detail}`);
    }
    if (summary.rejected.length > 20) lines.push(`  … and ${summary.rejected.length - 20} more`);
  }
  if (summary.waiting > 0) lines.push(`${plural(summary.waiting, 'change')} wait for earlier changes.`);
  if (summary.rotated) lines.push(`The ${rotatedText(summary.epoch)}.`);
  if (summary.noLongerMember) lines.push(`${noLongerMemberText(summary.noLongerMember, names)}.`);
  return lines;
}

/** "case key rotated (epoch N); now syncing in the new room" (sync's summary, serve's line). */
export function rotatedText(epoch: number): string {
  return `case key rotated (epoch ${epoch}); now syncing in the new room`;
}

/** Why this identity no longer gets the case's changes (sync's summary, serve's line). */
export function noLongerMemberText(why: NoLongerMember, names: ReadonlyMap<string, string>): string {
  const what =
    why.standing === 'removed'
      ? `You were removed from this case${why.by ? ` by ${whoIs(names, why.by)}` : ''}`
      : why.standing === 'left'
        ? 'You left this case'
        : 'This identity holds no key in force of this case';
  return `${what}: this device receives nothing new of it and stops syncing it`;
}

/** "3 changes from Pat" style counts for serve's log lines. */
export function describeApplied(
  changes: readonly AppliedChange[],
  names: ReadonlyMap<string, string>,
): string {
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change.author, (counts.get(change.author) ?? 0) + 1);
  return [...counts].map(([author, n]) => `${n} from ${whoIs(names, author)}`).join(', ');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
