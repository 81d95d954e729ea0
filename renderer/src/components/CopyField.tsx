import { useId } from 'react';
import { useCopy } from '../hooks/use-copy';
import { Button } from './Button';

/** A read-only text (an invite link) with a Copy button that says whether copying worked. */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId();
  const { state, copy } = useCopy();
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input
          id={id}
          readOnly
          value={value}
          className="mono"
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <Button variant="primary" onClick={() => void copy(value)}>
          {state === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="field__hint" id={`${id}-hint`} role="status">
        {state === 'failed'
          ? 'Copying was blocked by the browser: select the link and press Ctrl+C (⌘C on a Mac).'
          : state === 'copied'
            ? 'The link is on your clipboard.'
            : (hint ?? '')}
      </p>
    </div>
  );
}
