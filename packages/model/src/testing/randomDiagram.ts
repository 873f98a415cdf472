import * as Y from 'yjs';
import { Board } from '../Board';
import type { DiagramSnapshot } from '../DiagramSnapshot';
import type { NodeData } from '../DiagramData';
import type { DiagramKind, NodeKind } from '../NodeKind';
import { seededRandom } from './seededRandom';
import { testSources } from './seededRandom';

const WORDS =
  'staff patient bed night alarm delay handover frailty medication toilet lighting checklist falls risk ward team'.split(
    ' ',
  );

/** Builds a seeded random diagram of about `size` nodes through the model (for layout tests and the benchmark). */
export function randomDiagram(kind: DiagramKind, size: number, seed: number): DiagramSnapshot {
  const rng = seededRandom(seed);
  const text = () => Array.from({ length: 1 + rng.int(8) }, () => rng.pick(WORDS)).join(' ');
  const nodes: { id: string; kind: NodeKind; children: NodeData[] }[] = [];
  const root = {
    id: 'root',
    kind: (kind === 'fishbone' ? 'effect' : 'aim') as NodeKind,
    text: text(),
    children: [] as NodeData[],
  };
  nodes.push(root);
  const levels: NodeKind[] =
    kind === 'fishbone'
      ? ['category', 'cause', 'cause', 'cause']
      : ['primary', 'secondary', 'change'];
  const firstLevel =
    kind === 'fishbone' ? Math.max(4, Math.round(size / 40)) : Math.max(3, Math.round(size / 60));
  for (let i = 1; i < size; i++) {
    const candidates = nodes.filter((n) =>
      i <= firstLevel ? n === root : n !== root && n.kind !== 'change',
    );
    const parent = i <= firstLevel ? root : rng.pick(candidates);
    const depth = levels.indexOf(parent.kind) + 1;
    const childKind =
      parent === root ? levels[0]! : (levels[Math.min(depth, levels.length - 1)] ?? 'cause');
    if (kind === 'fishbone' && parent.kind === 'cause' && depth >= 4 && rng.chance(0.7)) continue;
    const node = { id: `n${i}`, kind: childKind, text: text(), children: [] as NodeData[] };
    parent.children.push(node);
    nodes.push(node);
  }
  const links: { from: string; to: string; strength: 'strong' | 'weak' }[] = [];
  if (kind === 'driver') {
    const byKind = (k: NodeKind) => nodes.filter((n) => n.kind === k);
    for (let i = 0; i < size / 10; i++) {
      const from = rng.pick(byKind('change').length ? byKind('change') : byKind('secondary'));
      const to = rng.pick(byKind(from.kind === 'change' ? 'secondary' : 'primary'));
      if (!links.some((l) => l.from === from.id && l.to === to.id))
        links.push({ from: from.id, to: to.id, strength: rng.chance(0.5) ? 'weak' : 'strong' });
    }
  }
  const board = Board.open(new Y.Doc(), testSources('g'));
  const { diagramId } = board.insertDiagram(
    {
      format: 'qi-board.diagram',
      version: 1,
      kind,
      root,
      links,
      measures:
        kind === 'driver'
          ? [
              {
                type: 'outcome',
                name: 'Falls per 1,000 bed days',
                definition: 'monthly',
                attachedTo: 'root',
              },
            ]
          : [],
      pdsaCycles: [],
    },
    { authorId: 'gen', perspective: 'staff:' },
  );
  return board.getDiagram(diagramId)!;
}
