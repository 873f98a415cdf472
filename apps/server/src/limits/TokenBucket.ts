/** Shared by every bucket: a bound function per bucket would cost each connection two. */
const monotonicNow = (): number => performance.now();

/**
 * A token bucket: holds up to `capacity` tokens, refilled at `perSecond`; `take(n)` succeeds
 * (and spends n) only when n tokens are there. Time comes from `now` (ms) so tests control it.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = monotonicNow,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  take(n = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** True when the bucket is full again (an idle key that can be forgotten). */
  get isFull(): boolean {
    this.take(0);
    return this.tokens >= this.capacity;
  }
}
