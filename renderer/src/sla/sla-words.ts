/** How SLA clocks read in the UI: names, state words, tones and remaining time. */
import type { ContractSnapshot } from '../../../shared/contract/views';
import type { SlaClock, SlaState } from '../../../shared/sla/types';
import type { Tone } from '../components/Badge';

export const SLA_STATE_WORDS: Readonly<Record<SlaState, string>> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  breached: 'Breached',
  met: 'Met',
};

export const SLA_STATE_TONES: Readonly<Record<SlaState, Tone>> = {
  'on-track': 'ok',
  'at-risk': 'warn',
  breached: 'danger',
  met: 'neutral',
};

/** A mark that does not rely on colour alone. */
export const SLA_STATE_ICONS: Readonly<Record<SlaState, string>> = {
  'on-track': '◷',
  'at-risk': '⚠',
  breached: '✖',
  met: '✓',
};

const SEVERITY: Readonly<Record<SlaState, number>> = { breached: 3, 'at-risk': 2, 'on-track': 1, met: 0 };

/** Orders clocks most urgent first: breached, at risk, on track (least time left first), met. */
export function compareClocks(a: SlaClock, b: SlaClock): number {
  return (
    SEVERITY[b.state] - SEVERITY[a.state] ||
    (a.remainingMinutes ?? Number.POSITIVE_INFINITY) - (b.remainingMinutes ?? Number.POSITIVE_INFINITY)
  );
}

/** The clock that matters most right now, or null when there is none. */
export function worstClock(clocks: readonly SlaClock[]): SlaClock | null {
  return [...clocks].sort(compareClocks)[0] ?? null;
}

/** "First response", "Resolution", or the action's title. */
export function clockName(clock: SlaClock, snapshot: Pick<ContractSnapshot, 'actions'>): string {
  if (clock.kind === 'first-response') return 'First response';
  if (clock.kind === 'resolution') return 'Resolution';
  const title = snapshot.actions.find((a) => a.id === clock.actionId)?.title;
  return title ? `Action: ${title}` : 'Action';
}

/**
 * Business time as people say it. Under an hour it counts seconds, so a running clock visibly
 * ticks: "12:05 left", "1 h 05 min left", "2 d 3 h left", "35 min overdue".
 */
export function remainingWords(minutes: number | null): string {
  if (minutes === null) return 'not started';
  const overdue = minutes < 0;
  const abs = Math.abs(minutes);
  let amount: string;
  if (abs < 60) {
    const total = Math.floor(abs * 60);
    amount = `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  } else if (abs < 24 * 60) {
    amount = `${Math.floor(abs / 60)} h ${String(Math.floor(abs % 60)).padStart(2, '0')} min`;
  } else {
    amount = `${Math.floor(abs / 1440)} d ${Math.floor((abs % 1440) / 60)} h`;
  }
  return overdue ? `${amount} overdue` : `${amount} left`;
}

/** One line per clock for badges and notifications: "Breached · 35:00 overdue". */
export function clockSummary(clock: SlaClock): string {
  if (clock.state === 'met') return SLA_STATE_WORDS.met;
  if (clock.phase === 'paused') return `${SLA_STATE_WORDS[clock.state]} · paused`;
  if (clock.phase === 'waiting') return 'Waiting on a dependency';
  return `${SLA_STATE_WORDS[clock.state]} · ${remainingWords(clock.remainingMinutes)}`;
}
