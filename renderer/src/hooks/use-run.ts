import { useCallback } from 'react';
import type { CommandContext } from '../../../shared/contract/context';
import type { Result } from '../../../shared/contract/result';
import { useToasts } from '../components/Toasts';
import type { CaseSession } from '../core/case-session';
import { refusalSentence } from '../workspace/refusals';

export interface RunOptions {
  /** Toast shown on success (quiet when absent: the change itself is visible). */
  readonly done?: string;
  /** Toast title when refused (the body is the sentence for the refusal). */
  readonly failed?: string;
  /** Show the refusal inline instead of as a toast. */
  readonly quiet?: boolean;
}

/**
 * Runs a shared/contract command through the session (which signs and shares it). A refusal
 * comes back as `{ ok: false }` and, unless `quiet`, is shown as a toast in words.
 */
export function useRun(session: CaseSession) {
  const show = useToasts((s) => s.show);
  return useCallback(
    <T>(command: (ctx: CommandContext) => Result<T>, options: RunOptions = {}): Result<T> => {
      let result: Result<T>;
      try {
        result = session.run(command);
      } catch {
        // A session failure (storage, signing) is not a refusal of the command; say so plainly.
        show({
          tone: 'danger',
          title: options.failed ?? 'Your change was not saved',
          body: 'Something went wrong while saving on this device. Reload the case and try again.',
        });
        return { ok: false, error: 'invalid-state', message: 'session failure' };
      }
      if (!result.ok && !options.quiet)
        show({
          tone: 'danger',
          title: options.failed ?? 'That did not go through',
          body: refusalSentence(result),
        });
      if (result.ok && options.done) show({ tone: 'ok', title: options.done });
      return result;
    },
    [session, show],
  );
}
