import { useMemo, useState } from 'react';
import type { AgreementVersionView } from '../../../shared/contract/views';
import { fingerprintOfMemberId } from '../../../shared/identity/member-id';
import { verifyTermsSignature } from '../../../shared/signed/agreement';
import { Badge } from '../components/Badge';
import { TableHead } from '../components/TableHead';
import { Button } from '../components/Button';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useToasts } from '../components/Toasts';
import type { CaseSession } from '../core/case-session';
import { useNow } from '../hooks/use-now';
import type { Platform } from '../platform';
import { type CaseModel, signingState } from './case-model';
import { ExportCopy } from './ExportCopy';
import { formatAgo, formatDateTime, listWords, plural, shortHash } from './format';
import { refusalSentence } from './refusals';
import { TermsDiffView } from './TermsDiffView';
import { termsFromSnapshot } from './terms-diff';

/** Agreement versions with who signed when (and whether each signature checks out), signing, diff. */
export function AgreementsPanel({
  session,
  model,
  platform,
}: {
  session: CaseSession;
  model: CaseModel;
  platform?: Platform;
}) {
  const { agreements } = model.snapshot;
  const versions = [...agreements.versions].reverse();
  const signing = signingState(model);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const show = useToasts((s) => s.show);
  const terms = useMemo(() => termsFromSnapshot(model.snapshot), [model.snapshot]);

  async function sign() {
    setBusy(true);
    setError(undefined);
    try {
      const r = await session.signCurrentTerms();
      if (!r.ok) return setError(refusalSentence(r));
      setConfirming(false);
      show({ tone: 'ok', title: `You signed version ${r.value.version}` });
    } catch {
      setError('Your signature could not be made on this device. Unlock your identity and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel-grid panel-grid--wide-left">
      <section aria-labelledby="versions-title">
        <div className="section-head">
          <h2 id="versions-title">Agreement versions</h2>
          {signing.maySign && signing.version && (
            <Button variant="primary" onClick={() => setConfirming(true)} data-testid="sign-version">
              Sign version {signing.version.version}
            </Button>
          )}
        </div>
        {signing.signed && signing.version && !signing.version.agreedByAll && (
          <p className="callout" role="status">
            You signed version {signing.version.version}. It is agreed once{' '}
            {listWords(signing.version.missingParties.map((p) => model.partyName(p)))} sign too.
          </p>
        )}
        {versions.map((v) => (
          <VersionCard key={v.version} version={v} model={model} />
        ))}
        <TermsDiffView session={session} model={model} />
      </section>
      <aside className="card" aria-labelledby="copy-title">
        <h2 id="copy-title">Your signed copy</h2>
        <p className="muted small">
          This device keeps a complete copy of the case: the terms, every signature and the signed history of
          every change. Export it to keep it outside Casepact; anyone can check it offline with Check a signed
          copy in Casepact's inbox, the Casepact command line or any Ed25519 tool.
        </p>
        <ExportCopy session={session} title={model.snapshot.case?.title ?? 'case'} platform={platform} />
      </aside>
      {confirming && signing.version && terms && (
        <ConfirmDialog
          title={`Sign version ${signing.version.version}`}
          open
          confirmLabel={`Sign version ${signing.version.version}`}
          busy={busy}
          error={error}
          onConfirm={() => void sign()}
          onClose={() => setConfirming(false)}
        >
          <p>
            Your signature commits {model.partyName(model.myParty)} to the terms as they are now. Every party
            sees it, and it cannot be taken back; later changes open a new version to sign.
          </p>
          <ul className="sign-summary">
            <li>{plural(terms.parties.length, 'party', 'parties')}</li>
            <li>{plural(terms.actions.filter((a) => a.status === 'agreed').length, 'agreed action')}</li>
            <li>{plural(terms.dataItems.length, 'data item')}</li>
            <li>{plural(terms.topics.length, 'topic')}</li>
            <li>
              {terms.sla
                ? `Service levels: ${plural(terms.sla.targets.length, 'time target')}`
                : 'No service level terms'}
            </li>
          </ul>
          <p className="muted small">
            Terms fingerprint{' '}
            <span className="mono">{shortHash(model.snapshot.agreements.currentTermsHash)}</span>
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function VersionCard({ version, model }: { version: AgreementVersionView; model: CaseModel }) {
  const now = useNow();
  const caseId = model.snapshot.case?.id ?? '';
  const state = version.agreedByAll
    ? { text: 'Agreed by all', tone: 'ok' as const }
    : version.signatures.some((s) => s.current)
      ? {
          text: `Awaiting ${listWords(version.missingParties.map((p) => model.partyName(p)))}`,
          tone: 'warn' as const,
        }
      : { text: 'Not signed yet', tone: 'neutral' as const };
  const current = version.termsHash === model.snapshot.agreements.currentTermsHash;
  return (
    <article
      className="card version"
      data-testid={`version-${version.version}`}
      aria-labelledby={`version-${version.version}-title`}
    >
      <header className="version__header">
        <h3 id={`version-${version.version}-title`}>
          Version {version.version}
          {current && <span className="muted"> · current terms</span>}
        </h3>
        <Badge tone={state.tone}>{state.text}</Badge>
      </header>
      <p className="muted small">
        Terms fingerprint <span className="mono">{shortHash(version.termsHash)}</span>
        {version.openedAt !== null &&
          ` · opened ${formatAgo(version.openedAt, now)} by ${model.memberName(version.openedBy)}`}
      </p>
      {version.signatures.length > 0 ? (
        <table className="data-table signatures">
          <TableHead
            caption={`Signatures on version ${version.version}`}
            columns={['Signed by', 'When', 'Key fingerprint', 'Check']}
          />
          <tbody>
            {version.signatures.map((s) => {
              const valid = verifyTermsSignature(caseId, s.member, s.termsHash, s.signature);
              return (
                <tr key={s.member}>
                  <th scope="row">
                    {model.memberName(s.member)}
                    {model.partyName(s.party) !== model.memberName(s.member) && (
                      <span className="muted small block">{model.partyName(s.party)}</span>
                    )}
                  </th>
                  <td>
                    <time dateTime={new Date(s.at).toISOString()}>{formatDateTime(s.at)}</time>
                  </td>
                  <td className="mono">{fingerprintOfMemberId(s.member) ?? 'unreadable key'}</td>
                  <td>
                    {!valid ? (
                      <Badge tone="danger">Signature does not match</Badge>
                    ) : s.current ? (
                      <Badge tone="ok">Valid</Badge>
                    ) : (
                      <Badge
                        tone="neutral"
                        title="Signed an earlier draft of this version; the terms changed afterwards."
                      >
                        Earlier draft
                      </Badge>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted small">Nobody has signed this version yet.</p>
      )}
    </article>
  );
}
