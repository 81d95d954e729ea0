import { type FormEvent, useId, useRef, useState } from 'react';
import { MAX_BACKUP_BYTES } from '../../../electron/ipc/contract';
import { type IdentityFile, publicIdentityOfFile } from '../../../shared/identity/backup';
import { fingerprint } from '../../../shared/identity/member-id';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { decodeIdentityBackup, IDENTITY_BACKUP_EXTENSION } from '../platform/backup-file';
import type { Platform } from '../platform/platform';
import { isPassphraseSealed, useIdentity } from '../stores/identity-store';
import { NOT_A_BACKUP } from './identity-messages';
import { FormError } from '../components/FormError';

/** Backups from this version (.casepact-identity), plain JSON, and the web build's early .casepact-id. */
const ACCEPT = `.${IDENTITY_BACKUP_EXTENSION},.casepact-id,.json,application/json`;

interface Picked {
  readonly file: IdentityFile;
  readonly owner: string;
  readonly fingerprint: string;
}

function describe(file: IdentityFile): Picked {
  const who = publicIdentityOfFile(file);
  return { file, owner: `${who.displayName} (${who.organisation})`, fingerprint: fingerprint(who.publicKey) };
}

/** Reads a file the person picked in the page's file input; a sentence when it is not a backup. */
async function readPicked(file: File): Promise<Picked | string> {
  if (file.size > MAX_BACKUP_BYTES) return 'This file is too large to be a Casepact identity backup.';
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return 'The file could not be read. Check that it still exists and try again.';
  }
  const decoded = decodeIdentityBackup(bytes);
  if (!decoded.ok) return `${decoded.error.message} Choose the file you saved with “Back up identity…”.`;
  if (!isPassphraseSealed(decoded.value)) return NOT_A_BACKUP;
  return describe(decoded.value);
}

/**
 * Restores an identity from a passphrase-protected backup file: the desktop's open dialog
 * (platform.openIdentityBackup), or the page's file input in the browser. The store then
 * seals the key on this device (OS key store when there is one).
 */
export function RestoreIdentityForm({
  platform,
  replacing = false,
}: {
  platform: Platform;
  replacing?: boolean;
}) {
  const restore = useIdentity((state) => state.restore);
  const protection = useIdentity((state) => state.protection);
  const [picked, setPicked] = useState<Picked>();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const chooser = useRef<HTMLButtonElement & HTMLInputElement>(null);
  const ids = useId();

  function take(result: Picked | string) {
    if (typeof result === 'string') {
      setPicked(undefined);
      setError(result);
    } else {
      setPicked(result);
      setError(undefined);
    }
  }

  async function chooseWithDialog() {
    const opened = await platform.openIdentityBackup();
    if (!opened.ok) {
      if (opened.error.code !== 'cancelled') take(opened.error.message);
      return;
    }
    take(isPassphraseSealed(opened.value) ? describe(opened.value) : NOT_A_BACKUP);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!picked) {
      setError(
        `Choose the identity backup file you saved earlier (it ends in .${IDENTITY_BACKUP_EXTENSION}).`,
      );
      chooser.current?.focus();
      return;
    }
    setBusy(true);
    setError(await restore(picked.file, passphrase));
    setBusy(false);
  }

  // Says whose backup was picked (so a wrong file shows before the passphrase is typed); the
  // fingerprint never breaks across lines, people compare it in groups.
  const fileHint = picked ? (
    <>
      Backup of {picked.owner}, key{' '}
      <span className="mono" style={{ whiteSpace: 'nowrap' }}>
        {picked.fingerprint}
      </span>
      .
    </>
  ) : (
    `The .${IDENTITY_BACKUP_EXTENSION} file you saved with “Back up identity…”.`
  );
  return (
    <form onSubmit={submit} aria-label="Restore an identity" noValidate>
      {replacing && (
        <p className="callout">Restoring replaces the identity on this device with the one in the backup.</p>
      )}
      <div className="field">
        <label id={`${ids}-label`} htmlFor={`${ids}-file`}>
          Backup file
        </label>
        {platform.kind === 'desktop' ? (
          <button
            ref={chooser}
            type="button"
            className="button button--secondary"
            id={`${ids}-file`}
            aria-labelledby={`${ids}-label ${ids}-file`}
            aria-describedby={`${ids}-hint`}
            onClick={chooseWithDialog}
          >
            Choose backup file…
          </button>
        ) : (
          <input
            ref={chooser}
            id={`${ids}-file`}
            type="file"
            accept={ACCEPT}
            aria-describedby={`${ids}-hint`}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) take(await readPicked(file));
              else setPicked(undefined);
            }}
          />
        )}
        <p className="field__hint" id={`${ids}-hint`} aria-live="polite">
          {fileHint}
        </p>
      </div>
      <Field
        label="Passphrase of the backup"
        hint={
          protection?.kind === 'device'
            ? `After restoring, ${protection.storeName} protects your key on this device, so Casepact opens without a passphrase.`
            : 'You will unlock Casepact on this device with this passphrase.'
        }
      >
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
      <p className="muted small">
        Use your identity on one device at a time: if two devices sign with the same key, the other parties
        see two conflicting histories from you.
      </p>
      <FormError message={error} />
      <Button type="submit" variant="primary" busy={busy}>
        {busy ? 'Restoring your key…' : 'Restore identity'}
      </Button>
    </form>
  );
}
