import type { DiagramSnapshot, NodeSnapshot } from '@qi/model';
import { kindName, spokenText } from './describeNode';

/**
 * Short sentences saying what someone else changed between two versions of the board's diagrams,
 * for a polite live region: additions, removals, moves and text changes, at most `limit` of them.
 */
export function describeChanges(
  before: ReadonlyMap<string, DiagramSnapshot>,
  after: ReadonlyMap<string, DiagramSnapshot>,
  diagramIds: Iterable<string>,
  limit = 3,
): string[] {
  const messages: string[] = [];
  for (const id of diagramIds) {
    const old = before.get(id);
    const now = after.get(id);
    if (!old && now) {
      messages.push(
        `Someone added a ${now.kind === 'fishbone' ? 'fishbone' : 'driver diagram'}: ${spokenText(now.root.text)}.`,
      );
      continue;
    }
    if (old && !now) {
      messages.push(`Someone removed the diagram ${spokenText(old.root.text)}.`);
      continue;
    }
    if (!old || !now) continue;
    const oldNodes = new Map(old.nodes.map((n) => [n.id, n]));
    const newNodes = new Map(now.nodes.map((n) => [n.id, n]));
    for (const node of now.nodes) {
      const was = oldNodes.get(node.id);
      if (!was) {
        messages.push(`Added ${kindName(node)} ${spokenText(node.text)}${under(node, newNodes)}.`);
      } else if (was.parentId !== node.parentId) {
        messages.push(`Moved ${kindName(node)} ${spokenText(node.text)}${under(node, newNodes)}.`);
      } else if (was.text !== node.text) {
        messages.push(`Changed ${kindName(node)} to ${spokenText(node.text)}.`);
      }
    }
    for (const node of old.nodes) {
      if (!newNodes.has(node.id))
        messages.push(`Removed ${kindName(node)} ${spokenText(node.text)}.`);
    }
  }
  if (messages.length > limit) {
    const rest = messages.length - limit + 1;
    return [...messages.slice(0, limit - 1), `and ${rest} more changes.`];
  }
  return messages;
}

function under(node: NodeSnapshot, nodes: ReadonlyMap<string, NodeSnapshot>): string {
  const parent = node.parentId ? nodes.get(node.parentId) : undefined;
  return parent ? ` under ${spokenText(parent.text)}` : '';
}
