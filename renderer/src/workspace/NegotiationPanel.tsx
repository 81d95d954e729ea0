import { type FormEvent, useState } from 'react';
import { addTopic, setTopicState } from '../../../shared/contract/commands/items';
import type { ProposalView, TopicView } from '../../../shared/contract/views';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';
import type { CaseSession } from '../core/case-session';
import { useRun } from '../hooks/use-run';
import { awaitsMyAnswer, type CaseModel } from './case-model';
import { TOPIC_STATE_TONES, TOPIC_STATE_WORDS } from './format';
import { ProposalCard } from './ProposalCard';
import { ProposeDialog } from './ProposeDialog';

/** Topics under negotiation, open proposals with their answers, and the way to propose. */
export function NegotiationPanel({ session, model }: { session: CaseSession; model: CaseModel }) {
  const [proposing, setProposing] = useState(false);
  const [countering, setCountering] = useState<ProposalView>();
  const { proposals } = model.snapshot;
  const open = proposals
    .filter((p) => p.status === 'pending' || p.status === 'accepted')
    .sort(
      (a, b) =>
        Number(awaitsMyAnswer(model, b)) - Number(awaitsMyAnswer(model, a)) || b.createdAt - a.createdAt,
    );
  const closed = proposals
    .filter((p) => p.status !== 'pending' && p.status !== 'accepted')
    .sort((a, b) => b.createdAt - a.createdAt);
  return (
    <div className="panel-grid panel-grid--wide-left">
      <section aria-labelledby="proposals-title">
        <div className="section-head">
          <h2 id="proposals-title">Open proposals</h2>
          {model.negotiator && (
            <Button variant="primary" onClick={() => setProposing(true)} data-testid="propose">
              Propose a change
            </Button>
          )}
        </div>
        {open.length === 0 ? (
          <EmptyState title="Nothing to answer" compact>
            <p>
              Every change to the terms — a new action, a different due date, information you need — is
              proposed here and applies once each party it concerns accepts.
            </p>
          </EmptyState>
        ) : (
          open.map((p) => (
            <ProposalCard key={p.id} session={session} model={model} proposal={p} onCounter={setCountering} />
          ))
        )}
        {closed.length > 0 && (
          <details className="history">
            <summary>Earlier proposals ({closed.length})</summary>
            {closed.map((p) => (
              <ProposalCard
                key={p.id}
                session={session}
                model={model}
                proposal={p}
                onCounter={setCountering}
              />
            ))}
          </details>
        )}
      </section>
      <TopicsSection session={session} model={model} />
      {proposing && <ProposeDialog session={session} model={model} onClose={() => setProposing(false)} />}
      {countering && (
        <ProposeDialog
          session={session}
          model={model}
          counterOf={countering}
          onClose={() => setCountering(undefined)}
        />
      )}
    </div>
  );
}

function TopicsSection({ session, model }: { session: CaseSession; model: CaseModel }) {
  const run = useRun(session);
  const [title, setTitle] = useState('');
  const [settling, setSettling] = useState<TopicView>();
  const topics = model.snapshot.topics;

  function raise(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    const r = run((ctx) => addTopic(ctx, { title: title.trim() }));
    if (r.ok) setTitle('');
  }

  return (
    <section aria-labelledby="topics-title" className="card">
      <h2 id="topics-title">Topics</h2>
      <p className="muted small">
        What the parties are negotiating. A topic is agreed when every party accepts a proposal to settle it.
      </p>
      {topics.length === 0 ? (
        <p className="muted">No topics raised yet.</p>
      ) : (
        <ul className="topic-list">
          {topics.map((t) => {
            const actions = model.snapshot.actions.filter(
              (a) => a.topic === t.id && a.source === 'terms',
            ).length;
            return (
              <li key={t.id} className="topic">
                <div>
                  <span className="topic__title">{t.title}</span>
                  <span className="muted small block">
                    raised by {model.partyName(t.party)}
                    {actions > 0 ? ` · ${actions} agreed action${actions === 1 ? '' : 's'}` : ''}
                  </span>
                </div>
                <div className="topic__actions">
                  <Badge tone={TOPIC_STATE_TONES[t.state]}>{TOPIC_STATE_WORDS[t.state]}</Badge>
                  {model.negotiator && t.state === 'open' && (
                    <Button
                      variant="ghost"
                      className="button--small"
                      onClick={() => setSettling(t)}
                      aria-label={`Settle “${t.title}”`}
                    >
                      Settle…
                    </Button>
                  )}
                  {model.negotiator && t.state !== 'open' && (
                    <Button
                      variant="ghost"
                      className="button--small"
                      aria-label={`Reopen “${t.title}”`}
                      onClick={() => run((ctx) => setTopicState(ctx, { topicId: t.id, state: 'open' }))}
                    >
                      Reopen
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {model.negotiator && (
        <form className="inline-form" onSubmit={raise}>
          <label htmlFor="new-topic" className="visually-hidden">
            New topic
          </label>
          <input
            id="new-topic"
            placeholder="Raise a new topic…"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={200}
          />
          <Button type="submit" disabled={!title.trim()}>
            Raise
          </Button>
        </form>
      )}
      {settling && (
        <ProposeDialog
          session={session}
          model={model}
          kind="topic-state"
          initial={{ topic: settling.id }}
          onClose={() => setSettling(undefined)}
        />
      )}
    </section>
  );
}
