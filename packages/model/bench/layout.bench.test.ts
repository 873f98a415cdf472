import { it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../src/Board';
import { diagramToData } from '../src/exchange/diagramToData';
import { estimateTextSize } from '../src/layout/estimateTextSize';
import { layoutDiagram } from '../src/layout/layoutDiagram';
import { randomDiagram } from '../src/testing/randomDiagram';

const RUNS = 25;

function timed(fn: () => void): string {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = (v: number) => v.toFixed(2);
  return `median ${ms(times[Math.floor(RUNS / 2)]!)} ms (min ${ms(times[0]!)}, max ${ms(times[RUNS - 1]!)}, ${RUNS} runs)`;
}

/** Median wall time to lay out (and to derive the snapshot of) a 1,000-node diagram; `pnpm --filter @qi/model bench`. */
it('lays out 1,000-node diagrams', () => {
  for (const kind of ['fishbone', 'driver'] as const) {
    const diagram = randomDiagram(kind, 1000, 42);
    const n = diagram.nodes.length;
    console.log(
      `layout   ${kind.padEnd(8)} ${n} nodes: ${timed(() => layoutDiagram(diagram, estimateTextSize))}`,
    );
    const board = Board.open(new Y.Doc());
    const { diagramId } = board.insertDiagram(diagramToData(diagram), {
      authorId: 'b',
      perspective: 'staff:',
    });
    console.log(
      `snapshot ${kind.padEnd(8)} ${n} nodes: ${timed(() => board.getDiagram(diagramId))}`,
    );
  }
});
