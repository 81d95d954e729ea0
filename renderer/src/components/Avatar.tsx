/** A person's initials in a circle, with an optional presence dot ("online now"). */
export function Avatar({
  name,
  online,
  size = 'md',
  muted = false,
}: {
  name: string;
  /** true: online now; false: known offline; undefined: no presence shown. */
  online?: boolean;
  size?: 'sm' | 'md';
  muted?: boolean;
}) {
  const initials =
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase())
      .join('') || '?';
  return (
    <span
      className={`person-avatar person-avatar--${size}${muted ? ' person-avatar--muted' : ''}`}
      aria-hidden="true"
    >
      {initials}
      {online !== undefined && <span className={`presence-dot${online ? ' presence-dot--on' : ''}`} />}
    </span>
  );
}
