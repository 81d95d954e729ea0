import { useEffect, useState } from 'react';

/** The current time (ms), updated every `intervalMs`, for "3 minutes ago" and overdue marks. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
