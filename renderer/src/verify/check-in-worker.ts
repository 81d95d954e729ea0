import type { Result } from '../../../shared/identity/result';
import type { CopyError, CopySummary, VerifyPhase } from '../../../shared/signed/signed-copy-verify';
import type { VerifyReply, VerifyRequest } from './verify-copy-protocol';

/** The verifier's verdict, or 'crashed' when the checker itself stopped (no verdict on the file). */
export type CheckOutcome = Result<CopySummary, CopyError> | 'crashed';

export interface RunningCheck {
  readonly outcome: Promise<CheckOutcome>;
  /** Stops the worker; the outcome then never settles. */
  cancel(): void;
}

/**
 * Verifies `bytes` in a fresh Web Worker (transferred, not copied) and reports progress. One
 * worker per check, ended as soon as it answers: nothing of the file stays behind.
 */
export function checkInWorker(
  bytes: ArrayBuffer,
  onProgress: (done: number, total: number, phase: VerifyPhase) => void,
): RunningCheck {
  const worker = new Worker(new URL('./verify-copy.worker.ts', import.meta.url), { type: 'module' });
  const outcome = new Promise<CheckOutcome>((resolve) => {
    const finish = (value: CheckOutcome) => {
      worker.terminate();
      resolve(value);
    };
    worker.addEventListener('message', (event: MessageEvent<VerifyReply>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.done, message.total, message.phase);
      else finish(message.type === 'result' ? message.result : 'crashed');
    });
    worker.addEventListener('error', () => finish('crashed'));
    worker.addEventListener('messageerror', () => finish('crashed'));
  });
  const request: VerifyRequest = { type: 'verify', bytes };
  worker.postMessage(request, [bytes]);
  return { outcome, cancel: () => worker.terminate() };
}
