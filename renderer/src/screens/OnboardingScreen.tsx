import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { KeyProtectionNote } from '../identity/KeyProtectionNote';
import { RestoreIdentityForm } from '../identity/RestoreIdentityForm';
import type { Platform } from '../platform/platform';
import { useIdentity } from '../stores/identity-store';
import { FormError } from '../components/FormError';

type Mode = 'create' | 'restore';

const MODES: readonly { readonly mode: Mode; readonly label: string }[] = [
  { mode: 'create', label: 'Create an identity' },
  { mode: 'restore', label: 'Restore from a backup' },
];

export function OnboardingScreen({ platform }: { platform: Platform }) {
  const [mode, setMode] = useState<Mode>('create');
  const ids = useId();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  // Tabs pattern (WAI-ARIA): arrows move between the two, Home/End jump to the ends.
  function onKeyDown(event: KeyboardEvent, index: number) {
    const last = MODES.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % MODES.length
        : event.key === 'ArrowLeft'
          ? (index + last) % MODES.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const target = MODES[next];
    if (target) setMode(target.mode);
    tabs.current[next]?.focus();
  }

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
        <p className="muted small">
          Only need to check a signed copy someone sent you?{' '}
          <a href="#/verify">Check it without an identity</a>.
        </p>
      </div>
      <div className="card onboarding__card">
        <div className="segmented" role="tablist" aria-label="How to set up">
          {MODES.map((item, index) => (
            <button
              key={item.mode}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${ids}-${item.mode}-tab`}
              aria-controls={`${ids}-panel`}
              aria-selected={mode === item.mode}
              tabIndex={mode === item.mode ? 0 : -1}
              onClick={() => setMode(item.mode)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {item.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-${mode}-tab`}>
          {mode === 'create' ? <CreateIdentityForm /> : <RestoreIdentityForm platform={platform} />}
        </div>
      </div>
    </section>
  );
}

function CreateIdentityForm() {
  const create = useIdentity((state) => state.create);
  const protection = useIdentity((state) => state.protection);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const needsPassphrase = protection?.kind !== 'device';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (needsPassphrase && passphrase !== confirm) {
      setError('The two passphrases differ. Type the same passphrase twice.');
      return;
    }
    setBusy(true);
    setError(await create(name, organisation, needsPassphrase ? passphrase : undefined));
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
      <KeyProtectionNote protection={protection} />
      {needsPassphrase && (
        <>
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
        </>
      )}
      <FormError message={error} />
      <Button type="submit" variant="primary" busy={busy}>
        {busy ? 'Creating your key…' : 'Create identity'}
      </Button>
    </form>
  );
}
