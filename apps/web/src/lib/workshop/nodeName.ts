import type { DiagramSnapshot, NodeSnapshot } from '@qi/model';

/** What a node is called in the workshop panels: its text, or "(empty)". */
export function itemName(node: NodeSnapshot | undefined): string {
  if (!node) return '(removed item)';
  return node.text.trim() || '(empty)';
}

/** A diagram's name: its head's text, or "Untitled". */
export function diagramName(diagram: DiagramSnapshot | undefined): string {
  return diagram?.root.text.trim() || 'Untitled';
}
