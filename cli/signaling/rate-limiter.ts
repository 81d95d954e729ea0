/**
 * A token bucket: `burst` tokens to start with, refilled continuously at `perSecond`.
 * Each message costs one token; a connection that finds the bucket empty is over its rate.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /**
   * @param burst most tokens the bucket holds (the largest burst allowed)
   * @param perSecond sustained refill rate
   * @param now clock in milliseconds, injectable so tests need not sleep
   */
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `cost` tokens if available; returns false (and takes nothing) if not. */
  take(cost = 1): boolean {
    const now = this.now();
    // A clock that steps backwards must not mint tokens, hence the max(0, …).
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.perSecond) / 1000);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Tokens currently available (for tests and diagnostics). */
  available(): number {
    return this.tokens;
  }
}
