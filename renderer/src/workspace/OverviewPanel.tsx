import { useState } from 'react';
import { editSummary } from '../../../shared/contract/commands/case';
import { type CaseTab, routeHash } from '../app/router';
import { Button } from '../components/Button';
import type { CaseSession } from '../core/case-session';
import type { LiveCaseState } from '../hooks/use-case-state';
import { useNow } from '../hooks/use-now';
import { useRun } from '../hooks/use-run';
import { ResolutionSummary } from '../knowledge/ResolutionFields';
import { type CaseModel, nextDue, waitingOnMe } from './case-model';
import { eventWords } from './event-words';
import { formatAgo, formatDateTime, formatDue } from './format';

/** The smallest edit that turns `before` into `after`: common prefix and suffix kept. */
export function summaryEdit(
  before: string,
  after: string,
): { index: number; deleteCount: number; insert: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  return {
    index: start,
    deleteCount: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

/** What waits on me, the summary, the next due actions and the latest activity. */
export function OverviewPanel({
  session,
  state,
  model,
}: {
  session: CaseSession;
  state: LiveCaseState;
  model: CaseModel;
}) {
  const now = useNow();
  const waiting = waitingOnMe(model);
  const header = state.snapshot.case;
  const next = nextDue(state.snapshot);
  const recent = state.snapshot.messages.slice(-5).reverse();
  const link = (tab: CaseTab) => routeHash({ name: 'case', caseId: session.caseId, tab });
  if (!header) return null;
  return (
    <div className="panel-grid">
      <div className="stack">
        <section
          className={`card waiting${waiting.length ? ' waiting--some' : ''}`}
          aria-labelledby="waiting-title"
          data-testid="waiting-on-me"
        >
          <h2 id="waiting-title">{waiting.length ? 'Waiting on you' : 'Nothing waits on you'}</h2>
          {waiting.length === 0 ? (
            <p className="muted">
              {model.myMember
                ? 'You are up to date. Casepact shows here what the other parties need from you.'
                : 'You are not an active member of this case.'}
            </p>
          ) : (
            <ul className="waiting__list">
              {waiting.map((w, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: recomputed list of sentences
                <li key={i}>
                  <a href={link(w.tab)}>{w.text}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
        <ResolutionSummary
          resolution={state.snapshot.resolutions.at(-1) ?? null}
          partyName={(id) => model.partyName(id)}
        />
        <Summary session={session} model={model} text={header.summary} />
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">About this case</h2>
          <dl className="facts">
            <dt>Opened</dt>
            <dd>
              {formatDateTime(header.createdAt)} by {model.memberName(header.createdBy)}
            </dd>
            <dt>Next due</dt>
            <dd>
              {next && next.dueAt !== null ? (
                <>
                  <a href={link('actions')}>{next.title}</a> ({model.partyName(next.party)},{' '}
                  {formatDue(next.dueAt, now).text})
                </>
              ) : (
                'No open action has a due date'
              )}
            </dd>
            <dt>Actions</dt>
            <dd>
              {state.snapshot.actions.filter((a) => a.source === 'terms' && a.status === 'done').length} of{' '}
              {state.snapshot.actions.filter((a) => a.source === 'terms' && a.status !== 'cancelled').length}{' '}
              done
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="recent-title">
          <h2 id="recent-title">Latest activity</h2>
          <ul className="recent">
            {recent.map((m) => (
              <li key={m.id}>
                <span className="muted small">{formatAgo(m.at, now)}</span>{' '}
                <strong>{model.memberName(m.author)}</strong>
                {m.kind === 'message' ? (
                  <>: {m.text.length > 140 ? `${m.text.slice(0, 140)}…` : m.text}</>
                ) : (
                  <span className="muted"> {eventWords(m, model)}</span>
                )}
              </li>
            ))}
          </ul>
          <a href={link('conversation')}>Open the conversation</a>
        </section>
      </div>
    </div>
  );
}

function Summary({ session, model, text }: { session: CaseSession; model: CaseModel; text: string }) {
  const run = useRun(session);
  const [draft, setDraft] = useState<string>();
  function save() {
    if (draft === undefined) return;
    const r = run((ctx) => editSummary(ctx, summaryEdit(text, draft)), {
      failed: 'The summary was not saved',
    });
    if (r.ok) setDraft(undefined);
  }
  return (
    <section className="card" aria-labelledby="summary-title">
      <div className="section-head">
        <h2 id="summary-title">Summary</h2>
        {model.negotiator && draft === undefined && (
          <Button className="button--small" variant="ghost" onClick={() => setDraft(text)}>
            Edit
          </Button>
        )}
      </div>
      {draft === undefined ? (
        <p className={`summary${text ? '' : ' muted'}`}>
          {text || 'No summary yet. Describe the problem so every party starts from the same story.'}
        </p>
      ) : (
        <div className="stack">
          <label htmlFor="summary-text" className="visually-hidden">
            Summary
          </label>
          <textarea
            id="summary-text"
            className="summary-editor"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={6}
            maxLength={20_000}
          />
          <div className="button-row">
            <Button variant="primary" onClick={save}>
              Save summary
            </Button>
            <Button variant="ghost" onClick={() => setDraft(undefined)}>
              Cancel
            </Button>
          </div>
          <p className="muted small">
            Other parties may edit at the same time; your edits merge with theirs.
          </p>
        </div>
      )}
    </section>
  );
}
