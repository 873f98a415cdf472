import { describe, expect, it } from 'vitest';
import { BUSY_TICK_MS, IDLE_TICK_MS, LoadGauge, paceFor } from './AwarenessPace';

describe('paceFor', () => {
  it('sends the first change at once on a 20 ms tick while the process is idle', () => {
    expect(paceFor(0)).toEqual({ atOnce: true, tickMs: IDLE_TICK_MS });
    expect(paceFor(0.24)).toEqual({ atOnce: true, tickMs: IDLE_TICK_MS });
  });

  it('collects every change, on a tick growing to 60 ms, as the process gets busy', () => {
    expect(paceFor(0.25)).toEqual({ atOnce: false, tickMs: IDLE_TICK_MS });
    expect(paceFor(0.375)).toEqual({ atOnce: false, tickMs: 40 });
    expect(paceFor(0.5)).toEqual({ atOnce: false, tickMs: BUSY_TICK_MS });
    expect(paceFor(1)).toEqual({ atOnce: false, tickMs: BUSY_TICK_MS });
  });
});

describe('LoadGauge', () => {
  it('reads a busy event loop as busy', async () => {
    const gauge = new LoadGauge();
    try {
      expect(gauge.atOnce).toBe(true);
      // Keep the loop busy in slices (yielding so the gauge's timer can sample) for ~1.5 s.
      const until = performance.now() + 1500;
      while (performance.now() < until && gauge.atOnce) {
        const slice = performance.now() + 50;
        while (performance.now() < slice) {
          /* busy */
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(gauge.utilization).toBeGreaterThan(0.25);
      expect(gauge.atOnce).toBe(false);
      expect(gauge.tickMs).toBeGreaterThan(IDLE_TICK_MS);
    } finally {
      gauge.stop();
    }
  });
});
