import type { RefObject } from 'react';
import type { CopyProblem } from './verify-copy-model';

/** "This file does not check out": the precise reason and what to do next. */
export function CopyProblemView({
  problem,
  fileName,
  headingRef,
}: {
  problem: CopyProblem;
  fileName: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  return (
    <div className="verdict verdict--bad" data-testid="copy-invalid" role="alert">
      <h2 ref={headingRef} tabIndex={-1}>
        <span className="verdict__mark" aria-hidden="true">
          ✕
        </span>
        {problem.headline}
      </h2>
      <dl className="facts">
        <dt>File</dt>
        <dd className="verify__file-name">{fileName}</dd>
        <dt>Reason</dt>
        <dd data-testid="copy-reason">{problem.reason}</dd>
        <dt>What to do</dt>
        <dd>{problem.next}</dd>
      </dl>
    </div>
  );
}
