import { NODE_KIND_LABELS, type NodeSnapshot } from '@qi/model';

/** The kind of a node in lower case, as it is read out ("cause", "primary driver"). */
export function kindName(node: Pick<NodeSnapshot, 'kind'>): string {
  return NODE_KIND_LABELS[node.kind].toLowerCase();
}

/** A node's text as it is read out: quoted, or "empty" for a node nobody has written in yet. */
export function spokenText(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `‘${trimmed}’` : 'empty';
}

/**
 * The accessible name of a node in the outline: kind and text ("cause, ‘night staffing’").
 * Level and position come from aria-level, aria-posinset and aria-setsize.
 */
export function nodeName(node: Pick<NodeSnapshot, 'kind' | 'text'>): string {
  return `${kindName(node)}, ${spokenText(node.text)}`;
}

/** The full announcement of a node: "cause, ‘night staffing’, level 2, 3 of 5". */
export function nodeAnnouncement(
  node: Pick<NodeSnapshot, 'kind' | 'text'>,
  level: number,
  position: number,
  setSize: number,
): string {
  return `${nodeName(node)}, level ${level}, ${position} of ${setSize}`;
}
