export function TopBar() {
  return (
    <header className="top-bar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="brand">
        <img src="./icon.svg" alt="" width={28} height={28} />
        <span className="brand-name">Casepact</span>
      </div>
      <div className="identity-chip" data-testid="identity-placeholder">
        <span className="avatar avatar--empty" aria-hidden="true">
          ?
        </span>
        <span>
          <span className="identity-chip__name">No identity yet</span>
          <span className="identity-chip__hint">Set one up to sign your commitments</span>
        </span>
      </div>
    </header>
  );
}
