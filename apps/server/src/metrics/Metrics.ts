/** A monotonically growing count (Prometheus counter). */
export interface Counter {
  inc(by?: number): void;
}

/** A distribution of observed values in seconds (Prometheus histogram). */
export interface Histogram {
  observe(seconds: number): void;
}

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  render(): string[];
}

/** Latency buckets in seconds: 0.5 ms to 10 s. */
export const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/**
 * The process's metrics, rendered in the Prometheus text format by `/metrics`. One instance per
 * server (no module-level registry); modules get the counters they update at construction.
 */
export class Metrics {
  private readonly families: Family[] = [];

  counter(name: string, help: string): Counter {
    let value = 0;
    this.families.push({ name, help, type: 'counter', render: () => [`${name} ${value}`] });
    return {
      inc: (by = 1) => {
        value += by;
      },
    };
  }

  /** A gauge read when scraped: `read` returns the current value. */
  gauge(name: string, help: string, read: () => number): void {
    this.families.push({ name, help, type: 'gauge', render: () => [`${name} ${read()}`] });
  }

  histogram(name: string, help: string, buckets: readonly number[] = LATENCY_BUCKETS): Histogram {
    const counts = new Array<number>(buckets.length).fill(0);
    let sum = 0;
    let count = 0;
    this.families.push({
      name,
      help,
      type: 'histogram',
      render: () => {
        const lines = buckets.map((le, i) => `${name}_bucket{le="${le}"} ${counts[i]}`);
        lines.push(
          `${name}_bucket{le="+Inf"} ${count}`,
          `${name}_sum ${sum}`,
          `${name}_count ${count}`,
        );
        return lines;
      },
    });
    return {
      observe: (seconds) => {
        sum += seconds;
        count++;
        // Buckets are cumulative: every bucket at or above the value counts it.
        for (let i = buckets.length - 1; i >= 0 && seconds <= buckets[i]!; i--) counts[i]!++;
      },
    };
  }

  /** Every metric in the Prometheus text exposition format (version 0.0.4). */
  render(): string {
    const lines: string[] = [];
    for (const family of this.families) {
      lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
      lines.push(...family.render());
    }
    return `${lines.join('\n')}\n`;
  }
}
