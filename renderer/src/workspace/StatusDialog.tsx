import { type FormEvent, useId, useState } from 'react';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/contract/model';
import { setPriority, setStatus } from '../../../shared/contract/commands/case';
import { PRIORITIES, type Priority } from '../../../shared/contract/sla-terms';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import type { CaseSession } from '../core/case-session';
import { useRun } from '../hooks/use-run';
import {
  EMPTY_RESOLUTION,
  isResolutionReady,
  ResolutionFields,
  resolveWith,
} from '../knowledge/ResolutionFields';
import type { CaseModel } from './case-model';
import { PRIORITY_WORDS, STATUS_WORDS } from './format';
import { refusalSentence } from './refusals';
import { FormFooter } from '../components/FormFooter';
import { FormError } from '../components/FormError';

const STATUS_HINTS: Readonly<Record<CaseStatus, string>> = {
  open: 'The case is open; nothing is negotiated yet.',
  negotiating: 'The parties are agreeing on what to do.',
  agreed: 'Every party signed the current terms.',
  'in-progress': 'The agreed actions are being carried out.',
  waiting: 'The case waits on one party (service clocks may pause).',
  resolved: 'The problem is solved. Other parties can still reopen it.',
  closed: 'Nothing more to do. A closed case can only be reopened.',
};

/** Status (with the party waited on) and priority of the case, for customer and provider members. */
export function StatusDialog({
  session,
  model,
  onClose,
}: {
  session: CaseSession;
  model: CaseModel;
  onClose: () => void;
}) {
  const header = model.snapshot.case;
  const run = useRun(session);
  const formId = useId();
  const [status, setStatusValue] = useState<CaseStatus>(header?.status ?? 'open');
  const others = model.snapshot.parties;
  const [waitingOn, setWaitingOn] = useState<string>(
    header?.waitingOn ?? others.find((p) => p.id !== model.myParty)?.id ?? '',
  );
  const [priority, setPriorityValue] = useState<Priority>(header?.priority ?? 'normal');
  const [error, setError] = useState<string>();
  const [resolution, setResolution] = useState(EMPTY_RESOLUTION);
  // The resolving party may write what the problem, cause and fix were (it joins the knowledge index).
  const resolving = status === 'resolved' && header?.status !== 'resolved' && model.myRole !== null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!header) return;
    if (priority !== header.priority) {
      const r = run((ctx) => setPriority(ctx, { priority }), { quiet: true });
      if (!r.ok) return setError(refusalSentence(r));
    }
    if (resolving && isResolutionReady(resolution)) {
      const r = run(resolveWith(resolution), { quiet: true });
      if (!r.ok) return setError(refusalSentence(r));
    } else if (status !== header.status || (status === 'waiting' && waitingOn !== header.waitingOn)) {
      const r = run((ctx) => setStatus(ctx, status === 'waiting' ? { status, waitingOn } : { status }), {
        quiet: true,
      });
      if (!r.ok) return setError(refusalSentence(r));
    }
    onClose();
  }

  return (
    <Dialog
      title="Update status"
      open
      onClose={onClose}
      footer={<FormFooter formId={formId} onCancel={onClose} label="Save" />}
    >
      <form id={formId} onSubmit={submit}>
        <Field label="Status" hint={STATUS_HINTS[status]}>
          {(props) => (
            <select {...props} value={status} onChange={(e) => setStatusValue(e.target.value as CaseStatus)}>
              {CASE_STATUSES.filter((s) => header?.status !== 'closed' || s === 'open' || s === 'closed').map(
                (s) => (
                  <option key={s} value={s}>
                    {STATUS_WORDS[s]}
                  </option>
                ),
              )}
            </select>
          )}
        </Field>
        {status === 'waiting' && (
          <Field label="Waiting on">
            {(props) => (
              <select {...props} value={waitingOn} onChange={(e) => setWaitingOn(e.target.value)}>
                {others.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {resolving && <ResolutionFields value={resolution} onChange={setResolution} />}
        <Field label="Priority">
          {(props) => (
            <select
              {...props}
              value={priority}
              onChange={(e) => setPriorityValue(e.target.value as Priority)}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_WORDS[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormError message={error} />
      </form>
    </Dialog>
  );
}
