import type { DiagramSnapshot, NodeSnapshot } from '@qi/model';

/**
 * The diagram as this person sees it with some branches folded away: collapsed nodes keep their
 * box but lose their children (and measures or links that refer to hidden nodes).
 */
export function collapseSnapshot(
  snapshot: DiagramSnapshot,
  collapsed: ReadonlySet<string>,
): DiagramSnapshot {
  if (collapsed.size === 0) return snapshot;
  const nodes: NodeSnapshot[] = [];
  const prune = (node: NodeSnapshot): NodeSnapshot => {
    const copy: NodeSnapshot = {
      ...node,
      children: collapsed.has(node.id) ? [] : node.children.map(prune),
    };
    return copy;
  };
  const root = prune(snapshot.root);
  const walk = (node: NodeSnapshot) => {
    nodes.push(node);
    node.children.forEach(walk);
  };
  walk(root);
  const live = new Set(nodes.map((n) => n.id));
  return {
    ...snapshot,
    root,
    nodes,
    links: snapshot.links.filter((l) => live.has(l.from) && live.has(l.to)),
    measures: snapshot.measures.filter((m) => m.attachedTo === null || live.has(m.attachedTo)),
  };
}
