import {
  DIAGRAM_FILE_FORMAT,
  DIAGRAM_FILE_VERSION,
  type DiagramData,
  type NodeData,
} from '../DiagramData';
import type { DiagramSnapshot, NodeSnapshot } from '../DiagramSnapshot';
import { LIMITS } from '../limits';
import { ValidationError } from '../ModelError';

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Seeds a driver diagram from a fishbone: the effect becomes a draft aim (its text is the aim's "what"),
 * each category a primary driver, and every cause under it, at any depth, a secondary driver in outline
 * order (a sub-cause notes which cause it came from). Authors and perspectives are kept.
 * Insert the result with `board.insertDiagram`.
 */
export function fishboneToDriver(fishbone: DiagramSnapshot): DiagramData {
  if (fishbone.kind !== 'fishbone')
    throw new ValidationError('kind', 'only a fishbone can be converted');
  const keep = (n: NodeSnapshot) => ({
    authorId: n.authorId,
    perspective: n.perspective,
    createdAt: n.createdAt,
  });
  const primaries: NodeData[] = fishbone.root.children.map((category) => {
    const secondaries: NodeData[] = [];
    const visit = (n: NodeSnapshot, parent: NodeSnapshot): void => {
      const from = parent === category ? '' : `From the fishbone, under "${parent.text}".`;
      const notes = [from, n.notes].filter(Boolean).join('\n');
      secondaries.push({
        kind: 'secondary',
        text: n.text,
        ...(notes ? { notes: clip(notes, LIMITS.notes) } : {}),
        ...keep(n),
        children: [],
      });
      for (const c of n.children) visit(c, n);
    };
    for (const cause of category.children) visit(cause, category);
    return {
      kind: 'primary',
      text: category.text,
      ...(category.notes ? { notes: category.notes } : {}),
      ...keep(category),
      children: secondaries,
    };
  });
  const effect = fishbone.root;
  return {
    format: DIAGRAM_FILE_FORMAT,
    version: DIAGRAM_FILE_VERSION,
    kind: 'driver',
    root: {
      kind: 'aim',
      text: clip(`Draft aim: reduce "${effect.text}"`, LIMITS.nodeText),
      notes:
        'Drafted from a fishbone. Make it specific: what, how much, for whom, by when — agreed with patients.',
      ...keep(effect),
      children: primaries,
    },
    aim: { what: clip(effect.text, LIMITS.aimPart), howMuch: '', forWhom: '', byWhen: '' },
    links: [],
    measures: [],
    pdsaCycles: [],
  };
}
