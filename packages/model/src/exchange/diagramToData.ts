import type { DiagramData, NodeData } from '../DiagramData';
import { DIAGRAM_FILE_FORMAT, DIAGRAM_FILE_VERSION } from '../DiagramData';
import type { DiagramSnapshot, NodeSnapshot, PdsaField } from '../DiagramSnapshot';

function nodeToData(n: NodeSnapshot): NodeData {
  return {
    id: n.id,
    kind: n.kind,
    text: n.text,
    ...(n.notes ? { notes: n.notes } : {}),
    authorId: n.authorId,
    perspective: n.perspective,
    createdAt: n.createdAt,
    strength: n.strength,
    children: n.children.map(nodeToData),
  };
}

/** Converts a snapshot to portable diagram data (the versioned JSON export), keeping ids for references. */
export function diagramToData(diagram: DiagramSnapshot): DiagramData {
  return {
    format: DIAGRAM_FILE_FORMAT,
    version: DIAGRAM_FILE_VERSION,
    kind: diagram.kind,
    root: nodeToData(diagram.root),
    aim: diagram.aim ? { ...diagram.aim } : null,
    links: diagram.links.map((l) => ({ ...l })),
    measures: diagram.measures.map((m) => ({
      type: m.type,
      name: m.name,
      definition: m.definition,
      attachedTo: m.attachedTo,
    })),
    pdsaCycles: diagram.pdsaCycles.map((p) => ({
      changeIdeaId: p.changeIdeaId,
      cycle: p.cycle,
      decision: p.decision,
      authorId: p.authorId,
      fields: Object.fromEntries(Object.entries(p.fields).filter(([, v]) => v !== '')) as Partial<
        Record<PdsaField, string>
      >,
    })),
  };
}

/** The versioned JSON export of a diagram, pretty-printed. */
export function diagramToJson(diagram: DiagramSnapshot): string {
  return JSON.stringify(diagramToData(diagram), null, 2);
}
