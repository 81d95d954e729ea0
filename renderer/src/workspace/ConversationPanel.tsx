import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { postMessage } from '../../../shared/contract/commands/messages';
import type { ConversationEntry } from '../../../shared/contract/model';
import { Avatar } from '../components/Avatar';
import { Button } from '../components/Button';
import type { CaseSession } from '../core/case-session';
import type { LiveCaseState } from '../hooks/use-case-state';
import { useNow } from '../hooks/use-now';
import { useRun } from '../hooks/use-run';
import type { CaseModel } from './case-model';
import { formatAgo, formatDateTime, listWords } from './format';
import { PrivateNotes } from './PrivateNotes';
import { eventWords } from './event-words';
import { systemEventIcon } from './system-events';

/** Messages to every party, system events in words, the composer, and this device's private notes. */
export function ConversationPanel({
  session,
  state,
  model,
}: {
  session: CaseSession;
  state: LiveCaseState;
  model: CaseModel;
}) {
  const run = useRun(session);
  const now = useNow();
  const [text, setText] = useState('');
  const logRef = useRef<HTMLOListElement>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const messages = state.snapshot.messages;
  const typing = state.present
    .filter((p) => p.typing && p.verified && p.memberId !== model.me)
    .map((p) => p.displayName);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the newest entry whenever one arrives
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length]);
  useEffect(
    () => () => {
      clearTimeout(typingTimer.current);
      session.setTyping(false);
    },
    [session],
  );

  function onType(value: string) {
    setText(value);
    session.setTyping(value.length > 0);
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => session.setTyping(false), 4000);
  }

  function send(event?: FormEvent) {
    event?.preventDefault();
    const body = text.trim();
    if (!body) return;
    const r = run((ctx) => postMessage(ctx, { text: body }), { failed: 'Your message was not sent' });
    if (r.ok) {
      setText('');
      session.setTyping(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send();
  }

  return (
    <div className="panel-grid panel-grid--wide-left">
      <section aria-labelledby="conversation-title" className="card conversation">
        <h2 id="conversation-title">Conversation</h2>
        <p className="muted small">
          Everything here is shared with every party of the case and signed by its author.
        </p>
        {messages.length === 0 ? (
          <p className="muted">No messages yet.</p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
          <ol className="conversation__log" ref={logRef} aria-label="Messages and events" tabIndex={0}>
            {messages.map((m) => (
              <Entry key={m.id} entry={m} model={model} now={now} />
            ))}
          </ol>
        )}
        <p className="typing" aria-live="polite">
          {typing.length > 0 ? `${listWords(typing)} ${typing.length === 1 ? 'is' : 'are'} typing…` : ''}
        </p>
        {model.myMember ? (
          <form className="composer" onSubmit={send}>
            <label htmlFor="composer-text" className="visually-hidden">
              Message to all parties
            </label>
            <textarea
              id="composer-text"
              placeholder="Write to all parties…"
              value={text}
              onChange={(e) => onType(e.target.value)}
              onKeyDown={onKeyDown}
              rows={3}
              maxLength={10_000}
              aria-describedby="composer-hint"
            />
            <div className="composer__bar">
              <span id="composer-hint" className="muted small">
                Ctrl+Enter to send
              </span>
              <Button type="submit" variant="primary" disabled={!text.trim()}>
                Send
              </Button>
            </div>
          </form>
        ) : (
          <p className="muted">You are no longer a member of this case, so you cannot write to it.</p>
        )}
      </section>
      <PrivateNotes session={session} state={state} />
    </div>
  );
}

function Entry({ entry, model, now }: { entry: ConversationEntry; model: CaseModel; now: number }) {
  const when = (
    <time dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at)}>
      {formatAgo(entry.at, now)}
    </time>
  );
  const author = model.memberName(entry.author);
  if (entry.kind === 'system') {
    return (
      <li className={`event event--${entry.event}`}>
        <span className="event__icon" aria-hidden="true">
          {systemEventIcon(entry.event)}
        </span>
        <span>
          <strong>{author}</strong>
          {model.partyName(entry.party) !== author && (
            <span className="muted"> ({model.partyName(entry.party)})</span>
          )}{' '}
          {eventWords(entry, model)}
        </span>
        <span className="muted small">{when}</span>
      </li>
    );
  }
  const mine = entry.author === model.me;
  return (
    <li className={`message${mine ? ' message--mine' : ''}`}>
      <Avatar name={author} size="sm" />
      <div className="message__bubble">
        <div className="message__meta">
          <strong>{mine ? 'You' : author}</strong>
          <span className="muted small">
            {model.partyName(entry.party)} · {when}
          </span>
        </div>
        <p className="message__text">{entry.text}</p>
      </div>
    </li>
  );
}
