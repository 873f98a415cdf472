import { TokenBucket } from './TokenBucket';

/** Per-connection limits of the sync endpoint (from Config). */
export interface SyncRateLimits {
  rateMessagesPerSecond: number;
  rateBytesPerSecond: number;
  maxMessageBytes: number;
}

/**
 * Messages and bytes per second for one connection. Bursts of two seconds' worth are allowed,
 * and the byte bucket always holds at least one message of the largest allowed size, so a
 * client that reconnects with a large offline edit is not refused.
 */
export class SyncRateLimiter {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(limits: SyncRateLimits, now?: () => number) {
    const { rateMessagesPerSecond, rateBytesPerSecond, maxMessageBytes } = limits;
    this.messages = new TokenBucket(rateMessagesPerSecond, 2 * rateMessagesPerSecond, now);
    this.bytes = new TokenBucket(
      rateBytesPerSecond,
      Math.max(maxMessageBytes, 2 * rateBytesPerSecond),
      now,
    );
  }

  /** Counts one received message of `byteLength`; false once a limit is exceeded. */
  take(byteLength: number): boolean {
    return this.messages.take(1) && this.bytes.take(byteLength);
  }
}
