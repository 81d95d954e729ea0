import { useId, useMemo, useState } from 'react';
import type { CaseSession } from '../core/case-session';
import type { CaseModel } from './case-model';
import { type DiffLine, diffTerms, termsOfVersion } from './terms-diff';

const MARK: Readonly<Record<DiffLine['kind'], string>> = { added: '+', removed: '−', changed: '~' };
const WORD: Readonly<Record<DiffLine['kind'], string>> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};

/** "What changed between version A and version B" over the versions whose terms are known here. */
export function TermsDiffView({ session, model }: { session: CaseSession; model: CaseModel }) {
  const fromId = useId();
  const toId = useId();
  const known = useMemo(
    () =>
      model.snapshot.agreements.versions
        .map((v) => ({ version: v.version, terms: termsOfVersion(v, model.snapshot, session) }))
        .filter((v): v is { version: number; terms: NonNullable<typeof v.terms> } => v.terms !== null),
    [model.snapshot, session],
  );
  const last = known[known.length - 1];
  const [from, setFrom] = useState<number | undefined>(known[known.length - 2]?.version);
  const [to, setTo] = useState<number | undefined>(last?.version);
  // Nothing to compare until two versions' terms are on this device.
  if (known.length < 2) return null;
  const a = known.find((v) => v.version === from) ?? known[known.length - 2];
  const b = known.find((v) => v.version === to) ?? last;
  if (!a || !b) return null;
  const lines = diffTerms(a.terms, b.terms);
  return (
    <section className="card diff" aria-labelledby={`${fromId}-title`}>
      <h3 id={`${fromId}-title`}>What changed between versions</h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor={fromId}>From</label>
          <select id={fromId} value={a.version} onChange={(e) => setFrom(Number(e.target.value))}>
            {known.map((v) => (
              <option key={v.version} value={v.version}>
                Version {v.version}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={toId}>To</label>
          <select id={toId} value={b.version} onChange={(e) => setTo(Number(e.target.value))}>
            {known.map((v) => (
              <option key={v.version} value={v.version}>
                Version {v.version}
              </option>
            ))}
          </select>
        </div>
      </div>
      {lines.length === 0 ? (
        <p className="muted">The terms of these versions are the same.</p>
      ) : (
        <ul className="diff__lines" data-testid="terms-diff">
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are recomputed together
            <li key={i} className={`diff__line diff__line--${l.kind}`}>
              <span className="diff__mark" aria-hidden="true">
                {MARK[l.kind]}
              </span>
              <span className="visually-hidden">{WORD[l.kind]}: </span>
              <span className="diff__section">{l.section}</span> {l.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
