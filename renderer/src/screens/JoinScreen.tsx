import { useEffect, useMemo, useState } from 'react';
import { fingerprint, memberIdFromPublicKey } from '../../../shared/identity/member-id';
import { parseInviteLink } from '../../../shared/invite/parse-link';
import { useRouter } from '../app/router';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { ProgressBar } from '../components/ProgressBar';
import { useNow } from '../hooks/use-now';
import { useCaseLibrary } from '../stores/case-library-store';
import { useIdentity } from '../stores/identity-store';
import { formatDateTime, formatDue, ROLE_HINTS, ROLE_WORDS } from '../workspace/format';
import { librarySentence } from './inbox/NewCaseDialog';
import { FormError } from '../components/FormError';

/**
 * Joining a case from an invite link: paste it (or arrive from a deep link), see what it offers
 * as verified by the link's own signature, then join. The link stays in memory only.
 */
export function JoinScreen({ link = '' }: { link?: string }) {
  const navigate = useRouter((s) => s.navigate);
  const joinByLink = useCaseLibrary((s) => s.joinByLink);
  const sessions = useCaseLibrary((s) => s.sessions);
  const me = useIdentity((s) => s.summary);
  const now = useNow(10_000);
  const [text, setText] = useState(link);
  const [progress, setProgress] = useState<{ fraction: number; label: string }>();
  const [error, setError] = useState<string>();
  useEffect(() => setText(link), [link]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-check expiry as time passes
  const parsed = useMemo(
    () => (text.trim() ? parseInviteLink(text, { now: Date.now() }) : undefined),
    [text, now],
  );
  const invite = parsed?.ok ? parsed.invite : undefined;
  const known = invite ? sessions[invite.caseId]?.snapshot() : undefined;
  const inviterId = invite ? memberIdFromPublicKey(invite.inviterKey) : undefined;
  const inviter = known?.parties.flatMap((p) => p.members).find((m) => m.id === inviterId);

  async function join() {
    setError(undefined);
    setProgress({ fraction: 0.05, label: 'Checking the invitation…' });
    const r = await joinByLink(text, (fraction, label) => setProgress({ fraction, label }));
    setProgress(undefined);
    if (!r.ok) return setError(librarySentence(r));
    navigate({ name: 'case', caseId: r.value.caseId, tab: 'overview' });
  }

  return (
    <section className="join" aria-labelledby="join-title">
      <a className="back-link" href="#/">
        ← All cases
      </a>
      <h1 id="join-title">Join a case</h1>
      <p className="muted">
        Paste the invite link someone sent you. It starts with <span className="mono">casepact://join/</span>.
        The link itself proves who made it; nothing is sent anywhere until you press Join.
      </p>
      <div className="card join__card">
        <div className={`field${parsed && !parsed.ok ? ' field--error' : ''}`}>
          <label htmlFor="invite-link">Invite link</label>
          <textarea
            id="invite-link"
            className="mono"
            rows={3}
            value={text}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => {
              setText(e.target.value);
              setError(undefined);
            }}
            aria-invalid={parsed && !parsed.ok ? true : undefined}
            aria-describedby={parsed && !parsed.ok ? 'invite-link-error' : undefined}
          />
          {parsed && !parsed.ok && (
            <p className="field__error" id="invite-link-error" role="alert" data-testid="invite-error">
              {parsed.message}
            </p>
          )}
        </div>
        {invite && (
          <div className="invite-offer" data-testid="invite-offer">
            <h2>This invitation</h2>
            <dl className="facts">
              <dt>Case</dt>
              <dd>
                {known?.case ? <strong>{known.case.title}</strong> : 'A case you do not have yet'}{' '}
                <span className="muted small mono">({invite.caseId.slice(0, 12)}…)</span>
              </dd>
              <dt>Your role</dt>
              <dd>
                <Badge tone="info">{ROLE_WORDS[invite.role]}</Badge>{' '}
                <span className="muted small">{ROLE_HINTS[invite.role]}</span>
              </dd>
              <dt>You join</dt>
              <dd>
                {invite.party
                  ? 'An existing party, as a colleague of its members'
                  : 'As a new party, under your organisation’s name'}
              </dd>
              <dt>Invited by</dt>
              <dd>
                {inviter ? `${inviter.displayName} (${inviter.organisation}) · ` : ''}key fingerprint{' '}
                <strong className="mono">{fingerprint(invite.inviterKey)}</strong>
                <span className="block muted small">
                  Ask them to read their fingerprint to you: if it matches, the link is really theirs.
                </span>
              </dd>
              <dt>Valid until</dt>
              <dd>
                {formatDateTime(invite.expiresAt)}{' '}
                <span className="muted small">
                  ({formatDue(invite.expiresAt, now).text.replace('due', 'expires')})
                </span>
              </dd>
              <dt>Use</dt>
              <dd>
                {invite.singleUse
                  ? 'Single use: once you join, nobody else can use this link'
                  : 'May be used by several people'}
              </dd>
            </dl>
            {me && (
              <p className="small muted">
                You join as <strong>{me.displayName}</strong> ({me.organisation}), key fingerprint{' '}
                <span className="mono">{me.fingerprint}</span>.
              </p>
            )}
          </div>
        )}
        <FormError message={error} testId="join-error" />
        {progress ? (
          <ProgressBar fraction={progress.fraction} label={progress.label} />
        ) : (
          invite && (
            <div className="button-row">
              <Button variant="primary" onClick={() => void join()} data-testid="join">
                Join the case
              </Button>
              <span className="muted small join__note">
                A member of the case must be online to let you in.
              </span>
            </div>
          )
        )}
      </div>
    </section>
  );
}
