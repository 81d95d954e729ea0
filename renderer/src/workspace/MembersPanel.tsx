import { useState } from 'react';
import type { MemberView, PartyView } from '../../../shared/contract/views';
import { fingerprintOfMemberId } from '../../../shared/identity/member-id';
import { Avatar } from '../components/Avatar';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useToasts } from '../components/Toasts';
import type { CaseSession } from '../core/case-session';
import type { LiveCaseState } from '../hooks/use-case-state';
import { useNow } from '../hooks/use-now';
import { onlineIds } from './CaseHeader';
import { type CaseModel, canRemove, invitableParties } from './case-model';
import { formatAgo, ROLE_HINTS, ROLE_WORDS } from './format';
import { InviteDialog } from './InviteDialog';
import { refusalSentence } from './refusals';

/** Parties and their members with key fingerprints and presence; invite and remove. */
export function MembersPanel({
  session,
  state,
  model,
}: {
  session: CaseSession;
  state: LiveCaseState;
  model: CaseModel;
}) {
  const now = useNow();
  const show = useToasts((s) => s.show);
  const [inviting, setInviting] = useState<{ party?: PartyView }>();
  const [removing, setRemoving] = useState<MemberView>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const online = onlineIds(state, model.me);

  async function remove(member: MemberView) {
    setBusy(true);
    setError(undefined);
    try {
      const r = await session.removeMember(member.id);
      if (!r.ok) return setError(refusalSentence(r));
      show({
        tone: 'ok',
        title: member.id === model.me ? 'You left the case' : `${member.displayName} was removed`,
        body: 'The case key was changed: nothing written from now on reaches them.',
      });
      setRemoving(undefined);
    } catch {
      setError('The removal could not be made on this device. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="members-title">
      <div className="section-head">
        <h2 id="members-title">Parties and members</h2>
        {invitableParties(model).length > 0 && (
          <Button variant="primary" onClick={() => setInviting({})} data-testid="invite">
            Invite someone
          </Button>
        )}
      </div>
      <p className="muted small">
        Compare a person's key fingerprint with the one they read to you (phone, video call) to be sure the
        case is shared with the right people.
      </p>
      {model.parties.map((party) => (
        <article key={party.id} className="card party" aria-labelledby={`party-${party.id}`}>
          <header className="party__header">
            <h3 id={`party-${party.id}`}>{party.name}</h3>
            <Badge tone="info" title={ROLE_HINTS[party.role]}>
              {ROLE_WORDS[party.role]}
            </Badge>
            {party.id === model.myParty && <span className="muted small">Your party</span>}
          </header>
          {party.members.length === 0 && (
            <div className="party__empty">
              <span className="muted">Nobody from {party.name} has joined yet.</span>
              {invitableParties(model).some((p) => p.id === party.id) && (
                <Button className="button--small" onClick={() => setInviting({ party })}>
                  Invite to {party.name}…
                </Button>
              )}
            </div>
          )}
          <ul className="member-list">
            {party.members.map((m) => (
              <li key={m.id} className={`member${m.status === 'removed' ? ' member--removed' : ''}`}>
                <Avatar
                  name={m.displayName}
                  online={m.status === 'active' ? online.has(m.id) : undefined}
                  muted={m.status === 'removed'}
                />
                <div className="member__who">
                  <strong>
                    {m.displayName}
                    {m.id === model.me && ' (you)'}
                  </strong>
                  <span className="muted small block">
                    {m.organisation || party.name}
                    {m.status === 'active' && online.has(m.id) && m.id !== model.me ? ' · online now' : ''}
                    {m.status === 'removed' && m.removedAt !== null
                      ? ` · removed ${formatAgo(m.removedAt, now)}`
                      : ` · joined ${formatAgo(m.addedAt, now)}`}
                  </span>
                </div>
                <span className="mono member__fingerprint" title="Key fingerprint">
                  {fingerprintOfMemberId(m.id) ?? ''}
                </span>
                {canRemove(model, m) ? (
                  <Button
                    variant="ghost"
                    className="button--small"
                    onClick={() => setRemoving(m)}
                    aria-label={m.id === model.me ? 'Leave the case' : `Remove ${m.displayName}`}
                  >
                    {m.id === model.me ? 'Leave' : 'Remove'}
                  </Button>
                ) : (
                  <span />
                )}
              </li>
            ))}
          </ul>
        </article>
      ))}
      {inviting && (
        <InviteDialog
          session={session}
          model={model}
          party={inviting.party}
          onClose={() => setInviting(undefined)}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={removing.id === model.me ? 'Leave this case?' : `Remove ${removing.displayName}?`}
          open
          danger
          busy={busy}
          error={error}
          confirmLabel={removing.id === model.me ? 'Leave the case' : 'Remove'}
          onConfirm={() => void remove(removing)}
          onClose={() => {
            setRemoving(undefined);
            setError(undefined);
          }}
        >
          <p>
            {removing.id === model.me
              ? 'You will no longer receive anything written in this case. Your copy of what happened so far stays on this device.'
              : `${removing.displayName} keeps what they already have, but receives nothing written from now on: the case key is replaced. Every party sees the removal.`}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
