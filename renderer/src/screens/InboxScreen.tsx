export function InboxScreen() {
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <div className="inbox__header">
        <h1 id="inbox-title">Cases</h1>
      </div>
      <div className="empty-state" data-testid="inbox-empty">
        <h2>No cases yet</h2>
        <p>
          A case keeps every party — you, the supplier's agents and any partner vendor — on one signed process
          contract: the actions you agree, who owns them, and by when.
        </p>
        <p className="empty-state__steps">
          Start a case from a template, or open an invite link someone sent you. Nobody else, not even a
          server, can read or change it.
        </p>
      </div>
    </section>
  );
}
