import { TokenBucket } from './TokenBucket';

/** Keys kept before full (idle) buckets are swept, so memory stays bounded. */
const SWEEP_AT = 10_000;

/**
 * One token bucket per key (a board, a client address), `perMinute` tokens a minute with a
 * burst of the same size. For rate-limiting HTTP actions such as minting links.
 */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly perMinute: number,
    private readonly now?: () => number,
  ) {}

  /** Spends one token of `key`; false when it has none left. */
  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_AT) this.sweep();
      bucket = new TokenBucket(this.perMinute / 60, this.perMinute, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(1);
  }

  /** Seconds until `key` has a token again (for Retry-After). */
  get retryAfterSeconds(): number {
    return Math.ceil(60 / this.perMinute);
  }

  private sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull) this.buckets.delete(key);
  }
}
