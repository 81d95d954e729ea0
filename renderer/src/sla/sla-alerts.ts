/**
 * What deserves a notification, decided by comparing what a case looked like at the last check
 * with now: a clock entering "at risk" or "breached", a new proposal waiting for my party's
 * answer. The first look at a case only sets the baseline (nothing already known is announced
 * again after a restart). Pure: the watcher component shows the alerts and tests call this.
 */
import type { ContractSnapshot } from '../../../shared/contract/views';
import type { EscalationFiring } from '../../../shared/sla/escalation';
import type { CaseSlaState } from '../../../shared/sla/from-replica';
import type { SlaState } from '../../../shared/sla/types';
import { clockName, remainingWords } from './sla-words';

export interface CaseAlertBaseline {
  /** Clock id → state at the last check. */
  readonly clocks: ReadonlyMap<string, SlaState>;
  /** Proposals already seen waiting on my party. */
  readonly proposals: ReadonlySet<string>;
}

export interface Alert {
  readonly caseId: string;
  readonly kind: 'sla-at-risk' | 'sla-breached' | 'proposal';
  /** Stable per occurrence, so the same alert is never shown twice. */
  readonly key: string;
  readonly tone: 'warn' | 'danger' | 'info';
  readonly title: string;
  readonly body: string;
}

/** My party in the case, or null when I am not an active member. */
export function myPartyOf(snapshot: ContractSnapshot, me: string): { id: string; role: string } | null {
  for (const party of snapshot.parties) {
    if (party.members.some((m) => m.id === me && m.status === 'active'))
      return { id: party.id, role: party.role };
  }
  return null;
}

/** Pending proposals of other parties that need my party's answer. */
export function proposalsAwaitingMe(snapshot: ContractSnapshot, me: string): readonly string[] {
  const mine = myPartyOf(snapshot, me);
  if (!mine) return [];
  return snapshot.proposals
    .filter(
      (p) =>
        p.status === 'pending' &&
        p.party !== mine.id &&
        p.responses.some((r) => r.party === mine.id && r.verdict === 'pending'),
    )
    .map((p) => p.id);
}

/** Alerts since `before` (undefined: first look, baseline only) and the new baseline. */
export function alertsFor(
  caseId: string,
  snapshot: ContractSnapshot,
  me: string,
  sla: CaseSlaState | null,
  before: CaseAlertBaseline | undefined,
): { readonly alerts: readonly Alert[]; readonly baseline: CaseAlertBaseline } {
  const title = snapshot.case?.title ?? 'A case';
  const clocks = new Map<string, SlaState>();
  const alerts: Alert[] = [];
  for (const clock of sla?.evaluation.clocks ?? []) {
    clocks.set(clock.id, clock.state);
    const was = before?.clocks.get(clock.id);
    if (!before || was === clock.state) continue;
    const name = clockName(clock, snapshot);
    if (clock.state === 'breached') {
      alerts.push({
        caseId,
        kind: 'sla-breached',
        key: `${caseId}/${clock.id}/breached/${clock.crossings.length}`,
        tone: 'danger',
        title: `SLA breached: ${name}`,
        body: `${title} — ${remainingWords(clock.remainingMinutes)} (${clock.committedBy}'s commitment)`,
      });
    } else if (clock.state === 'at-risk' && was !== 'breached') {
      alerts.push({
        caseId,
        kind: 'sla-at-risk',
        key: `${caseId}/${clock.id}/at-risk/${clock.crossings.length}`,
        tone: 'warn',
        title: `SLA at risk: ${name}`,
        body: `${title} — ${remainingWords(clock.remainingMinutes)}`,
      });
    }
  }
  const waiting = proposalsAwaitingMe(snapshot, me);
  if (before) {
    for (const id of waiting) {
      if (before.proposals.has(id)) continue;
      const proposal = snapshot.proposals.find((p) => p.id === id);
      const from = snapshot.parties.find((p) => p.id === proposal?.party)?.name ?? 'Another party';
      alerts.push({
        caseId,
        kind: 'proposal',
        key: `${caseId}/proposal/${id}`,
        tone: 'info',
        title: `New proposal from ${from}`,
        body: `${title} — your answer is needed${proposal?.note ? `: “${proposal.note}”` : ''}`,
      });
    }
  }
  return { alerts, baseline: { clocks, proposals: new Set([...(before?.proposals ?? []), ...waiting]) } };
}

/**
 * Whether this app should sign a due escalation itself: customer and provider members can do
 * every step; to keep concurrent duplicates rare, the provider side does it, and the customer
 * side only when the provider has nobody in the case. Superseded crossings are not escalated.
 */
export function shouldEscalate(firing: EscalationFiring, snapshot: ContractSnapshot, me: string): boolean {
  if (firing.superseded) return false;
  const mine = myPartyOf(snapshot, me);
  if (!mine) return false;
  if (mine.role === 'provider') return true;
  if (mine.role !== 'customer') return false;
  return !snapshot.parties.some((p) => p.role === 'provider' && p.members.some((m) => m.status === 'active'));
}
