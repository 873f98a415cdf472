import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/**
 * How a room forwards awareness right now: `atOnce` lets the first change after a quiet spell
 * go out immediately; otherwise every change waits for the room's next tick of `tickMs`.
 */
export interface AwarenessPace {
  readonly atOnce: boolean;
  readonly tickMs: number;
}

/** The tick while the process is idle, and the longest it grows to under load. */
export const IDLE_TICK_MS = 20;
export const BUSY_TICK_MS = 60;
/** Event-loop utilisation from which changes are always collected, and where the tick is longest. */
const BUSY_FROM = 0.25;
const BUSIEST_AT = 0.5;

/**
 * The pace for a smoothed event-loop utilisation (0..1). Idle: the first cursor move after a
 * pause goes at once and the tick is 20 ms. Busy: every move waits for a tick that grows
 * linearly to 60 ms, so each socket gets fewer, fuller frames, and a stock provider, which
 * echoes every frame it hears, fewer echoes. Intermediate positions are dropped, never the
 * latest, and documents are never delayed.
 */
export function paceFor(utilization: number): AwarenessPace {
  if (utilization < BUSY_FROM) return { atOnce: true, tickMs: IDLE_TICK_MS };
  const share = Math.min(1, (utilization - BUSY_FROM) / (BUSIEST_AT - BUSY_FROM));
  return {
    atOnce: false,
    tickMs: Math.round(IDLE_TICK_MS + share * (BUSY_TICK_MS - IDLE_TICK_MS)),
  };
}

/** How often the gauge samples, and the weight of each new sample in the average. */
const SAMPLE_MS = 250;
const NEW_SAMPLE_WEIGHT = 0.3;

/**
 * This process's awareness pace, from its event-loop utilisation (busy share of wall time,
 * syscalls included), sampled every 250 ms and smoothed so one slow turn does not flip it.
 */
export class LoadGauge implements AwarenessPace {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private smoothed = 0;
  private pace: AwarenessPace = paceFor(0);
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(this.sample, SAMPLE_MS);
    this.timer.unref();
  }

  get utilization(): number {
    return this.smoothed;
  }

  get atOnce(): boolean {
    return this.pace.atOnce;
  }

  get tickMs(): number {
    return this.pace.tickMs;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private readonly sample = (): void => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, this.last);
    this.last = now;
    this.smoothed += NEW_SAMPLE_WEIGHT * (utilization - this.smoothed);
    this.pace = paceFor(this.smoothed);
  };
}
