import { type FormEvent, useState } from 'react';
import { Button } from '../components/Button';
import { useToasts } from '../components/Toasts';
import type { CaseSession } from '../core/case-session';
import type { LiveCaseState } from '../hooks/use-case-state';
import { useNow } from '../hooks/use-now';
import { formatAgo, formatDateTime } from './format';

/** Notes kept on this device only: never in the shared case, never synced, never exported. */
export function PrivateNotes({ session, state }: { session: CaseSession; state: LiveCaseState }) {
  const now = useNow();
  const show = useToasts((s) => s.show);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    try {
      await session.addPrivateNote(text.trim());
      setText('');
      state.refresh();
    } catch {
      show({
        tone: 'danger',
        title: 'Your note was not saved',
        body: 'This device could not store it. Try again.',
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <aside className="card private-notes" aria-labelledby="notes-title" data-testid="private-notes">
      <h2 id="notes-title">Private notes</h2>
      <p className="private-notes__badge">
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" fill="currentColor">
          <path d="M4 7V5a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
        </svg>
        Only on this device — never shared
      </p>
      {state.notes.length === 0 ? (
        <p className="muted small">
          Reminders for yourself. No other party, and no other device of yours, ever sees them.
        </p>
      ) : (
        <ul className="private-notes__list">
          {[...state.notes].reverse().map((n) => (
            <li key={n.id}>
              <p>{n.text}</p>
              <time
                className="muted small"
                dateTime={new Date(n.at).toISOString()}
                title={formatDateTime(n.at)}
              >
                {formatAgo(n.at, now)}
              </time>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="private-notes__form">
        <label htmlFor="private-note" className="visually-hidden">
          New private note
        </label>
        <textarea
          id="private-note"
          placeholder="Add a private note…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={2}
        />
        <Button type="submit" busy={busy} disabled={!text.trim()}>
          Save note
        </Button>
      </form>
    </aside>
  );
}
