import { useState } from 'react';
import { setActionStatus } from '../../../shared/contract/commands/items';
import type { ActionView, PartyView } from '../../../shared/contract/views';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';
import type { CaseSession } from '../core/case-session';
import { useNow } from '../hooks/use-now';
import { useRun } from '../hooks/use-run';
import { type CaseModel, canSetActionStatus } from './case-model';
import { formatDateTime, formatDue, ROLE_WORDS, toLocalInputValue } from './format';
import { ProposeDialog } from './ProposeDialog';
import type { Draft, DraftKind } from './propose-draft';

const COLUMNS = [
  { key: 'todo', title: 'To do', match: (a: ActionView) => a.status === 'agreed' },
  { key: 'doing', title: 'In progress', match: (a: ActionView) => a.status === 'in-progress' },
  { key: 'done', title: 'Done', match: (a: ActionView) => a.status === 'done' },
] as const;

/**
 * The actions board: one lane per owner party, columns by status, with due dates, what each
 * action waits on, and the progress buttons the owner party may press.
 */
export function ActionsPanel({ session, model }: { session: CaseSession; model: CaseModel }) {
  const [proposing, setProposing] = useState<{ kind: DraftKind; initial?: Partial<Draft> }>();
  const { actions } = model.snapshot;
  const agreed = actions.filter((a) => a.source === 'terms' && a.status !== 'cancelled');
  const proposed = actions.filter((a) => a.source === 'proposal' && a.status === 'proposed');
  const cancelled = actions.filter((a) => a.status === 'cancelled');
  const lanes = model.parties.filter((p) => agreed.some((a) => a.party === p.id));
  // My own lane first: that is where I act.
  lanes.sort((a, b) => Number(b.id === model.myParty) - Number(a.id === model.myParty));
  return (
    <section aria-labelledby="actions-title">
      <div className="section-head">
        <h2 id="actions-title">Actions</h2>
        {model.negotiator && (
          <Button variant="primary" onClick={() => setProposing({ kind: 'add-action' })}>
            Propose an action
          </Button>
        )}
      </div>
      {agreed.length === 0 && proposed.length === 0 ? (
        <EmptyState title="No actions agreed yet" compact>
          <p>
            Actions are the next steps the parties commit to: who does what, by when, and after what. Propose
            one; it joins the board once the party that will do it accepts.
          </p>
        </EmptyState>
      ) : (
        lanes.map((party) => (
          <Lane
            key={party.id}
            party={party}
            session={session}
            model={model}
            actions={agreed.filter((a) => a.party === party.id)}
            onPropose={setProposing}
          />
        ))
      )}
      {proposed.length > 0 && (
        <section className="lane lane--proposed" aria-labelledby="proposed-actions">
          <h3 id="proposed-actions">Proposed, not agreed yet</h3>
          <div className="lane__cards">
            {proposed.map((a) => (
              <ActionCard key={a.id} action={a} session={session} model={model} onPropose={setProposing} />
            ))}
          </div>
        </section>
      )}
      {cancelled.length > 0 && (
        <details className="history">
          <summary>Cancelled actions ({cancelled.length})</summary>
          <ul>
            {cancelled.map((a) => (
              <li key={a.id}>
                {a.title}{' '}
                <span className="muted">
                  — {model.partyName(a.party)}
                  {a.cancelReason ? `: ${a.cancelReason}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {proposing && (
        <ProposeDialog
          session={session}
          model={model}
          kind={proposing.kind}
          initial={proposing.initial}
          onClose={() => setProposing(undefined)}
        />
      )}
    </section>
  );
}

type ProposeRequest = { kind: DraftKind; initial?: Partial<Draft> };

function Lane({
  party,
  actions,
  session,
  model,
  onPropose,
}: {
  party: PartyView;
  actions: readonly ActionView[];
  session: CaseSession;
  model: CaseModel;
  onPropose: (r: ProposeRequest) => void;
}) {
  const headingId = `lane-${party.id}`;
  return (
    <section className="lane" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {party.name}{' '}
        <span className="muted">
          · {ROLE_WORDS[party.role]}
          {party.id === model.myParty ? ' · your party' : ''}
        </span>
      </h3>
      <div className="board">
        {COLUMNS.map((col) => {
          const cards = actions
            .filter(col.match)
            .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
          return (
            <div key={col.key} className="board__column">
              <h4 className="board__title">
                {col.title} <span className="muted">{cards.length}</span>
              </h4>
              {cards.map((a) => (
                <ActionCard key={a.id} action={a} session={session} model={model} onPropose={onPropose} />
              ))}
            </div>
          );
        })}
      </div>
    </section>
  );
}

function ActionCard({
  action,
  session,
  model,
  onPropose,
}: {
  action: ActionView;
  session: CaseSession;
  model: CaseModel;
  onPropose: (r: ProposeRequest) => void;
}) {
  const run = useRun(session);
  const now = useNow();
  const mayProgress = canSetActionStatus(model, action);
  const due = action.dueAt !== null && action.status !== 'done' ? formatDue(action.dueAt, now) : undefined;
  const set = (status: 'agreed' | 'in-progress' | 'done', done: string) =>
    run((ctx) => setActionStatus(ctx, { actionId: action.id, status }), { done });
  return (
    <article
      className={`action-card${action.status === 'done' ? ' action-card--done' : ''}`}
      data-testid="action-card"
      data-status={action.status}
      data-source={action.source}
    >
      <h5 className="action-card__title">{action.title}</h5>
      {action.description && <p className="action-card__text">{action.description}</p>}
      <div className="badge-row">
        {action.dueAt !== null && (
          <Badge tone={due?.overdue ? 'danger' : 'neutral'} title={formatDateTime(action.dueAt)}>
            {due ? due.text : `was due ${formatDateTime(action.dueAt)}`}
          </Badge>
        )}
        {action.source === 'proposal' && <Badge tone="info">For {model.partyName(action.party)}</Badge>}
        {action.source === 'terms' && action.ready && action.status !== 'done' && (
          <Badge tone="ok">Ready</Badge>
        )}
        {action.inCycle && <Badge tone="danger">Circular dependency</Badge>}
      </div>
      {action.blockedBy.length > 0 && action.status !== 'done' && (
        <p className="action-card__blocked">
          Blocked by {action.blockedBy.map((id) => `“${model.actionTitle(id)}”`).join(', ')}
        </p>
      )}
      {action.dependents.length > 0 && (
        <p className="muted small">Then: {action.dependents.map((id) => model.actionTitle(id)).join(', ')}</p>
      )}
      {action.member && <p className="muted small">Assigned to {model.memberName(action.member)}</p>}
      <div className="action-card__buttons">
        {mayProgress && action.status === 'agreed' && (
          <Button
            className="button--small"
            onClick={() => set('in-progress', 'Marked as in progress')}
            aria-label={`Start “${action.title}”`}
          >
            Start
          </Button>
        )}
        {mayProgress && action.status !== 'done' && (
          <Button
            className="button--small"
            variant={action.blockedBy.length > 0 ? 'secondary' : 'primary'}
            onClick={() => set('done', 'Marked as done')}
            aria-label={`Mark “${action.title}” done`}
          >
            Mark done
          </Button>
        )}
        {mayProgress && action.status === 'done' && (
          <Button
            className="button--small"
            variant="ghost"
            onClick={() => set('in-progress', 'Reopened')}
            aria-label={`Reopen “${action.title}”`}
          >
            Reopen
          </Button>
        )}
        {model.negotiator && action.source === 'terms' && action.status !== 'done' && (
          <Button
            className="button--small"
            variant="ghost"
            onClick={() =>
              onPropose({
                kind: 'due-date',
                initial: {
                  actionId: action.id,
                  due: action.dueAt === null ? '' : toLocalInputValue(action.dueAt),
                },
              })
            }
            aria-label={`Propose another due date for “${action.title}”`}
          >
            New due date…
          </Button>
        )}
      </div>
    </article>
  );
}
