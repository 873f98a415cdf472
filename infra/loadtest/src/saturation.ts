import { runRoomLoad, type RoomLoadResult } from './roomLoad';
import { workshop } from './scenarios';
import type { Target } from './targets';

/** One step of the ramp: the offered document updates per second and what it measured. */
export interface RampStep {
  updatesPerSecond: number;
  result: RoomLoadResult;
}

/** Where the ramp stopped: the highest rate held with p99 at most `limitMs`, and every step. */
export interface SaturationResult {
  heldUpdatesPerSecond: number;
  heldCpuPercent: number;
  steps: RampStep[];
}

/** Offered rates of the ramp (10 writers share each rate). */
const RATES = [200, 400, 800, 1_200, 1_400, 1_800, 2_400, 3_000];

/**
 * Saturation ramp in the workshop shape: raises the update rate step by step, each on a fresh
 * room of the same server, until p99 delivery latency passes `limitMs` or updates are lost.
 */
export async function runSaturation(
  target: Target,
  measureMs: number,
  limitMs = 100,
): Promise<SaturationResult> {
  const steps: RampStep[] = [];
  let held = 0;
  let heldCpu = Number.NaN;
  for (const rate of RATES) {
    const result = await runRoomLoad(target, {
      ...workshop,
      writeHz: rate / workshop.writersPerRoom,
      warmupMs: 1_000,
      measureMs,
    });
    steps.push({ updatesPerSecond: rate, result });
    if (result.updateLatency.percentile(99) > limitMs || result.lost > 0) break;
    held = rate;
    heldCpu = result.serverCpuPercent;
  }
  return { heldUpdatesPerSecond: held, heldCpuPercent: heldCpu, steps };
}
