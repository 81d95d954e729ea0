/**
 * Messages between the screen and verify-copy.worker.ts. The screen transfers the file's bytes
 * once; the worker answers with progress reports and then exactly one outcome.
 */
import type { Result } from '../../../shared/identity/result';
import type { CopyError, CopySummary, VerifyPhase } from '../../../shared/signed/signed-copy-verify';

export interface VerifyRequest {
  readonly type: 'verify';
  readonly bytes: ArrayBuffer;
}

export type VerifyReply =
  | { readonly type: 'progress'; readonly done: number; readonly total: number; readonly phase: VerifyPhase }
  | { readonly type: 'result'; readonly result: Result<CopySummary, CopyError> }
  | { readonly type: 'crashed' };
