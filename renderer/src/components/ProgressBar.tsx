/** Progress of long work (joining, verifying, exporting), announced to screen readers. */
export function ProgressBar({ fraction, label }: { fraction: number | null; label: string }) {
  const percent = fraction === null ? undefined : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress__label">
        <span>{label}</span>
        {percent !== undefined && <span className="muted">{percent} %</span>}
      </div>
      <progress max={100} value={percent} aria-label={label} />
    </div>
  );
}
