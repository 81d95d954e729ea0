import { Button } from './Button';

/**
 * The footer of a dialog that holds a form: Cancel, and the submit button outside the form
 * (linked by `formId`) that says what it does, and what it is doing while busy.
 */
export function FormFooter({
  formId,
  onCancel,
  label,
  busy = false,
  busyLabel,
  id,
  testId,
}: {
  formId: string;
  onCancel: () => void;
  label: string;
  busy?: boolean;
  busyLabel?: string;
  id?: string;
  testId?: string;
}) {
  return (
    <>
      <Button variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
      <Button id={id} variant="primary" type="submit" form={formId} busy={busy} data-testid={testId}>
        {busy && busyLabel ? busyLabel : label}
      </Button>
    </>
  );
}
