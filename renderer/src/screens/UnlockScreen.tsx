import { type FormEvent, useState } from 'react';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { RestoreIdentityForm } from '../identity/RestoreIdentityForm';
import type { Platform } from '../platform/platform';
import { isPassphraseSealed, useIdentity } from '../stores/identity-store';
import { FormError } from '../components/FormError';

/**
 * The stored identity is not open yet: ask for its passphrase, or, when the OS key store holds
 * it and could not open it at start, say why and offer to try again. Either way a backup file
 * is the way out, so restoring is one click away.
 */
export function UnlockScreen({ platform }: { platform: Platform }) {
  const summary = useIdentity((state) => state.summary);
  const sealedByPassphrase = useIdentity((state) => isPassphraseSealed(state.file));
  const [restoring, setRestoring] = useState(false);

  return (
    <section className="unlock card" aria-labelledby="unlock-title">
      <h1 id="unlock-title">Welcome back{summary ? `, ${summary.displayName}` : ''}</h1>
      {restoring ? (
        <>
          <p className="muted">Restore your identity from the backup file you saved earlier.</p>
          <RestoreIdentityForm platform={platform} replacing />
          <p>
            <button type="button" className="button button--ghost" onClick={() => setRestoring(false)}>
              Back
            </button>
          </p>
        </>
      ) : (
        <>
          {sealedByPassphrase ? <PassphraseUnlock /> : <KeyStoreUnlock />}
          {summary && (
            <p className="muted small">
              Key fingerprint: <span className="mono">{summary.fingerprint}</span>
            </p>
          )}
          <p>
            <button type="button" className="button button--ghost" onClick={() => setRestoring(true)}>
              Restore from a backup instead
            </button>
          </p>
        </>
      )}
    </section>
  );
}

function PassphraseUnlock() {
  const unlock = useIdentity((state) => state.unlock);
  const protection = useIdentity((state) => state.protection);
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
    <>
      <p className="muted">
        Enter your passphrase to unlock your signing key. Your cases stay on this device and open even without
        a network.
      </p>
      {protection?.kind === 'device' && (
        <p className="callout" data-testid="key-protection" data-protection="device">
          Once unlocked, your key moves to <strong>{protection.storeName}</strong>, so Casepact opens without
          a passphrase on this computer from then on.
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
        <FormError message={error} />
        <Button type="submit" variant="primary" busy={busy}>
          Unlock
        </Button>
      </form>
    </>
  );
}

function KeyStoreUnlock() {
  const unlock = useIdentity((state) => state.unlock);
  const problem = useIdentity((state) => state.unlockProblem);
  const [busy, setBusy] = useState(false);

  async function retry() {
    setBusy(true);
    await unlock();
    setBusy(false);
  }

  return (
    <>
      <p className="form-error" role="alert">
        {problem ?? 'Your signing key is kept in the system keychain and is not open yet.'}
      </p>
      <p className="button-row">
        <Button variant="primary" busy={busy} onClick={retry}>
          {busy ? 'Asking the keychain…' : 'Try again'}
        </Button>
      </p>
    </>
  );
}
