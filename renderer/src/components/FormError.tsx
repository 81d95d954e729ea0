/** A form's problem, in a sentence, announced to screen readers; nothing when there is none. */
export function FormError({ message, testId }: { message: string | undefined | null; testId?: string }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
