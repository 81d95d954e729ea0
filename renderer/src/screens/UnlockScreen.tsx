import { type FormEvent, useState } from 'react';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { useIdentity } from '../stores/identity-store';

export function UnlockScreen() {
  const summary = useIdentity((state) => state.summary);
  const unlock = useIdentity((state) => state.unlock);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(await unlock(passphrase));
    setBusy(false);
  }

  return (
    <section className="unlock card" aria-labelledby="unlock-title">
      <h1 id="unlock-title">Welcome back{summary ? `, ${summary.displayName}` : ''}</h1>
      <p className="muted">
        Enter your passphrase to unlock your signing key. Your cases stay on this device and open even without
        a network.
      </p>
      {summary && (
        <p>
          Key fingerprint: <span className="mono">{summary.fingerprint}</span>
        </p>
      )}
      <form onSubmit={submit} aria-label="Unlock">
        <Field label="Passphrase">
          {(props) => (
            <input
              {...props}
              type="password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              autoComplete="current-password"
              // biome-ignore lint/a11y/noAutofocus: the passphrase is the only thing to do on this screen.
              autoFocus
            />
          )}
        </Field>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" busy={busy}>
          Unlock
        </Button>
      </form>
    </section>
  );
}
