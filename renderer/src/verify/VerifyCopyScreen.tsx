import { type RefObject, useEffect, useRef } from 'react';
import { Button } from '../components/Button';
import { ProgressBar } from '../components/ProgressBar';
import { CopyProblemView } from './CopyProblemView';
import { CopySummaryView } from './CopySummaryView';
import { type CopyCheck, useCopyCheck } from './use-copy-check';
import { COPY_EXTENSION } from './verify-copy-model';
import './verify.css';

/**
 * "Check a signed copy": pick a .casepact file, see it verified on this device (in a worker, with
 * progress), then the verdict in words. Nothing is uploaded, stored or remembered.
 */
export function VerifyCopyScreen({ backLabel = '← All cases' }: { backLabel?: string }) {
  const { check, start, reset } = useCopyCheck();
  const verdict = useRef<HTMLHeadingElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const done = check.state === 'valid' || check.state === 'invalid';
  // Move focus to the verdict when it arrives, and back to the picker for another file.
  useEffect(() => {
    if (done) verdict.current?.focus();
    else if (check.state === 'idle') picker.current?.focus({ preventScroll: true });
  }, [done, check.state]);

  return (
    <section className="verify" aria-labelledby="verify-title">
      <a className="back-link" href="#/">
        {backLabel}
      </a>
      <h1 id="verify-title">Check a signed copy</h1>
      <p className="muted">
        A signed copy ({COPY_EXTENSION} file) holds a case's full signed history. Casepact checks every
        signature in it on this device, offline: nothing is uploaded, and nothing is kept afterwards.
      </p>
      <div className="card verify__card">
        {check.state === 'idle' && (
          <div className="field">
            <label htmlFor="copy-file">Signed copy file</label>
            <input
              ref={picker}
              id="copy-file"
              type="file"
              aria-describedby="copy-file-hint"
              data-testid="copy-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void start(file);
              }}
            />
            <p className="field__hint" id="copy-file-hint">
              Choose the {COPY_EXTENSION} file someone sent you or that you exported from a case.
            </p>
          </div>
        )}
        {check.state === 'checking' && (
          <>
            <p className="verify__file">
              Checking <strong>{check.fileName}</strong>
            </p>
            <ProgressBar fraction={check.progress.fraction} label={check.progress.label} />
          </>
        )}
        {done && <Verdict check={check} headingRef={verdict} />}
        {check.state !== 'idle' && (
          <div className="button-row">
            <Button onClick={reset} data-testid="check-another">
              {check.state === 'checking' ? 'Cancel' : 'Check another file'}
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}

function Verdict({
  check,
  headingRef,
}: {
  check: Extract<CopyCheck, { state: 'valid' | 'invalid' }>;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  return check.state === 'valid' ? (
    <CopySummaryView summary={check.summary} fileName={check.fileName} headingRef={headingRef} />
  ) : (
    <CopyProblemView problem={check.problem} fileName={check.fileName} headingRef={headingRef} />
  );
}
