import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { isPassphraseSealed, useIdentity } from '../stores/identity-store';
import { FormFooter } from '../components/FormFooter';

type Outcome =
  | { readonly kind: 'saved'; readonly fileName: string | null }
  | { readonly kind: 'not-saved'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

/**
 * "Back up identity…": always a passphrase-protected file (docs/identity.md). A key sealed by
 * the OS key store cannot leave this computer as it is, so the person chooses a backup
 * passphrase (twice) and the seed is sealed with it for the file only. A key already sealed
 * with a passphrase is backed up as stored. Saved through the platform: the desktop's save
 * dialog, or a download in the browser. Mount it only while open, so every backup starts blank.
 */
export function BackupDialog({ onClose }: { onClose: () => void }) {
  const saveBackup = useIdentity((state) => state.saveBackup);
  const needsPassphrase = useIdentity((state) => !isPassphraseSealed(state.file));
  const protection = useIdentity((state) => state.protection);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const formId = useId();
  const saveId = useId();
  const first = useRef<HTMLInputElement>(null);
  const done = useRef<HTMLButtonElement>(null);

  // The dialog focuses its first control (the close button) when it opens: move focus to what
  // the person came to do, after showModal() has run.
  useEffect(() => {
    const timer = setTimeout(
      () => (needsPassphrase ? first.current : document.getElementById(saveId))?.focus(),
      0,
    );
    return () => clearTimeout(timer);
  }, [needsPassphrase, saveId]);
  useEffect(() => {
    if (outcome?.kind === 'saved') done.current?.focus();
  }, [outcome]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (needsPassphrase && passphrase !== confirm) {
      setOutcome({ kind: 'error', message: 'The two passphrases differ. Type the same passphrase twice.' });
      return;
    }
    setBusy(true);
    const result = await saveBackup(needsPassphrase ? passphrase : undefined);
    setBusy(false);
    if (result.ok) setOutcome({ kind: 'saved', fileName: result.fileName });
    else setOutcome({ kind: result.cancelled ? 'not-saved' : 'error', message: result.message });
  }

  const saved = outcome?.kind === 'saved';
  return (
    <Dialog
      title="Back up your identity"
      open
      onClose={onClose}
      footer={
        saved ? (
          <button ref={done} type="button" className="button button--primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <FormFooter
            formId={formId}
            onCancel={onClose}
            label="Save backup"
            busyLabel="Protecting the backup…"
            busy={busy}
            id={saveId}
          />
        )
      }
    >
      {saved ? (
        <div role="status">
          <p className="form-ok">
            {outcome.fileName ? (
              <>
                Backup saved as <strong>{outcome.fileName}</strong>.
              </>
            ) : (
              'Backup saved.'
            )}
          </p>
          <p>
            Keep it somewhere safe away from this computer, for example on a USB stick or in your password
            manager, and remember its passphrase: without both, nobody can restore your signing key.
          </p>
        </div>
      ) : (
        <form id={formId} onSubmit={submit} aria-label="Back up your identity" noValidate>
          {needsPassphrase ? (
            <>
              <p>
                On this computer your key is protected by{' '}
                {protection?.kind === 'device' ? protection.storeName : 'the system keychain'}, which cannot
                be copied elsewhere. The backup file is protected with a passphrase instead, so you can
                restore it on another device. Choose one you will remember: without it, nobody can open the
                backup.
              </p>
              <Field label="Backup passphrase" hint="At least 8 characters.">
                {(props) => (
                  <input
                    {...props}
                    ref={first}
                    type="password"
                    value={passphrase}
                    onChange={(e) => {
                      setPassphrase(e.target.value);
                      setOutcome(undefined);
                    }}
                    autoComplete="new-password"
                  />
                )}
              </Field>
              <Field label="Backup passphrase again">
                {(props) => (
                  <input
                    {...props}
                    type="password"
                    value={confirm}
                    onChange={(e) => {
                      setConfirm(e.target.value);
                      setOutcome(undefined);
                    }}
                    autoComplete="new-password"
                  />
                )}
              </Field>
            </>
          ) : (
            <p>
              The backup is protected by the passphrase you unlock Casepact with. You will need that
              passphrase to restore the backup on another device.
            </p>
          )}
          <p className="muted small">
            Restore it on a new device when you stop using this one: if two devices sign with the same key,
            the other parties see two conflicting histories from you.
          </p>
          {outcome && (
            <p className={outcome.kind === 'error' ? 'form-error' : 'muted'} role="alert">
              {outcome.message}
            </p>
          )}
        </form>
      )}
    </Dialog>
  );
}
