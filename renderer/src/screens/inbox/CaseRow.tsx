import { routeHash } from '../../app/router';
import { Badge } from '../../components/Badge';
import { SlaBadge } from '../../sla/SlaBadge';
import type { InboxSla } from '../../sla/use-inbox-sla';
import {
  formatAgo,
  formatDateTime,
  formatDue,
  PRIORITY_TONES,
  PRIORITY_WORDS,
  ROLE_WORDS,
  STATUS_TONES,
  STATUS_WORDS,
} from '../../workspace/format';
import { syncWords } from '../../workspace/sync-words';
import type { InboxRow } from './inbox-model';

/** One case in the inbox: what it is, who is in it, what it needs from me, and how fresh my copy is. */
export function CaseRow({ row, now, sla }: { row: InboxRow; now: number; sla?: InboxSla | undefined }) {
  const sync = syncWords(row.sync, now);
  const due = row.nextDue ? formatDue(row.nextDue.dueAt, now) : undefined;
  const titleId = `case-${row.caseId}`;
  return (
    <li
      className={`case-row${row.waiting.length ? ' case-row--mine' : ''}`}
      aria-labelledby={titleId}
      data-testid="case-row"
    >
      <div className="case-row__main">
        <h2 className="case-row__title" id={titleId}>
          <a href={routeHash({ name: 'case', caseId: row.caseId, tab: 'overview' })}>{row.title}</a>
        </h2>
        <div className="badge-row">
          {row.status && (
            <Badge tone={STATUS_TONES[row.status]}>
              {row.status === 'waiting' && row.waitingOn
                ? `Waiting on ${row.waitingOn}`
                : STATUS_WORDS[row.status]}
            </Badge>
          )}
          <Badge tone={PRIORITY_TONES[row.priority]}>{PRIORITY_WORDS[row.priority]} priority</Badge>
          <Badge tone={row.agreement.tone}>{row.agreement.text}</Badge>
          <SlaBadge clock={sla?.worst ?? null} name={sla?.name} />
        </div>
        <p className="case-row__parties muted small">
          {row.parties.map((p, i) => (
            <span key={p.id}>
              {i > 0 && ' · '}
              <span className={p.mine ? 'case-row__me' : ''}>{p.name}</span> (
              {ROLE_WORDS[p.role].toLowerCase()})
            </span>
          ))}
        </p>
      </div>
      <div className="case-row__side">
        <p className="case-row__need">
          {row.waiting.length > 0 ? (
            <strong className="case-row__waiting">
              Waits on you: {row.waiting[0]?.text}
              {row.waiting.length > 1 ? ` and ${row.waiting.length - 1} more` : ''}
            </strong>
          ) : (
            <span className="muted">Nothing waits on you</span>
          )}
        </p>
        <p className="small">
          {row.myOpenActions > 0
            ? `${row.myOpenActions} open action${row.myOpenActions === 1 ? '' : 's'} for your party`
            : 'No open actions for your party'}
        </p>
        <p className="small">
          {row.nextDue && due ? (
            <span className={due.overdue ? 'text-danger' : ''} title={formatDateTime(row.nextDue.dueAt)}>
              Next: {row.nextDue.title} ({row.nextDue.party}), {due.text}
            </span>
          ) : (
            <span className="muted">No due dates</span>
          )}
        </p>
      </div>
      <div className="case-row__meta small">
        {row.unread > 0 ? (
          <span className="unread">{row.unread} new</span>
        ) : (
          <span className="muted">{row.lastActivity ? formatAgo(row.lastActivity, now) : ''}</span>
        )}
        <span className={`sync-dot sync-dot--${sync.tone}`} title={sync.detail}>
          {sync.label}
        </span>
      </div>
    </li>
  );
}
