import { useState } from 'react';
import { useRouter } from '../app/router';
import { downloadFile } from '../core/download';
import { useIdentity } from '../stores/identity-store';

export function TopBar() {
  const status = useIdentity((state) => state.status);
  const summary = useIdentity((state) => state.summary);
  const backupText = useIdentity((state) => state.backupText);
  const lock = useIdentity((state) => state.lock);
  const navigate = useRouter((state) => state.navigate);
  const [menuOpen, setMenuOpen] = useState(false);

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
            type="button"
            className="identity-chip"
            data-testid="identity-chip"
            aria-expanded={menuOpen}
            aria-haspopup="menu"
            onClick={() => setMenuOpen(!menuOpen)}
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
            <div className="menu" role="menu">
              <p className="menu__note">
                Your key fingerprint is <strong className="mono">{summary.fingerprint}</strong>. Read it to
                the other parties to confirm it is really you.
              </p>
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  const text = backupText();
                  if (text) downloadFile(`${summary.displayName}.casepact-id`, text, 'application/json');
                  setMenuOpen(false);
                }}
              >
                Back up identity…
              </button>
              {status === 'unlocked' && (
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
