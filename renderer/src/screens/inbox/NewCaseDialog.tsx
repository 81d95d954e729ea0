import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import type { Result } from '../../../../shared/contract/result';
import { TEMPLATES } from '../../../../shared/templates/registry';
import { caseTemplateFromSaved } from '../../../../shared/templates/saved-template';
import { useRouter } from '../../app/router';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { SimilarResolvedCases } from '../../knowledge/SimilarResolvedCases';
import { useCaseLibrary } from '../../stores/case-library-store';
import { useIdentity } from '../../stores/identity-store';
import { useSavedTemplates } from '../../stores/template-store';
import { ROLE_WORDS } from '../../workspace/format';
import { refusalSentence } from '../../workspace/refusals';
import { SavedTemplateOptions, TemplateOption } from './TemplateOption';
import { FormFooter } from '../../components/FormFooter';
import { FormError } from '../../components/FormError';

const BLANK = 'blank';
/** Radio values of saved templates: their ids cannot be mistaken for a shipped template's. */
const SAVED = 'saved:';

/** A refusal from the library: its own sentences pass through, contract codes get ours. */
export function librarySentence(r: Extract<Result<unknown>, { ok: false }>): string {
  return r.error === 'invalid-input' && /^[A-Z].*[.!]$/s.test(r.message) ? r.message : refusalSentence(r);
}

/** Starts a case: blank, or from a shipped or saved template (parties, plan of actions, data, SLA terms). */
export function NewCaseDialog({ onClose }: { onClose: () => void }) {
  const formId = useId();
  const createCase = useCaseLibrary((s) => s.createCase);
  const navigate = useRouter((s) => s.navigate);
  const organisation = useIdentity((s) => s.summary?.organisation ?? '');
  const saved = useSavedTemplates((s) => s.templates);
  const loadSaved = useSavedTemplates((s) => s.load);
  useEffect(() => {
    void loadSaved();
  }, [loadSaved]);
  const yours = useMemo(
    () => saved.map((t) => ({ value: `${SAVED}${t.id}`, template: caseTemplateFromSaved(t) })),
    [saved],
  );
  const [source, setSource] = useState<string>(TEMPLATES[0]?.id ?? BLANK);
  // A deleted saved template falls back to a blank case rather than leaving nothing chosen.
  const template = TEMPLATES.find((t) => t.id === source) ?? yours.find((y) => y.value === source)?.template;
  const current = template || source === BLANK ? source : BLANK;
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
      ...(template ? { template } : {}),
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
        <FormFooter
          formId={formId}
          onCancel={onClose}
          label="Create case"
          busyLabel="Creating and signing…"
          busy={busy}
          testId="create-case"
        />
      }
    >
      <form id={formId} onSubmit={submit} className="new-case">
        <fieldset className="template-picker">
          <legend>Start from</legend>
          <h3 className="template-group__title">Shipped with Casepact</h3>
          {TEMPLATES.map((t) => (
            <TemplateOption
              key={t.id}
              value={t.id}
              template={t}
              checked={current === t.id}
              onChoose={setSource}
            />
          ))}
          <SavedTemplateOptions options={yours} current={current} onChoose={setSource} />
          <label className={`template-option${current === BLANK ? ' template-option--on' : ''}`}>
            <input
              type="radio"
              name="template"
              value={BLANK}
              checked={current === BLANK}
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
        <FormError message={error} />
      </form>
    </Dialog>
  );
}
