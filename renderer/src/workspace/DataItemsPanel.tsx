import { type FormEvent, useId, useState } from 'react';
import { addDataItem, setDataItemValue } from '../../../shared/contract/commands/items';
import { DATA_ITEM_KINDS, type DataItemKind } from '../../../shared/contract/model';
import type { DataItemView } from '../../../shared/contract/views';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { EmptyState } from '../components/EmptyState';
import { Field } from '../components/Field';
import type { CaseSession } from '../core/case-session';
import { useNow } from '../hooks/use-now';
import { useRun } from '../hooks/use-run';
import { type CaseModel, canEditDataItem } from './case-model';
import { DataValueInput, parseDataValue, rawOf } from './DataValueInput';
import { formatValue } from './describe-change';
import { DATA_KIND_WORDS, formatAgo } from './format';
import { ProposeDialog } from './ProposeDialog';
import { refusalSentence } from './refusals';
import { FormFooter } from '../components/FormFooter';
import { FormError } from '../components/FormError';

/** The case's data items: typed values, who provides each, edit in place for the owner party. */
export function DataItemsPanel({ session, model }: { session: CaseSession; model: CaseModel }) {
  const now = useNow();
  const [editing, setEditing] = useState<DataItemView>();
  const [adding, setAdding] = useState(false);
  const [asking, setAsking] = useState(false);
  const items = [...model.snapshot.dataItems].sort((a, b) => a.createdAt - b.createdAt);
  return (
    <section aria-labelledby="data-title">
      <div className="section-head">
        <h2 id="data-title">Data items</h2>
        {model.negotiator && (
          <div className="button-row">
            <Button onClick={() => setAsking(true)}>Ask another party…</Button>
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add information
            </Button>
          </div>
        )}
      </div>
      {items.length === 0 ? (
        <EmptyState title="No data items yet" compact>
          <p>
            Data items are the facts a case needs — a serial number, a purchase date, a booking reference —
            each provided by one party and visible to all.
          </p>
        </EmptyState>
      ) : (
        <div className="card table-card">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Value</th>
                <th scope="col">Provided by</th>
                <th scope="col">Last change</th>
                <th scope="col">
                  <span className="visually-hidden">Edit</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    {d.label}
                    <span className="muted small block">{DATA_KIND_WORDS[d.kind]}</span>
                  </th>
                  <td className={d.value === null ? 'muted' : ''}>
                    {d.kind === 'attachment' && typeof d.value === 'string' ? (
                      <span className="mono" title={d.value}>
                        {formatValue(d.value, d.kind)}
                      </span>
                    ) : d.value === null ? (
                      'Not provided yet'
                    ) : (
                      formatValue(d.value, d.kind)
                    )}
                  </td>
                  <td>{model.partyName(d.party)}</td>
                  <td className="muted small">
                    {d.updatedAt !== null
                      ? `${model.memberName(d.updatedBy)}, ${formatAgo(d.updatedAt, now)}`
                      : `added ${formatAgo(d.createdAt, now)}`}
                  </td>
                  <td className="data-table__edit">
                    {canEditDataItem(model, d) && (
                      <Button
                        className="button--small"
                        onClick={() => setEditing(d)}
                        aria-label={`Edit ${d.label}`}
                      >
                        {d.value === null ? 'Provide' : 'Edit'}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <EditValueDialog session={session} item={editing} onClose={() => setEditing(undefined)} />}
      {adding && <AddItemDialog session={session} onClose={() => setAdding(false)} />}
      {asking && (
        <ProposeDialog
          session={session}
          model={model}
          kind="add-data-item"
          onClose={() => setAsking(false)}
        />
      )}
    </section>
  );
}

function EditValueDialog({
  session,
  item,
  onClose,
}: {
  session: CaseSession;
  item: DataItemView;
  onClose: () => void;
}) {
  const run = useRun(session);
  const formId = useId();
  const inputId = useId();
  const [raw, setRaw] = useState(rawOf(item.value));
  const [error, setError] = useState<string>();
  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseDataValue(item, raw);
    if ('problem' in parsed) return setError(parsed.problem);
    const r = run((ctx) => setDataItemValue(ctx, { itemId: item.id, value: parsed.value }), { quiet: true });
    if (!r.ok) return setError(refusalSentence(r));
    onClose();
  }
  return (
    <Dialog
      title={item.label}
      open
      onClose={onClose}
      footer={<FormFooter formId={formId} onCancel={onClose} label="Save" />}
    >
      <form id={formId} onSubmit={submit}>
        <div className="field">
          <label htmlFor={inputId}>{DATA_KIND_WORDS[item.kind]}</label>
          <DataValueInput item={item} raw={raw} onChange={setRaw} id={inputId} />
          {item.kind === 'attachment' && (
            <p className="field__hint">
              The file stays on this device; the case records its fingerprint so anyone can check it later.
            </p>
          )}
        </div>
        <FormError message={error} />
      </form>
    </Dialog>
  );
}

function AddItemDialog({ session, onClose }: { session: CaseSession; onClose: () => void }) {
  const run = useRun(session);
  const formId = useId();
  const valueId = useId();
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<DataItemKind>('text');
  const [choices, setChoices] = useState('');
  const [raw, setRaw] = useState('');
  const [error, setError] = useState<string>();
  const choiceList = [
    ...new Set(
      choices
        .split('\n')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!label.trim()) return setError('Name the information, for example “Serial number”.');
    if (kind === 'choice' && choiceList.length < 2)
      return setError('List at least two choices, one per line.');
    const parsed = parseDataValue({ kind, choices: choiceList, label }, raw);
    if ('problem' in parsed) return setError(parsed.problem);
    const r = run(
      (ctx) =>
        addDataItem(ctx, {
          label: label.trim(),
          kind,
          value: parsed.value,
          ...(kind === 'choice' ? { choices: choiceList } : {}),
        }),
      { quiet: true },
    );
    if (!r.ok) return setError(refusalSentence(r));
    onClose();
  }
  return (
    <Dialog
      title="Add information"
      open
      onClose={onClose}
      footer={<FormFooter formId={formId} onCancel={onClose} label="Add" />}
    >
      <form id={formId} onSubmit={submit}>
        <p className="muted small">Your party provides this item; every party sees it.</p>
        <Field label="Name">
          {(props) => (
            <input {...props} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={120} />
          )}
        </Field>
        <Field label="Kind">
          {(props) => (
            <select
              {...props}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as DataItemKind);
                setRaw('');
              }}
            >
              {DATA_ITEM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {DATA_KIND_WORDS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'choice' && (
          <Field label="Choices" hint="One per line.">
            {(props) => (
              <textarea {...props} value={choices} onChange={(e) => setChoices(e.target.value)} rows={3} />
            )}
          </Field>
        )}
        <div className="field">
          <label htmlFor={valueId}>Value (optional)</label>
          <DataValueInput
            item={{ kind, choices: choiceList, label }}
            raw={raw}
            onChange={setRaw}
            id={valueId}
          />
        </div>
        <FormError message={error} />
      </form>
    </Dialog>
  );
}
