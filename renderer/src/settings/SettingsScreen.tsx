import { type FormEvent, useState } from 'react';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { signalingSettings } from '../core/signaling-settings';
import { FormError } from '../components/FormError';

/** Where this device looks for the other parties. Nothing is contacted until one is set. */
export function SettingsScreen() {
  const [text, setText] = useState(() => signalingSettings.urls().join('\n'));
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const urls = text
      .split(/\s+/)
      .map((line) => line.trim())
      .filter(Boolean);
    const problem = signalingSettings.save(urls);
    setError(problem);
    setSaved(!problem);
  }

  return (
    <section className="settings card" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <h2>Finding the other parties</h2>
      <p className="muted">
        Parties connect directly, end-to-end encrypted. A signaling server only introduces them to each other:
        it sees neither case titles nor content. Run your organisation's own with{' '}
        <code>npx casepact signal</code>. Casepact contacts no server unless you add one here. Changes apply
        to cases opened after saving (reload to apply now).
      </p>
      <form onSubmit={submit} aria-label="Signaling servers">
        <Field
          label="Signaling servers"
          hint="One address per line, such as ws://127.0.0.1:4444 or wss://signal.example.com"
        >
          {(props) => (
            <textarea
              {...props}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setSaved(false);
              }}
            />
          )}
        </Field>
        <FormError message={error} />
        {saved && (
          <p className="form-ok" role="status">
            Saved.
          </p>
        )}
        <Button type="submit" variant="primary">
          Save
        </Button>
      </form>
    </section>
  );
}
