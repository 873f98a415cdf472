import { describe, expect, it } from 'vitest';
import { ConnectionCounter } from './ConnectionCounter';
import { KeyedRateLimiter } from './KeyedRateLimiter';
import { SyncRateLimiter } from './SyncRateLimiter';
import { clientAddress } from '../http/clientAddress';

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

describe('clientAddress', () => {
  it('uses the proxy-appended X-Forwarded-For entry only when the proxy is trusted', () => {
    expect(clientAddress('10.0.0.2', 'spoofed, 203.0.113.7', true)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', 'spoofed, 203.0.113.7', false)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', undefined, true)).toBe('10.0.0.2');
    expect(clientAddress(undefined, undefined, false)).toBe('unknown');
  });
});
