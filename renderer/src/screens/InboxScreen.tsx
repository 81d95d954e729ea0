import { useMemo, useState } from 'react';
import { CASE_STATUSES, type Role, ROLES } from '../../../shared/contract/model';
import { PRIORITIES, type Priority } from '../../../shared/contract/sla-terms';
import { useRouter } from '../app/router';
import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';
import { useNow } from '../hooks/use-now';
import { useSeen } from '../hooks/use-seen';
import { KnowledgeResults } from '../knowledge/KnowledgeResults';
import { SlaWatcher } from '../sla/SlaWatcher';
import { compareTimeToBreach, useInboxSla } from '../sla/use-inbox-sla';
import { useCaseLibrary } from '../stores/case-library-store';
import { PRIORITY_WORDS, ROLE_WORDS, STATUS_WORDS } from '../workspace/format';
import { CaseRow } from './inbox/CaseRow';
import {
  compareRows,
  type InboxFilters,
  inboxRow,
  isFiltered,
  matches,
  NO_FILTERS,
  type StatusFilter,
} from './inbox/inbox-model';
import { NewCaseDialog } from './inbox/NewCaseDialog';

/**
 * Every case on this device, with search and filters, the two ways to start (new case, invite
 * link), and checking a signed copy someone sent.
 */
export function InboxScreen() {
  const sessions = useCaseLibrary((s) => s.sessions);
  const revision = useCaseLibrary((s) => s.revision);
  const status = useCaseLibrary((s) => s.status);
  const seen = useSeen((s) => s.seen);
  const navigate = useRouter((s) => s.navigate);
  const now = useNow();
  const [creating, setCreating] = useState(false);
  const [filters, setFilters] = useState<InboxFilters>(NO_FILTERS);
  const [order, setOrder] = useState<'needs-me' | 'time-to-breach'>('needs-me');
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision changes whenever any case changes
  const rows = useMemo(
    () => Object.values(sessions).map((session) => inboxRow(session, seen[session.caseId])),
    [sessions, revision, seen],
  );
  const sla = useInboxSla(Object.values(sessions), revision);
  const shown = rows
    .filter((r) => matches(r, filters))
    .sort(
      order === 'time-to-breach'
        ? (a, b) => compareTimeToBreach(sla.get(a.caseId), sla.get(b.caseId)) || compareRows(a, b)
        : compareRows,
    );
  const set = <K extends keyof InboxFilters>(key: K, value: InboxFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const waitingCount = rows.filter((r) => r.waiting.length > 0).length;
  const openJoin = () => navigate({ name: 'join', link: '' });

  const startButtons = (
    <>
      <Button variant="ghost" onClick={() => navigate({ name: 'verify' })} data-testid="open-verify">
        Check a signed copy
      </Button>
      <Button onClick={openJoin} data-testid="open-invite">
        Open invite link
      </Button>
      <Button variant="primary" onClick={() => setCreating(true)} data-testid="new-case">
        New case
      </Button>
    </>
  );

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <div className="inbox__header">
        <div>
          <h1 id="inbox-title">Cases</h1>
          {rows.length > 0 && (
            <p className="muted small" aria-live="polite">
              {rows.length} {rows.length === 1 ? 'case' : 'cases'}
              {waitingCount > 0 ? ` · ${waitingCount} waiting on you` : ''}
            </p>
          )}
        </div>
        {rows.length > 0 && <div className="button-row">{startButtons}</div>}
      </div>
      {status === 'loading' && rows.length === 0 ? (
        <p className="muted" role="status">
          <span className="spinner inline-spinner" aria-hidden="true" /> Opening your cases and checking their
          signatures…
        </p>
      ) : rows.length === 0 ? (
        <EmptyState title="No cases yet" testId="inbox-empty" actions={startButtons}>
          <p>
            A case keeps every party — you, the supplier's agents and any partner vendor — on one signed
            process contract: the actions you agree, who owns them, and by when.
          </p>
          <p className="empty-state__steps">
            Start a case from a template, or open an invite link someone sent you. Nobody else, not even a
            server, can read or change it.
          </p>
        </EmptyState>
      ) : (
        <>
          <search className="inbox__filters" aria-label="Search and filter cases">
            <div className="field inbox__search">
              <label htmlFor="inbox-search">Search</label>
              <input
                id="inbox-search"
                type="search"
                placeholder="Title, party, person, summary…"
                value={filters.query}
                onChange={(e) => set('query', e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="filter-status">Status</label>
              <select
                id="filter-status"
                value={filters.status}
                onChange={(e) => set('status', e.target.value as StatusFilter)}
              >
                <option value="all">All</option>
                <option value="active">Active (not resolved or closed)</option>
                {CASE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_WORDS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-role">My role</label>
              <select
                id="filter-role"
                value={filters.role}
                onChange={(e) => set('role', e.target.value as 'all' | Role)}
              >
                <option value="all">Any</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_WORDS[r]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-priority">Priority</label>
              <select
                id="filter-priority"
                value={filters.priority}
                onChange={(e) => set('priority', e.target.value as 'all' | Priority)}
              >
                <option value="all">Any</option>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {PRIORITY_WORDS[p]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="inbox-order">Sort</label>
              <select
                id="inbox-order"
                value={order}
                onChange={(e) => setOrder(e.target.value as 'needs-me' | 'time-to-breach')}
                data-testid="inbox-order"
              >
                <option value="needs-me">What needs me first</option>
                <option value="time-to-breach">Time to SLA breach</option>
              </select>
            </div>
            <label className="toggle">
              <input
                type="checkbox"
                checked={filters.waitingOnMe}
                onChange={(e) => set('waitingOnMe', e.target.checked)}
              />
              Waiting on me
            </label>
          </search>
          {shown.length === 0 ? (
            <EmptyState
              title="No case matches"
              compact
              actions={<Button onClick={() => setFilters(NO_FILTERS)}>Clear search and filters</Button>}
            >
              <p>Try other words, or widen the filters.</p>
            </EmptyState>
          ) : (
            <ul
              className="case-list"
              aria-label={isFiltered(filters) ? `${shown.length} matching cases` : 'All cases'}
            >
              {shown.map((row) => (
                <CaseRow key={row.caseId} row={row} now={now} sla={sla.get(row.caseId)} />
              ))}
            </ul>
          )}
          <KnowledgeResults query={filters.query} />
        </>
      )}
      <SlaWatcher />
      {creating && <NewCaseDialog onClose={() => setCreating(false)} />}
    </section>
  );
}
