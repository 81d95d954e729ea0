import { useState } from 'react';
import type { CaseTab } from '../app/router';
import { routeHash } from '../app/router';
import { Avatar } from '../components/Avatar';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { standingOf } from '../../../shared/membership/key-adoption';
import type { CaseSession } from '../core/case-session';
import type { LiveCaseState } from '../hooks/use-case-state';
import { useNow } from '../hooks/use-now';
import { SlaClocks } from '../sla/SlaClocks';
import { activeMembers, agreementSentence, type CaseModel } from './case-model';
import {
  formatAgo,
  PRIORITY_TONES,
  PRIORITY_WORDS,
  plural,
  ROLE_WORDS,
  STATUS_TONES,
  STATUS_WORDS,
} from './format';
import { SaveTemplateDialog } from './SaveTemplateDialog';
import { StatusDialog } from './StatusDialog';
import { syncWords } from './sync-words';

/**
 * Member ids seen online, plus the local member. Only presence signed by an active member counts:
 * anyone holding the case key could otherwise claim to be someone.
 */
export function onlineIds(state: LiveCaseState, me: string): ReadonlySet<string> {
  // Offline, this device is not reachable either: show nobody as online.
  const ids = new Set<string>(state.sync.state === 'offline' ? [] : [me]);
  for (const peer of state.present) if (peer.memberId && peer.verified) ids.add(peer.memberId);
  return ids;
}

/** Title, status, priority, parties with who is online, agreement, verification and sync state. */
export function CaseHeader({
  session,
  state,
  model,
}: {
  session: CaseSession;
  state: LiveCaseState;
  model: CaseModel;
}) {
  const now = useNow();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const header = state.snapshot.case;
  if (!header) return null;
  const agreement = agreementSentence(model);
  const standing = standingOf(state.snapshot, model.me);
  const gone = standing.kind === 'removed' || standing.kind === 'left' ? standing : undefined;
  // No longer a member: the device left the case's rooms for good; "offline" would promise a sync.
  const sync =
    gone && state.sync.state === 'offline'
      ? {
          label: 'Stopped',
          detail: 'This device no longer syncs this case: you are not a member any more.',
          tone: 'neutral' as const,
        }
      : syncWords(state.sync, now);
  const online = onlineIds(state, model.me);
  const tabLink = (tab: CaseTab) => routeHash({ name: 'case', caseId: session.caseId, tab });
  const rejected = state.rejected.length;
  return (
    <header className="case-header card" data-testid="case-header">
      <div className="case-header__top">
        <div className="case-header__title">
          <a className="back-link" href={routeHash({ name: 'inbox' })}>
            ← All cases
          </a>
          <h1 id="case-title">{header.title}</h1>
          <div className="badge-row">
            <Badge tone={STATUS_TONES[header.status]}>
              {header.status === 'waiting' && header.waitingOn
                ? `Waiting on ${model.partyName(header.waitingOn)}`
                : STATUS_WORDS[header.status]}
            </Badge>
            <Badge tone={PRIORITY_TONES[header.priority]}>{PRIORITY_WORDS[header.priority]} priority</Badge>
            {header.category && <Badge>{header.category}</Badge>}
            {model.myRole && (
              <span className="muted small">You take part as {ROLE_WORDS[model.myRole].toLowerCase()}</span>
            )}
          </div>
        </div>
        <div className="case-header__buttons">
          {/* Only a finished case has a process worth repeating (templateFromCase refuses others). */}
          {(header.status === 'resolved' || header.status === 'closed') && (
            <Button onClick={() => setSaving(true)} data-testid="save-template">
              Save as template
            </Button>
          )}
          {model.runsCase && (
            <Button onClick={() => setEditing(true)} data-testid="update-status">
              Update status
            </Button>
          )}
        </div>
      </div>
      {gone && (
        <p className="offline-note" role="status" data-testid="membership-banner">
          <strong>
            {gone.kind === 'left'
              ? 'You left this case'
              : `${model.memberName(gone.member.removedBy)} removed you from this case`}
            {gone.member.removedAt !== null ? ` ${formatAgo(gone.member.removedAt, now)}` : ''}.
          </strong>{' '}
          Your copy of what happened until then stays on this device. Nothing written since reaches you, and
          changes from you are no longer accepted.
        </p>
      )}
      <dl className="case-facts">
        <div className={`case-fact case-fact--${agreement.tone}`}>
          <dt>Agreement</dt>
          <dd>
            <a href={tabLink('agreements')} data-testid="agreement-state">
              {agreement.text}
            </a>
          </dd>
        </div>
        <div className={`case-fact case-fact--${rejected ? 'danger' : 'ok'}`}>
          <dt>This copy</dt>
          <dd data-testid="verification-state">
            {rejected === 0 ? (
              <span title="Every change in this copy carries a valid signature of a member allowed to make it.">
                Verified: every change is signed
              </span>
            ) : (
              <a href={tabLink('rejected')}>{plural(rejected, 'change')} rejected</a>
            )}
          </dd>
        </div>
        <div className={`case-fact case-fact--${sync.tone}`}>
          <dt>Sync</dt>
          <dd data-testid="sync-state" title={sync.detail}>
            {sync.label}
          </dd>
        </div>
      </dl>
      <SlaClocks session={session} />
      {state.sync.state === 'offline' && !gone && (
        <p className="offline-note" role="status">
          {sync.detail}
          {state.sync.signaling.total === 0 && (
            <>
              {' '}
              <a href={routeHash({ name: 'settings' })}>Open Settings</a>
            </>
          )}
        </p>
      )}
      <ul className="party-strip" aria-label="Parties">
        {model.parties.map((party) => {
          const members = activeMembers(party);
          const here = members.filter((m) => online.has(m.id)).length;
          return (
            <li key={party.id} className="party-chip">
              <span className="party-chip__name">
                {party.name}
                <span className="muted"> · {ROLE_WORDS[party.role]}</span>
              </span>
              <span className="party-chip__people">
                {members.map((m) => (
                  <span
                    key={m.id}
                    className="party-chip__person"
                    title={`${m.displayName}${online.has(m.id) ? ' — online' : ''}`}
                  >
                    <Avatar name={m.displayName} online={online.has(m.id)} size="sm" />
                  </span>
                ))}
                <span className="visually-hidden">
                  {members
                    .map(
                      (m) =>
                        `${m.displayName}${m.id === model.me ? ' (you)' : ''}${online.has(m.id) ? ', online' : ''}`,
                    )
                    .join('; ')}
                </span>
                <span className="party-chip__count muted" aria-hidden="true">
                  {members.length === 0
                    ? 'not joined yet'
                    : here > 0
                      ? `${here} online`
                      : `${members.length} ${members.length === 1 ? 'member' : 'members'}`}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      {editing && <StatusDialog session={session} model={model} onClose={() => setEditing(false)} />}
      {saving && <SaveTemplateDialog model={model} onClose={() => setSaving(false)} />}
    </header>
  );
}
