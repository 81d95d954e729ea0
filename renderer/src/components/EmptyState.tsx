import type { ReactNode } from 'react';

/** A friendly explanation where a list is empty, with the next steps as buttons. */
export function EmptyState({
  title,
  children,
  actions,
  testId,
  compact = false,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
  compact?: boolean;
}) {
  return (
    <div className={`empty-state${compact ? ' empty-state--compact' : ''}`} data-testid={testId}>
      <h2>{title}</h2>
      {children}
      {actions && <div className="empty-state__actions">{actions}</div>}
    </div>
  );
}
