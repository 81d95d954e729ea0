import { useEffect, useRef, useState } from 'react';
import { useRouter } from '../app/router';
import { BackupDialog } from '../identity/BackupDialog';
import { isPassphraseSealed, useIdentity } from '../stores/identity-store';

export function TopBar() {
  const status = useIdentity((state) => state.status);
  const summary = useIdentity((state) => state.summary);
  const sealedByPassphrase = useIdentity((state) => isPassphraseSealed(state.file));
  const lock = useIdentity((state) => state.lock);
  const navigate = useRouter((state) => state.navigate);
  const [menuOpen, setMenuOpen] = useState(false);
  const [backingUp, setBackingUp] = useState(false);
  const chip = useRef<HTMLButtonElement>(null);
  // A key sealed by the OS key store is backed up from the open identity (it is sealed anew
  // with a backup passphrase); a passphrase-sealed one is a backup as stored, even locked.
  const canBackUp = status === 'unlocked' || sealedByPassphrase;
  // Locking a key the OS key store opens without asking would protect nothing.
  const canLock = status === 'unlocked' && sealedByPassphrase;

  // Back to the chip once the backup dialog is gone (while it is open, the rest of the page is inert).
  const wasBackingUp = useRef(false);
  useEffect(() => {
    if (wasBackingUp.current && !backingUp) chip.current?.focus();
    wasBackingUp.current = backingUp;
  }, [backingUp]);

  function closeMenu() {
    setMenuOpen(false);
    chip.current?.focus();
  }

  return (
    <header className="top-bar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <button
        type="button"
        className="brand"
        onClick={() => navigate({ name: 'inbox' })}
        aria-label="Casepact — inbox"
      >
        <img src="./icon.svg" alt="" width={28} height={28} />
        <span className="brand-name">Casepact</span>
      </button>
      {summary ? (
        <div className="identity-menu">
          {status === 'unlocked' && (
            <button
              type="button"
              className="button button--ghost"
              onClick={() => navigate({ name: 'settings' })}
            >
              Settings
            </button>
          )}
          <button
            ref={chip}
            type="button"
            className="identity-chip"
            data-testid="identity-chip"
            aria-expanded={menuOpen}
            aria-haspopup="menu"
            onClick={() => setMenuOpen(!menuOpen)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setMenuOpen(false);
            }}
          >
            <span className="avatar" aria-hidden="true">
              {summary.displayName.slice(0, 1).toUpperCase()}
            </span>
            <span>
              <span className="identity-chip__name">{summary.displayName}</span>
              <span className="identity-chip__hint">
                {summary.organisation} · <span className="mono">{summary.fingerprint}</span>
              </span>
            </span>
          </button>
          {menuOpen && (
            <div
              className="menu"
              role="menu"
              tabIndex={-1}
              onKeyDown={(event) => {
                if (event.key === 'Escape') closeMenu();
              }}
            >
              <p className="menu__note">
                Your key fingerprint is <strong className="mono">{summary.fingerprint}</strong>. Read it to
                the other parties to confirm it is really you.
              </p>
              {canBackUp && (
                <button
                  type="button"
                  role="menuitem"
                  onClick={() => {
                    setMenuOpen(false);
                    setBackingUp(true);
                  }}
                >
                  Back up identity…
                </button>
              )}
              {canLock && (
                <button
                  type="button"
                  role="menuitem"
                  onClick={() => {
                    lock();
                    setMenuOpen(false);
                  }}
                >
                  Lock
                </button>
              )}
            </div>
          )}
          {backingUp && <BackupDialog onClose={() => setBackingUp(false)} />}
        </div>
      ) : (
        <div className="identity-chip identity-chip--static" data-testid="identity-placeholder">
          <span className="avatar avatar--empty" aria-hidden="true">
            ?
          </span>
          <span>
            <span className="identity-chip__name">No identity yet</span>
            <span className="identity-chip__hint">Set one up to sign your commitments</span>
          </span>
        </div>
      )}
    </header>
  );
}
