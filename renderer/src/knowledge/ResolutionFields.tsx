import { type ResolveCaseInput, resolveCase } from '../../../shared/contract/commands/resolution';
import type { CommandContext } from '../../../shared/contract/context';
import type { ResolutionView } from '../../../shared/contract/views';
import { Field } from '../components/Field';
import { formatDateTime } from '../workspace/format';
import './knowledge.css';

export interface ResolutionDraft {
  readonly problem: string;
  readonly cause: string;
  readonly fix: string;
}

export const EMPTY_RESOLUTION: ResolutionDraft = { problem: '', cause: '', fix: '' };

/** Whether the draft says enough to be saved (problem and fix; the cause may be unknown). */
export function isResolutionReady(draft: ResolutionDraft): boolean {
  return draft.problem.trim() !== '' && draft.fix.trim() !== '';
}

/** The contract command that resolves the case with this summary (signed by the session). */
export function resolveWith(draft: ResolutionDraft) {
  const input: ResolveCaseInput = {
    problem: draft.problem,
    fix: draft.fix,
    ...(draft.cause.trim() ? { cause: draft.cause } : {}),
  };
  return (ctx: CommandContext) => resolveCase(ctx, input);
}

/**
 * Problem, cause and fix: the resolution summary the resolving party writes. It is signed,
 * every party sees it, and it joins each party's local knowledge index for the next case.
 */
export function ResolutionFields({
  value,
  onChange,
}: {
  value: ResolutionDraft;
  onChange: (value: ResolutionDraft) => void;
}) {
  const set = (key: keyof ResolutionDraft) => (text: string) => onChange({ ...value, [key]: text });
  return (
    <fieldset className="resolution-fields" data-testid="resolution-fields">
      <legend>Resolution summary</legend>
      <p className="muted small">
        Every party sees it, and it helps the next case with the same problem. Leave it empty to resolve
        without one.
      </p>
      <Field label="Problem" hint="What went wrong, as the customer saw it.">
        {(props) => (
          <textarea
            {...props}
            rows={2}
            maxLength={5000}
            value={value.problem}
            onChange={(e) => set('problem')(e.target.value)}
          />
        )}
      </Field>
      <Field label="Cause (optional)">
        {(props) => (
          <textarea
            {...props}
            rows={2}
            maxLength={5000}
            value={value.cause}
            onChange={(e) => set('cause')(e.target.value)}
          />
        )}
      </Field>
      <Field label="Fix" hint="What solved it.">
        {(props) => (
          <textarea
            {...props}
            rows={2}
            maxLength={5000}
            value={value.fix}
            onChange={(e) => set('fix')(e.target.value)}
          />
        )}
      </Field>
    </fieldset>
  );
}

/** The case's current resolution summary, with who wrote it. */
export function ResolutionSummary({
  resolution,
  partyName,
}: {
  resolution: ResolutionView | null;
  partyName: (partyId: string) => string;
}) {
  if (!resolution) return null;
  return (
    <section
      className="resolution-summary card"
      aria-labelledby="resolution-title"
      data-testid="resolution-summary"
    >
      <h2 id="resolution-title">Resolution</h2>
      <dl>
        <dt>Problem</dt>
        <dd>{resolution.problem}</dd>
        {resolution.cause && (
          <>
            <dt>Cause</dt>
            <dd>{resolution.cause}</dd>
          </>
        )}
        <dt>Fix</dt>
        <dd>{resolution.fix}</dd>
      </dl>
      <p className="muted small">
        Written by {partyName(resolution.party)} · {formatDateTime(resolution.createdAt)}
      </p>
    </section>
  );
}
