import { useState } from 'react';
import type { CaseTemplate } from '../../../../shared/templates/types';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSavedTemplates } from '../../stores/template-store';
import { plural } from '../../workspace/format';

/** One line of what a template brings. */
export function templateFacts(t: CaseTemplate): string {
  return [
    plural(t.parties.length, 'party', 'parties'),
    plural(t.actions.length, 'planned action'),
    plural(t.dataItems.length, 'data item'),
    t.sla ? plural(t.sla.targets.length, 'time target') : 'no time targets',
  ].join(' · ');
}

/** A template as a choice of the New case dialog's "Start from" radio group. */
export function TemplateOption({
  value,
  template,
  checked,
  onChoose,
}: {
  value: string;
  template: CaseTemplate;
  checked: boolean;
  onChoose: (value: string) => void;
}) {
  return (
    <label className={`template-option${checked ? ' template-option--on' : ''}`}>
      <input type="radio" name="template" value={value} checked={checked} onChange={() => onChoose(value)} />
      <span>
        <strong>{template.name}</strong>
        {template.description && <span className="block small">{template.description}</span>}
        <span className="block muted small">{templateFacts(template)}</span>
      </span>
    </label>
  );
}

/** "Your templates": the ones saved on this device, each with Delete; or how to make one. */
export function SavedTemplateOptions({
  options,
  current,
  onChoose,
}: {
  options: readonly { readonly value: string; readonly template: CaseTemplate }[];
  current: string;
  onChoose: (value: string) => void;
}) {
  const status = useSavedTemplates((s) => s.status);
  const loadError = useSavedTemplates((s) => s.error);
  const damaged = useSavedTemplates((s) => s.damaged);
  const remove = useSavedTemplates((s) => s.remove);
  const [deleting, setDeleting] = useState<CaseTemplate>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function confirmDelete() {
    if (!deleting) return;
    setBusy(true);
    const removed = await remove(deleting.id);
    setBusy(false);
    if (!removed.ok) return setError(removed.message);
    setDeleting(undefined);
  }

  return (
    <div className="saved-templates" data-testid="saved-templates">
      <h3 className="template-group__title">Your templates</h3>
      {status === 'failed' && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      {status === 'ready' && options.length === 0 && (
        <p className="muted small">
          None yet. On a resolved case, choose <strong>Save as template</strong> to start the next case with
          the same actions, data items and SLA terms.
        </p>
      )}
      {damaged > 0 && (
        <p className="muted small">{plural(damaged, 'saved template')} could not be read and is not shown.</p>
      )}
      {options.map(({ value, template }) => (
        <div key={value} className="saved-template">
          <TemplateOption value={value} template={template} checked={current === value} onChoose={onChoose} />
          <Button
            variant="ghost"
            className="saved-template__delete"
            aria-label={`Delete the template ${template.name}`}
            onClick={() => {
              setError(undefined);
              setDeleting(template);
            }}
          >
            Delete
          </Button>
        </div>
      ))}
      <ConfirmDialog
        title="Delete this template?"
        open={deleting !== undefined}
        confirmLabel="Delete template"
        danger
        busy={busy}
        {...(error ? { error } : {})}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(undefined)}
      >
        <p>
          “{deleting?.name}” is removed from this device. Cases started from it keep their actions, data items
          and SLA terms.
        </p>
      </ConfirmDialog>
    </div>
  );
}
