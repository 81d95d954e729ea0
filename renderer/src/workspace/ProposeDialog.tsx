import { type FormEvent, useId, useState } from 'react';
import { counter, proposeChange } from '../../../shared/contract/commands/proposals';
import { DATA_ITEM_KINDS, type DataItemKind } from '../../../shared/contract/model';
import type { ProposalView } from '../../../shared/contract/views';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useToasts } from '../components/Toasts';
import type { CaseSession } from '../core/case-session';
import { useRun } from '../hooks/use-run';
import type { CaseModel } from './case-model';
import { describeChange } from './describe-change';
import { DATA_KIND_WORDS, formatDateTime, ROLE_WORDS } from './format';
import {
  changeFromDraft,
  DRAFT_KIND_WORDS,
  type Draft,
  type DraftKind,
  draftFromProposal,
  emptyDraft,
  openActions,
} from './propose-draft';
import { refusalSentence } from './refusals';
import { FormFooter } from '../components/FormFooter';
import { FormError } from '../components/FormError';

/**
 * Proposes one change to the terms (or counters a proposal with one): add an action, change a due
 * date, ask a party for information, settle a topic, cancel an action. The proposing party accepts
 * it by proposing; every other party it touches answers in the Negotiation tab.
 */
export function ProposeDialog({
  session,
  model,
  onClose,
  kind,
  initial,
  counterOf,
}: {
  session: CaseSession;
  model: CaseModel;
  onClose: () => void;
  kind?: DraftKind;
  /** Fields to start from (e.g. the action whose due date changes). */
  initial?: Partial<Draft>;
  counterOf?: ProposalView;
}) {
  const run = useRun(session);
  const show = useToasts((s) => s.show);
  const formId = useId();
  const [draft, setDraft] = useState<Draft>(() =>
    counterOf ? draftFromProposal(model, counterOf) : { ...emptyDraft(model, kind), ...initial },
  );
  const [error, setError] = useState<string>();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const { snapshot } = model;
  const owners = snapshot.parties.filter((p) => p.role !== 'observer');
  const actions = openActions(model);
  const topics = snapshot.topics.filter((t) => t.state === 'open');
  const kinds: DraftKind[] = [
    'add-action',
    'due-date',
    'add-data-item',
    'topic-state',
    'cancel-action',
  ].filter(
    (k) =>
      !((k === 'due-date' || k === 'cancel-action') && actions.length === 0) &&
      !(k === 'topic-state' && topics.length === 0),
  ) as DraftKind[];

  function submit(event: FormEvent) {
    event.preventDefault();
    const built = changeFromDraft(draft);
    if ('problem' in built) return setError(built.problem);
    const input = { changes: [built.change], ...(draft.note.trim() ? { note: draft.note.trim() } : {}) };
    if (counterOf) {
      const r = run((ctx) => counter(ctx, { proposalId: counterOf.id, ...input }), { quiet: true });
      if (!r.ok) return setError(refusalSentence(r));
      show({
        tone: 'ok',
        title: 'Counter-proposal sent',
        body: `${model.partyName(counterOf.party)} is asked to accept it.`,
      });
    } else {
      const r = run((ctx) => proposeChange(ctx, input), { quiet: true });
      if (!r.ok) return setError(refusalSentence(r));
      show(
        r.value.applied
          ? {
              tone: 'ok',
              title: 'Applied to the terms',
              body: 'It changes only your own commitments, so no one else had to accept.',
            }
          : {
              tone: 'ok',
              title: 'Proposal sent',
              body: 'The other parties it concerns are asked to accept it.',
            },
      );
    }
    onClose();
  }

  return (
    <Dialog
      title={counterOf ? 'Counter the proposal' : 'Propose a change'}
      open
      onClose={onClose}
      footer={
        <FormFooter
          formId={formId}
          onCancel={onClose}
          label={counterOf ? 'Send counter-proposal' : 'Send proposal'}
          testId="propose-submit"
        />
      }
    >
      <form id={formId} onSubmit={submit} className="propose-form">
        {counterOf && (
          <div className="callout">
            <strong>You answer {model.partyName(counterOf.party)}'s proposal:</strong>
            <ul>
              {counterOf.changes.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: changes are immutable and ordered
                <li key={i}>{describeChange(model, c)}</li>
              ))}
            </ul>
            <span className="muted small">
              Change what you cannot agree to; the original is marked as countered.
            </span>
          </div>
        )}
        <Field label="What do you propose?">
          {(props) => (
            <select {...props} value={draft.kind} onChange={(e) => set('kind', e.target.value as DraftKind)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {DRAFT_KIND_WORDS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.kind === 'add-action' && (
          <>
            <Field label="Action" hint="What will be done, in a few words.">
              {(props) => (
                <input
                  {...props}
                  value={draft.title}
                  onChange={(e) => set('title', e.target.value)}
                  maxLength={200}
                />
              )}
            </Field>
            <Field label="Details (optional)">
              {(props) => (
                <textarea
                  {...props}
                  value={draft.description}
                  onChange={(e) => set('description', e.target.value)}
                  rows={2}
                />
              )}
            </Field>
            <div className="field-row">
              <Field label="Done by">
                {(props) => (
                  <select {...props} value={draft.party} onChange={(e) => set('party', e.target.value)}>
                    {owners.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} ({ROLE_WORDS[p.role].toLowerCase()})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Due (optional)">
                {(props) => (
                  <input
                    {...props}
                    type="datetime-local"
                    value={draft.due}
                    onChange={(e) => set('due', e.target.value)}
                  />
                )}
              </Field>
            </div>
            {snapshot.topics.length > 0 && (
              <Field label="Topic (optional)">
                {(props) => (
                  <select {...props} value={draft.topic} onChange={(e) => set('topic', e.target.value)}>
                    <option value="">No topic</option>
                    {snapshot.topics.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.title}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {actions.length > 0 && (
              <fieldset className="checkbox-list">
                <legend>Starts after (optional)</legend>
                {actions.map((a) => (
                  <label key={a.id}>
                    <input
                      type="checkbox"
                      checked={draft.dependsOn.includes(a.id)}
                      onChange={(e) =>
                        set(
                          'dependsOn',
                          e.target.checked
                            ? [...draft.dependsOn, a.id]
                            : draft.dependsOn.filter((x) => x !== a.id),
                        )
                      }
                    />
                    <span>
                      {a.title} <span className="muted">· {model.partyName(a.party)}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
          </>
        )}
        {(draft.kind === 'due-date' || draft.kind === 'cancel-action') && (
          <Field label="Action">
            {(props) => (
              <select {...props} value={draft.actionId} onChange={(e) => set('actionId', e.target.value)}>
                {actions.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title} — {model.partyName(a.party)}
                    {a.dueAt !== null ? `, due ${formatDateTime(a.dueAt)}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {draft.kind === 'due-date' && (
          <Field label="New due date" hint="Leave empty to remove the due date.">
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={draft.due}
                onChange={(e) => set('due', e.target.value)}
              />
            )}
          </Field>
        )}
        {draft.kind === 'cancel-action' && (
          <Field label="Why cancel it?">
            {(props) => (
              <input
                {...props}
                value={draft.reason}
                onChange={(e) => set('reason', e.target.value)}
                maxLength={2000}
              />
            )}
          </Field>
        )}
        {draft.kind === 'add-data-item' && (
          <>
            <Field label="Information needed" hint="For example “Serial number” or “Date of purchase”.">
              {(props) => (
                <input
                  {...props}
                  value={draft.label}
                  onChange={(e) => set('label', e.target.value)}
                  maxLength={120}
                />
              )}
            </Field>
            <div className="field-row">
              <Field label="Provided by">
                {(props) => (
                  <select {...props} value={draft.party} onChange={(e) => set('party', e.target.value)}>
                    {owners.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Kind">
                {(props) => (
                  <select
                    {...props}
                    value={draft.dataKind}
                    onChange={(e) => set('dataKind', e.target.value as DataItemKind)}
                  >
                    {DATA_ITEM_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {DATA_KIND_WORDS[k]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            {draft.dataKind === 'choice' && (
              <Field label="Choices" hint="One per line.">
                {(props) => (
                  <textarea
                    {...props}
                    value={draft.choices}
                    onChange={(e) => set('choices', e.target.value)}
                    rows={3}
                  />
                )}
              </Field>
            )}
          </>
        )}
        {draft.kind === 'topic-state' && (
          <div className="field-row">
            <Field label="Topic">
              {(props) => (
                <select {...props} value={draft.topic} onChange={(e) => set('topic', e.target.value)}>
                  <option value="">Choose a topic</option>
                  {topics.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Mark it as">
              {(props) => (
                <select
                  {...props}
                  value={draft.topicState}
                  onChange={(e) => set('topicState', e.target.value as 'agreed' | 'closed')}
                >
                  <option value="agreed">Agreed</option>
                  <option value="closed">Closed without agreement</option>
                </select>
              )}
            </Field>
          </div>
        )}
        <Field
          label="Note to the other parties (optional)"
          hint="Why you propose this; it is shown with the proposal."
        >
          {(props) => (
            <textarea
              {...props}
              value={draft.note}
              onChange={(e) => set('note', e.target.value)}
              rows={2}
              maxLength={2000}
            />
          )}
        </Field>
        <FormError message={error} />
      </form>
    </Dialog>
  );
}
