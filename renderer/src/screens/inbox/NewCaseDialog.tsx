import { type FormEvent, useId, useState } from 'react';
import type { Result } from '../../../../shared/contract/result';
import { TEMPLATES } from '../../../../shared/templates/registry';
import type { CaseTemplate } from '../../../../shared/templates/types';
import { useRouter } from '../../app/router';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { SimilarResolvedCases } from '../../knowledge/SimilarResolvedCases';
import { useCaseLibrary } from '../../stores/case-library-store';
import { useIdentity } from '../../stores/identity-store';
import { plural, ROLE_WORDS } from '../../workspace/format';
import { refusalSentence } from '../../workspace/refusals';

const BLANK = 'blank';

/** A refusal from the library: its own sentences pass through, contract codes get ours. */
export function librarySentence(r: Extract<Result<unknown>, { ok: false }>): string {
  return r.error === 'invalid-input' && /^[A-Z].*[.!]$/s.test(r.message) ? r.message : refusalSentence(r);
}

function templateFacts(t: CaseTemplate): string {
  return [
    plural(t.parties.length, 'party', 'parties'),
    plural(t.actions.length, 'planned action'),
    plural(t.dataItems.length, 'data item'),
    t.sla ? plural(t.sla.targets.length, 'time target') : 'no time targets',
  ].join(' · ');
}

/** Starts a case: blank, or from a shipped template (parties, plan of actions, data, SLA terms). */
export function NewCaseDialog({ onClose }: { onClose: () => void }) {
  const formId = useId();
  const createCase = useCaseLibrary((s) => s.createCase);
  const navigate = useRouter((s) => s.navigate);
  const organisation = useIdentity((s) => s.summary?.organisation ?? '');
  const [source, setSource] = useState<string>(TEMPLATES[0]?.id ?? BLANK);
  const template = TEMPLATES.find((t) => t.id === source);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [as, setAs] = useState<string>('');
  const [partyName, setPartyName] = useState(organisation);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const roles = template ? template.creators : ['provider', 'customer'];
  // Default to the supplier's side: agents open most cases; a customer picks their own role.
  const providerKey = template
    ? template.parties.find((p) => p.role === 'provider' && roles.includes(p.key))?.key
    : 'provider';
  const chosenAs = roles.includes(as) ? as : (providerKey ?? roles[0] ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setError('Give the case a title, for example “New PC does not boot”.');
    if (!partyName.trim()) return setError('Enter the name your party appears under.');
    setBusy(true);
    setError(undefined);
    const r = await createCase({
      title: title.trim(),
      as: chosenAs,
      partyName: partyName.trim(),
      ...(summary.trim() ? { summary: summary.trim() } : {}),
      ...(template ? { templateId: template.id } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(librarySentence(r));
    onClose();
    navigate({ name: 'case', caseId: r.value.caseId, tab: 'overview' });
  }

  const partyLabel = (key: string) =>
    template?.parties.find((x) => x.key === key)?.name ?? ROLE_WORDS[key as 'customer' | 'provider'] ?? key;
  const partyHint = (key: string) =>
    template?.parties.find((x) => x.key === key)?.description ??
    (key === 'customer' ? 'The case is about a problem you have.' : 'You support the customer in this case.');

  return (
    <Dialog
      title="New case"
      open
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form={formId} busy={busy} data-testid="create-case">
            {busy ? 'Creating and signing…' : 'Create case'}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} className="new-case">
        <fieldset className="template-picker">
          <legend>Start from</legend>
          {TEMPLATES.map((t) => (
            <label key={t.id} className={`template-option${source === t.id ? ' template-option--on' : ''}`}>
              <input
                type="radio"
                name="template"
                value={t.id}
                checked={source === t.id}
                onChange={() => setSource(t.id)}
              />
              <span>
                <strong>{t.name}</strong>
                <span className="block small">{t.description}</span>
                <span className="block muted small">{templateFacts(t)}</span>
              </span>
            </label>
          ))}
          <label className={`template-option${source === BLANK ? ' template-option--on' : ''}`}>
            <input
              type="radio"
              name="template"
              value={BLANK}
              checked={source === BLANK}
              onChange={() => setSource(BLANK)}
            />
            <span>
              <strong>Blank case</strong>
              <span className="block small">
                Just you and your party; bring others in and agree the plan as you go.
              </span>
            </span>
          </label>
        </fieldset>
        <Field label="Title" hint="What the case is about, as every party will see it.">
          {(props) => (
            <input
              {...props}
              value={title}
              onChange={(e) => {
                setTitle(e.target.value);
                setError(undefined);
              }}
              maxLength={200}
            />
          )}
        </Field>
        <SimilarResolvedCases draft={{ title, summary }} />
        <div className="field-row">
          <Field label="You take part as" hint={partyHint(chosenAs)}>
            {(props) => (
              <select {...props} value={chosenAs} onChange={(e) => setAs(e.target.value)}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {partyLabel(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Your party's name" hint="Your company, or your own name as a private customer.">
            {(props) => (
              <input
                {...props}
                value={partyName}
                onChange={(e) => setPartyName(e.target.value)}
                maxLength={120}
              />
            )}
          </Field>
        </div>
        <Field label="Summary (optional)">
          {(props) => (
            <textarea {...props} value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} />
          )}
        </Field>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
