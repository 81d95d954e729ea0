import type { RefObject } from 'react';
import type { Role } from '../../../shared/contract/model';
import type { CopySummary, PersonSummary } from '../../../shared/signed/signed-copy-verify';
import { Badge } from '../components/Badge';
import { TableHead } from '../components/TableHead';
import { formatDateTime, ROLE_WORDS } from '../workspace/format';
import { partiesInOrder, signedChanges, versionVerdict } from './verify-copy-model';

const roleWord = (role: string) => ROLE_WORDS[role as Role] ?? role;

/** "This signed copy checks out": the case, who exported it, parties, versions and signers. */
export function CopySummaryView({
  summary,
  fileName,
  headingRef,
}: {
  summary: CopySummary;
  fileName: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  return (
    <div className="verdict verdict--ok" data-testid="copy-valid">
      <h2 ref={headingRef} tabIndex={-1}>
        <span className="verdict__mark" aria-hidden="true">
          ✓
        </span>
        This signed copy checks out
      </h2>
      <dl className="facts">
        <dt>Case</dt>
        <dd>
          <strong data-testid="copy-title">{summary.title}</strong>{' '}
          <span className="muted small mono">({summary.caseId})</span>
        </dd>
        <dt>Exported by</dt>
        <dd>
          <Person person={summary.exportedBy} /> on{' '}
          <time dateTime={new Date(summary.exportedAt).toISOString()}>
            {formatDateTime(summary.exportedAt)}
          </time>
        </dd>
        <dt>Started by</dt>
        <dd>
          <Person person={summary.founder} />
        </dd>
        <dt>Changes</dt>
        <dd data-testid="copy-changes">
          {signedChanges(summary.changes)}, every signature valid and every change within its author's rights
        </dd>
        <dt>Current terms hash</dt>
        <dd className="mono verify__hash">{summary.termsHash}</dd>
        <dt>File</dt>
        <dd className="verify__file-name">{fileName}</dd>
      </dl>
      <Parties parties={summary.parties} />
      <Versions versions={summary.versions} />
      <p className="callout small">
        This proves every change was signed by its author, in order, and that the people listed signed these
        terms. It does not prove who is behind a key: compare the fingerprints with the people themselves. The
        copy shows the case as it was when it was exported.
      </p>
    </div>
  );
}

function Person({ person }: { person: PersonSummary }) {
  return (
    <>
      {person.displayName}
      {person.organisation && ` (${person.organisation})`} · key{' '}
      <span className="mono">{person.fingerprint}</span>
    </>
  );
}

function Parties({ parties }: { parties: CopySummary['parties'] }) {
  return (
    <section aria-labelledby="copy-parties" className="verify__section">
      <h3 id="copy-parties">Parties and members</h3>
      <ul className="verify__parties">
        {partiesInOrder(parties).map((party) => (
          <li key={party.id} data-testid="copy-party">
            <strong>{party.name}</strong> <Badge tone="info">{roleWord(party.role)}</Badge>
            <ul className="verify__members">
              {party.members.length === 0 && <li className="muted">Nobody from this party had joined</li>}
              {party.members.map((m) => (
                <li key={m.id}>
                  {m.displayName}
                  {m.organisation && ` (${m.organisation})`}
                  <span className="muted"> · {roleWord(m.role)} · key </span>
                  <span className="mono">{m.fingerprint}</span>
                  {m.status !== 'active' && (
                    <>
                      {' '}
                      <Badge tone="neutral">Removed</Badge>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Versions({ versions }: { versions: CopySummary['versions'] }) {
  return (
    <section aria-labelledby="copy-versions" className="verify__section">
      <h3 id="copy-versions">Agreement versions</h3>
      {versions.length === 0 && <p className="muted small">Nobody had signed any version yet.</p>}
      {versions.map((v) => (
        <article key={v.version} className="verify__version" data-testid={`copy-version-${v.version}`}>
          <h4>
            Version {v.version} <Badge tone={v.agreed ? 'ok' : 'warn'}>{versionVerdict(v)}</Badge>
          </h4>
          <p className="muted small">
            Terms hash <span className="mono verify__hash">{v.termsHash}</span>
          </p>
          {v.signers.length > 0 && (
            <table className="data-table">
              <TableHead
                caption={`Signatures on version ${v.version}`}
                columns={['Signed by', 'When', 'Key fingerprint', 'Terms signed']}
              />
              <tbody>
                {v.signers.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {s.displayName}
                      <span className="muted small block">{s.organisation}</span>
                    </th>
                    <td>
                      <time dateTime={new Date(s.at).toISOString()}>{formatDateTime(s.at)}</time>
                    </td>
                    <td className="mono">{s.fingerprint}</td>
                    <td>{s.current ? 'The version’s final terms' : 'An earlier draft'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </section>
  );
}
