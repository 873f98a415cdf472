import type { DiagramSnapshot, NodeSnapshot } from './DiagramSnapshot';

/** The live node with this id in a snapshot, or undefined (deleted, hidden or never existed). */
export function findNode(diagram: DiagramSnapshot, nodeId: string): NodeSnapshot | undefined {
  return diagram.nodes.find((n) => n.id === nodeId);
}

/** The chain from the head down to a live node (inclusive), for breadcrumbs and outline focus. */
export function pathTo(diagram: DiagramSnapshot, nodeId: string): NodeSnapshot[] {
  const path: NodeSnapshot[] = [];
  for (
    let n = findNode(diagram, nodeId);
    n;
    n = n.parentId === null ? undefined : findNode(diagram, n.parentId)
  ) {
    path.unshift(n);
  }
  return path;
}
