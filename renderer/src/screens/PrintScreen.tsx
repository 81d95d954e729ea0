import { useEffect, useMemo } from 'react';
import { fingerprintOfMemberId } from '../../../shared/identity/member-id';
import { verifyTermsSignature } from '../../../shared/signed/agreement';
import type { CaseSession } from '../core/case-session';
import type { Platform } from '../platform';
import { useCaseLibrary } from '../stores/case-library-store';
import { useCaseState } from '../hooks/use-case-state';
import { agreementSentence, caseModel } from '../workspace/case-model';
import { formatValue } from '../workspace/describe-change';
import {
  ACTION_STATUS_WORDS,
  DATA_KIND_WORDS,
  formatDateTime,
  PRIORITY_WORDS,
  ROLE_WORDS,
  STATUS_WORDS,
  TOPIC_STATE_WORDS,
} from '../workspace/format';

/** The printable contract of a case on this device (route 'print'), or why it cannot be shown. */
export function PrintScreen({ caseId, platform }: { caseId: string; platform?: Platform }) {
  const session = useCaseLibrary((s) => s.sessions[caseId]);
  const status = useCaseLibrary((s) => s.status);
  if (session) return <PrintableContract session={session} platform={platform} />;
  return (
    <p className="muted" role="status">
      {status === 'ready'
        ? 'This case is not on this device, so it cannot be printed here.'
        : 'Opening the case…'}
    </p>
  );
}

/**
 * The contract as a document: parties and members with key fingerprints, topics, agreed actions,
 * data items, service levels, and every agreement version with its checked signatures. Tells the
 * host it is ready, so the desktop can turn it into a PDF (or the browser tab can print).
 */
export function PrintableContract({ session, platform }: { session: CaseSession; platform?: Platform }) {
  const { snapshot } = useCaseState(session);
  const model = useMemo(() => caseModel(snapshot, session.me), [snapshot, session.me]);
  const header = snapshot.case;
  useEffect(() => {
    if (header) platform?.printReady();
  }, [header, platform]);
  if (!header) return <p className="muted">This case has not arrived on this device yet.</p>;
  const actions = snapshot.actions
    .filter((a) => a.source === 'terms')
    .sort((a, b) => (a.dueAt ?? Number.POSITIVE_INFINITY) - (b.dueAt ?? Number.POSITIVE_INFINITY));
  return (
    <article className="contract" aria-labelledby="contract-title" data-testid="printable-contract">
      <header className="contract__header">
        <p className="contract__kicker">Casepact process contract</p>
        <h1 id="contract-title">{header.title}</h1>
        <p>
          {STATUS_WORDS[header.status]} · {PRIORITY_WORDS[header.priority]} priority · opened{' '}
          {formatDateTime(header.createdAt)} by {model.memberName(header.createdBy)} ·{' '}
          {agreementSentence(model).text}
        </p>
        <p className="mono small">Case {header.id}</p>
        {header.summary && <p className="contract__summary">{header.summary}</p>}
      </header>

      <section aria-labelledby="c-parties">
        <h2 id="c-parties">Parties</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Party</th>
              <th scope="col">Role</th>
              <th scope="col">Members (key fingerprint)</th>
            </tr>
          </thead>
          <tbody>
            {model.parties.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{ROLE_WORDS[p.role]}</td>
                <td>
                  {p.members.length === 0
                    ? 'Nobody has joined yet'
                    : p.members.map((m) => (
                        <span key={m.id} className="block">
                          {m.displayName}
                          {m.status === 'removed' ? ' (removed)' : ''} —{' '}
                          <span className="mono">{fingerprintOfMemberId(m.id) ?? ''}</span>
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {snapshot.topics.length > 0 && (
        <section aria-labelledby="c-topics">
          <h2 id="c-topics">Topics</h2>
          <ul>
            {snapshot.topics.map((t) => (
              <li key={t.id}>
                {t.title} — {TOPIC_STATE_WORDS[t.state].toLowerCase()}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="c-actions">
        <h2 id="c-actions">Agreed actions</h2>
        {actions.length === 0 ? (
          <p className="muted">No actions agreed yet.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Done by</th>
                <th scope="col">Due</th>
                <th scope="col">After</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.title}
                    {a.description && <span className="block muted small">{a.description}</span>}
                  </th>
                  <td>{model.partyName(a.party)}</td>
                  <td>{a.dueAt === null ? '—' : formatDateTime(a.dueAt)}</td>
                  <td>{a.dependsOn.map((id) => model.actionTitle(id)).join(', ') || '—'}</td>
                  <td>{ACTION_STATUS_WORDS[a.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {snapshot.dataItems.length > 0 && (
        <section aria-labelledby="c-data">
          <h2 id="c-data">Data items</h2>
          <table className="data-table">
            <tbody>
              {[...snapshot.dataItems]
                .sort((a, b) => a.createdAt - b.createdAt)
                .map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      {d.label} <span className="muted small">({DATA_KIND_WORDS[d.kind].toLowerCase()})</span>
                    </th>
                    <td>{formatValue(d.value, d.kind)}</td>
                    <td>{model.partyName(d.party)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      )}

      {snapshot.sla && (
        <section aria-labelledby="c-sla">
          <h2 id="c-sla">Service levels</h2>
          <ul>
            {snapshot.sla.targets.map((t) => (
              <li key={t.id}>
                {t.kind === 'first-response' ? 'First response' : 'Resolution'} within {t.minutes} business
                minutes for {PRIORITY_WORDS[t.priority].toLowerCase()} priority
                {t.category ? ` (${t.category})` : ''} — committed by the {t.committedBy}
              </li>
            ))}
          </ul>
          <p className="small muted">Business hours in {snapshot.sla.calendar.timeZone}.</p>
        </section>
      )}

      <section aria-labelledby="c-signatures">
        <h2 id="c-signatures">Signatures</h2>
        {snapshot.agreements.versions.map((v) => (
          <div key={v.version} className="contract__version">
            <h3>
              Version {v.version} — {v.agreedByAll ? 'agreed by every party' : 'not agreed by every party'}
            </h3>
            <p className="mono small">Terms hash {v.termsHash}</p>
            {v.signatures.length === 0 ? (
              <p className="muted">Not signed.</p>
            ) : (
              <ul>
                {v.signatures.map((s) => (
                  <li key={s.member}>
                    {model.memberName(s.member)} ({model.partyName(s.party)}), {formatDateTime(s.at)}, key{' '}
                    <span className="mono">{fingerprintOfMemberId(s.member)}</span> —{' '}
                    {verifyTermsSignature(header.id, s.member, s.termsHash, s.signature)
                      ? s.current
                        ? 'signature valid'
                        : 'signed an earlier draft'
                      : 'signature does not match'}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>
      <footer className="contract__footer small muted">
        Printed {formatDateTime(Date.now())} from the signed copy on this device. The signatures can be
        checked offline with the exported signed copy.
      </footer>
    </article>
  );
}
