import { allowedChildKinds, type DiagramSnapshot, type NodeSnapshot } from '@qi/model';
import type { RoundInfo } from '@qi/protocol';

/**
 * Where ideas of a round may go: its scope node and the nodes under it that take children (any
 * such node of the diagram when the round is not scoped), in outline order. The diagram's head
 * is offered only when nothing else is (an idea under it becomes a new category or driver).
 */
export function ideaParents(
  round: Pick<RoundInfo, 'parentNodeId'>,
  diagram: DiagramSnapshot | undefined,
): NodeSnapshot[] {
  if (!diagram) return [];
  const scope = round.parentNodeId
    ? diagram.nodes.find((node) => node.id === round.parentNodeId)
    : diagram.root;
  if (!scope) return [];
  const inScope = [scope, ...below(scope)].filter(
    (node) => allowedChildKinds(node.kind).length > 0,
  );
  if (round.parentNodeId) return inScope;
  const notHead = inScope.filter((node) => node.parentId !== null);
  return notHead.length > 0 ? notHead : inScope;
}

function below(node: NodeSnapshot): NodeSnapshot[] {
  return node.children.flatMap((child) => [child, ...below(child)]);
}
