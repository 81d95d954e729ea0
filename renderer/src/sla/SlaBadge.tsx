import type { SlaClock, SlaState } from '../../../shared/sla/types';
import { Badge } from '../components/Badge';
import { clockSummary, SLA_STATE_ICONS, SLA_STATE_TONES, SLA_STATE_WORDS } from './sla-words';
import './sla.css';

/** A state word with its icon and tone: "✖ Breached". */
export function SlaStateBadge({ state }: { state: SlaState }) {
  return (
    <Badge tone={SLA_STATE_TONES[state]}>
      <span aria-hidden="true">{SLA_STATE_ICONS[state]}</span> {SLA_STATE_WORDS[state]}
    </Badge>
  );
}

/**
 * The inbox's SLA badge for one case: its most urgent clock, e.g. "⚠ SLA at risk · 12:30 left" or
 * "✖ SLA breached · 1 h 05 min overdue". `name` says which clock (shown as a tooltip).
 */
export function SlaBadge({ clock, name }: { clock: SlaClock | null; name?: string }) {
  if (!clock) return null;
  const text = clockSummary(clock);
  return (
    <span
      className={`sla-badge sla-badge--${clock.state}`}
      data-testid="sla-badge"
      data-state={clock.state}
      title={name ? `${name}: ${text}` : text}
    >
      <Badge tone={SLA_STATE_TONES[clock.state]}>
        <span aria-hidden="true">{SLA_STATE_ICONS[clock.state]}</span> SLA {text.charAt(0).toLowerCase()}
        {text.slice(1)}
      </Badge>
    </span>
  );
}
