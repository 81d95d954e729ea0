import { useCallback, useEffect, useRef, useState } from 'react';
import type { CopySummary } from '../../../shared/signed/signed-copy-verify';
import { type RunningCheck, checkInWorker } from './check-in-worker';
import {
  type CopyProblem,
  copyProblem,
  crashProblem,
  fileProblem,
  type ProgressView,
  progressView,
  READING,
  readProblem,
} from './verify-copy-model';

/** Where the check of one file stands. Held in memory only, and dropped on "Check another file". */
export type CopyCheck =
  | { readonly state: 'idle' }
  | { readonly state: 'checking'; readonly fileName: string; readonly progress: ProgressView }
  | { readonly state: 'valid'; readonly fileName: string; readonly summary: CopySummary }
  | { readonly state: 'invalid'; readonly fileName: string; readonly problem: CopyProblem };

const IDLE: CopyCheck = { state: 'idle' };

/** Reads a picked file and verifies it in a worker; leaving the screen stops the worker. */
export function useCopyCheck() {
  const [check, setCheck] = useState<CopyCheck>(IDLE);
  const running = useRef<{ run: number; worker?: RunningCheck }>({ run: 0 });

  const stop = useCallback(() => {
    running.current.worker?.cancel();
    running.current = { run: running.current.run + 1 };
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(
    async (file: File) => {
      stop();
      const run = running.current.run;
      const current = () => running.current.run === run;
      const fileName = file.name;
      const refused = fileProblem(file);
      if (refused) return setCheck({ state: 'invalid', fileName, problem: refused });
      setCheck({ state: 'checking', fileName, progress: READING });
      let bytes: ArrayBuffer;
      try {
        bytes = await file.arrayBuffer();
      } catch {
        if (current()) setCheck({ state: 'invalid', fileName, problem: readProblem(fileName) });
        return;
      }
      if (!current()) return;
      const worker = checkInWorker(bytes, (done, total, phase) => {
        if (current()) setCheck({ state: 'checking', fileName, progress: progressView(done, total, phase) });
      });
      running.current = { run, worker };
      const outcome = await worker.outcome;
      if (!current()) return;
      if (outcome === 'crashed') setCheck({ state: 'invalid', fileName, problem: crashProblem() });
      else if (outcome.ok) setCheck({ state: 'valid', fileName, summary: outcome.value });
      else setCheck({ state: 'invalid', fileName, problem: copyProblem(outcome.error) });
    },
    [stop],
  );

  const reset = useCallback(() => {
    stop();
    setCheck(IDLE);
  }, [stop]);

  return { check, start, reset };
}
