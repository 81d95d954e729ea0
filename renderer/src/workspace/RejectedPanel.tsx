import type { LiveCaseState } from '../hooks/use-case-state';
import { useNow } from '../hooks/use-now';
import { EmptyState } from '../components/EmptyState';
import type { CaseModel } from './case-model';
import { formatAgo, formatDateTime } from './format';

/** The quarantine: changes this copy received but refused to apply, and why, in plain words. */
export function RejectedPanel({ state, model }: { state: LiveCaseState; model: CaseModel }) {
  const now = useNow();
  if (state.rejected.length === 0) {
    return (
      <EmptyState title="No rejected changes" testId="rejected-empty">
        <p>
          Every change to a case is signed by the member who made it. Before your copy applies a change, it
          checks the signature and that the member's role allows it. A change that fails is never applied: it
          is listed here with the reason, so you can see if someone tried to alter the case.
        </p>
        <p>Nothing has been rejected in this case — every change in your copy checks out.</p>
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="rejected-title">
      <h2 id="rejected-title">Rejected changes</h2>
      <p className="muted">
        Your copy received these changes but did not apply them: they could not be verified or were not
        allowed. The case is unaffected. If the same person keeps appearing here, talk to them; their app may
        be out of date, or someone may be trying to impersonate them.
      </p>
      <ol className="rejected-list">
        {state.rejected.map((r) => (
          <li key={r.id} className="card rejected">
            <p className="rejected__reason">{r.reason}</p>
            <p className="muted small">
              {r.author ? `Signed by ${r.authorName ?? model.memberName(r.author)}` : 'Signer unknown'}
              {r.at !== null && (
                <>
                  {' · '}
                  <time dateTime={new Date(r.at).toISOString()} title={formatDateTime(r.at)}>
                    {formatAgo(r.at, now)}
                  </time>
                </>
              )}
              {' · '}code <span className="mono">{r.code}</span>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
