import { describe, expect, it } from 'vitest';
import { ConnectionCounter } from './ConnectionCounter';
import { KeyedRateLimiter } from './KeyedRateLimiter';
import { SyncRateLimiter } from './SyncRateLimiter';

describe('limits', () => {
  it('SyncRateLimiter allows a two-second burst, then refills with time', () => {
    let now = 0;
    const limiter = new SyncRateLimiter(
      { rateMessagesPerSecond: 10, rateBytesPerSecond: 100, maxMessageBytes: 150 },
      () => now,
    );
    let taken = 0;
    while (limiter.take(1)) taken++;
    expect(taken).toBe(20);
    now += 500;
    expect(limiter.take(1)).toBe(true);
    // The byte bucket always fits one message of the largest size.
    const bytes = new SyncRateLimiter(
      { rateMessagesPerSecond: 10, rateBytesPerSecond: 10, maxMessageBytes: 150 },
      () => now,
    );
    expect(bytes.take(150)).toBe(true);
    expect(bytes.take(1)).toBe(false);
  });

  it('ConnectionCounter enforces both limits and frees slots once', () => {
    const counter = new ConnectionCounter({
      maxConnectionsPerBoard: 2,
      maxConnectionsPerAddress: 2,
    });
    const a = counter.acquire('b1', 'ip1')!;
    counter.acquire('b1', 'ip2');
    expect(counter.acquire('b1', 'ip3')).toBeNull();
    counter.acquire('b2', 'ip1');
    expect(counter.acquire('b3', 'ip1')).toBeNull();
    a();
    a();
    expect(counter.acquire('b1', 'ip3')).not.toBeNull();
    expect(counter.acquire('b1', 'ip4')).toBeNull();
  });

  it('KeyedRateLimiter counts per key', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter(2, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now += 30_000;
    expect(limiter.take('a')).toBe(true);
  });
});
