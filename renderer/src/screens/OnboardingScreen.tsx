import { type FormEvent, useState } from 'react';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { useIdentity } from '../stores/identity-store';

type Mode = 'create' | 'restore';

export function OnboardingScreen() {
  const [mode, setMode] = useState<Mode>('create');
  return (
    <section className="onboarding" aria-labelledby="onboarding-title">
      <div className="onboarding__intro">
        <h1 id="onboarding-title">Welcome to Casepact</h1>
        <p>
          One support case, every party in it, every commitment signed. Your identity is a signing key that
          lives on this device: it signs what you agree to, so every party can prove who committed to what.
        </p>
        <ul className="onboarding__points">
          <li>
            No account and no server: your cases travel only to the parties in them, end-to-end encrypted.
          </li>
          <li>
            Compare your key's fingerprint with the other parties to be sure you talk to the right people.
          </li>
          <li>Keep a backup of your identity: without it, nobody can restore your signing key.</li>
        </ul>
      </div>
      <div className="card onboarding__card">
        <div className="segmented" role="tablist" aria-label="How to set up">
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'create'}
            onClick={() => setMode('create')}
          >
            Create an identity
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'restore'}
            onClick={() => setMode('restore')}
          >
            Restore from a backup
          </button>
        </div>
        {mode === 'create' ? <CreateIdentityForm /> : <RestoreIdentityForm />}
      </div>
    </section>
  );
}

function CreateIdentityForm() {
  const create = useIdentity((state) => state.create);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase !== confirm) {
      setError('The two passphrases differ. Type the same passphrase twice.');
      return;
    }
    setBusy(true);
    setError(await create(name, organisation, passphrase));
    setBusy(false);
  }

  return (
    <form onSubmit={submit} aria-label="Create an identity">
      <Field label="Your name" hint="As the other parties will see it.">
        {(props) => (
          <input {...props} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        )}
      </Field>
      <Field label="Organisation" hint="Your company, or “Private customer”.">
        {(props) => (
          <input
            {...props}
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
            autoComplete="organization"
          />
        )}
      </Field>
      <Field label="Passphrase" hint="Protects your signing key on this device. At least 8 characters.">
        {(props) => (
          <input
            {...props}
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoComplete="new-password"
          />
        )}
      </Field>
      <Field label="Passphrase again">
        {(props) => (
          <input
            {...props}
            type="password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            autoComplete="new-password"
          />
        )}
      </Field>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" busy={busy}>
        {busy ? 'Creating your key…' : 'Create identity'}
      </Button>
    </form>
  );
}

function RestoreIdentityForm() {
  const restore = useIdentity((state) => state.restore);
  const [fileText, setFileText] = useState<string>();
  const [fileName, setFileName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!fileText) {
      setError('Choose the identity backup file you saved earlier (it ends in .casepact-id).');
      return;
    }
    setBusy(true);
    setError(await restore(fileText, passphrase));
    setBusy(false);
  }

  return (
    <form onSubmit={submit} aria-label="Restore an identity">
      <Field
        label="Backup file"
        hint={fileName ? `Selected: ${fileName}` : 'The file you saved with “Back up identity”.'}
      >
        {(props) => (
          <input
            {...props}
            type="file"
            accept=".casepact-id,.json,application/json"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              setFileName(file?.name ?? '');
              setFileText(file ? await file.text() : undefined);
            }}
          />
        )}
      </Field>
      <Field label="Passphrase of the backup">
        {(props) => (
          <input
            {...props}
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoComplete="current-password"
          />
        )}
      </Field>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" busy={busy}>
        Restore identity
      </Button>
    </form>
  );
}
