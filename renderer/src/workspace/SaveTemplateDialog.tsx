import { type FormEvent, useId, useMemo, useState } from 'react';
import { templateSourceFromSnapshot } from '../../../shared/knowledge/from-contract';
import { templateFromCase } from '../../../shared/knowledge/template';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useToasts } from '../components/Toasts';
import { useSavedTemplates } from '../stores/template-store';
import type { CaseModel } from './case-model';
import { plural } from './format';
import { FormFooter } from '../components/FormFooter';
import { FormError } from '../components/FormError';

/**
 * "Save as template" for a resolved or closed case: its agreed actions (in order, with their
 * dependencies and deadlines relative to the start), its data items without their values, its
 * parties as roles and its SLA terms become a template on this device, offered in New case.
 */
export function SaveTemplateDialog({ model, onClose }: { model: CaseModel; onClose: () => void }) {
  const formId = useId();
  const snapshot = model.snapshot;
  const saveFromCase = useSavedTemplates((s) => s.saveFromCase);
  const showToast = useToasts((s) => s.show);
  const [name, setName] = useState(snapshot.case?.title ?? '');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // What the template will hold, from the same function that saves it.
  const preview = useMemo(() => {
    const source = templateSourceFromSnapshot(snapshot);
    const made = source && templateFromCase(source, { id: 'preview', name: 'preview' });
    return made?.ok ? made.template : null;
  }, [snapshot]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Give the template a name, for example “PC does not boot”.');
    setBusy(true);
    setError(undefined);
    const saved = await saveFromCase(snapshot, { name, description });
    setBusy(false);
    if (!saved.ok) return setError(saved.message);
    showToast({
      tone: 'ok',
      title: `Saved the template “${saved.value.name}”`,
      body: 'Start a case from it with New case, under “Your templates”.',
    });
    onClose();
  }

  return (
    <Dialog
      title="Save as template"
      open
      onClose={onClose}
      footer={
        <FormFooter
          formId={formId}
          onCancel={onClose}
          label="Save template"
          busyLabel="Saving…"
          busy={busy}
          testId="save-template-confirm"
        />
      }
    >
      <form id={formId} onSubmit={submit} className="save-template">
        <p className="muted small">
          The next case can start with this case’s process. Saved on this device only; nothing is sent to the
          other parties.
        </p>
        {preview && (
          <ul className="save-template__facts" data-testid="save-template-facts">
            <li>
              {plural(preview.actions.length, 'agreed action')}, in order, with deadlines counted from the
              start of the case
            </li>
            <li>{plural(preview.dataItems.length, 'data item')}, empty: the values stay with this case</li>
            <li>
              {plural(preview.parties.length, 'party', 'parties')} as roles
              {preview.parties.some((p) => p.kind === 'person') ? ' (people’s names are left out)' : ''}
            </li>
            <li>
              {preview.sla
                ? `SLA terms: ${plural(preview.sla.targets.length, 'time target')}, working hours in ${preview.sla.calendar.timeZone}`
                : 'No SLA terms (this case had none)'}
            </li>
          </ul>
        )}
        <Field label="Template name" hint="How it appears in New case.">
          {(props) => (
            <input
              {...props}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setError(undefined);
              }}
              maxLength={200}
            />
          )}
        </Field>
        <Field label="Description (optional)" hint="When to use it, for whoever starts the next case.">
          {(props) => (
            <textarea
              {...props}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              rows={3}
              maxLength={5000}
            />
          )}
        </Field>
        <FormError message={error} />
      </form>
    </Dialog>
  );
}
