import { readFileSync } from 'node:fs';

/** Latency samples in milliseconds, summarised as percentiles. */
export class Histogram {
  private samples: number[] = [];

  add(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  percentile(p: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
    return sorted[Math.max(0, index)] ?? Number.NaN;
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the command name (which may contain spaces) start after the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Read and write system calls a process has made so far, from /proc (one write per frame or per batch). */
export function syscalls(pid: number): { reads: number; writes: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1]);
  return { reads: field('syscr'), writes: field('syscw') };
}

/** Per-core CPU time from /proc/stat, in clock ticks: the hypervisor's steal and the total. */
export function coreTimes(): { steal: number; total: number }[] {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => {
      const ticks = line.split(/\s+/).slice(1, 9).map(Number);
      return { steal: ticks[7] ?? 0, total: ticks.reduce((a, b) => a + b, 0) };
    });
}

/**
 * Share of each core's time the hypervisor gave to other machines between two `coreTimes()`
 * readings, in %: time neither server nor generator could run, which shows up as latency.
 */
export function stealPercent(
  before: { steal: number; total: number }[],
  after: { steal: number; total: number }[],
): number[] {
  return after.map((a, i) => {
    const b = before[i] ?? { steal: 0, total: 0 };
    return a.total > b.total ? ((a.steal - b.steal) * 100) / (a.total - b.total) : 0;
  });
}

/** Resident set size of a process in KiB, from /proc. */
export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

/** Resolves once `check` is true, polling every `everyMs`; rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number, everyMs = 5): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Formats a number for the report table. */
export function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '—';
  return n >= 1000 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(digits);
}
