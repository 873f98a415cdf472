import { it } from 'vitest';
import { estimateTextSize } from '../src/layout/estimateTextSize';
import { layoutDiagram } from '../src/layout/layoutDiagram';
import { randomDiagram } from '../src/testing/randomDiagram';

/** Median wall time of laying out a 1,000-node diagram; run by `pnpm --filter @qi/model bench`. */
it('lays out 1,000-node diagrams', () => {
  const runs = 25;
  for (const kind of ['fishbone', 'driver'] as const) {
    const diagram = randomDiagram(kind, 1000, 42);
    for (let i = 0; i < 5; i++) layoutDiagram(diagram, estimateTextSize);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      layoutDiagram(diagram, estimateTextSize);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(runs / 2)]!;
    console.log(
      `layout ${kind.padEnd(8)} ${diagram.nodes.length} nodes: median ${median.toFixed(2)} ms ` +
        `(min ${times[0]!.toFixed(2)}, max ${times[runs - 1]!.toFixed(2)}, ${runs} runs)`,
    );
  }
});
