import type { ServerTime } from '@qi/protocol';

/**
 * Estimates how far the server's clock is ahead of this device's (ms; negative: behind) from a
 * few `GET /api/time` calls, keeping the one with the shortest round trip and assuming the
 * server answered half-way through it. Server time is then `Date.now() + offset`.
 */
export async function measureClockOffset(
  fetchTime: () => Promise<ServerTime> = async () =>
    (await (await fetch('/api/time', { cache: 'no-store' })).json()) as ServerTime,
  samples = 3,
  clock: () => number = Date.now,
): Promise<number> {
  let best: { rtt: number; offset: number } | null = null;
  for (let i = 0; i < samples; i++) {
    const sent = clock();
    const { now } = await fetchTime();
    const received = clock();
    const rtt = received - sent;
    const offset = now - (sent + rtt / 2);
    if (!best || rtt < best.rtt) best = { rtt, offset };
  }
  return best ? Math.round(best.offset) : 0;
}
