import { allowedChildKinds, defaultChildKind, type DiagramSnapshot } from '@qi/model';
import type { Board, Perspective } from '@qi/model';
import { kindName, spokenText } from '$lib/outline/describeNode';

/** What the commands need: edits as one undo step of this person, and who they are. */
export interface Editing {
  edit<T>(fn: (board: Board, origin: symbol) => T): T;
  readonly author: { readonly authorId: string; readonly perspective: Perspective };
  /** True while the facilitator has frozen the diagram's structure for this person. */
  isFrozen?(diagramId: string): boolean;
}

/** Said when a structure change is asked for in a frozen diagram. */
export const FROZEN_MESSAGE =
  'The facilitator has frozen this diagram’s structure. You can still change the wording.';

/** Said when undo or redo would change a frozen diagram's structure. */
export const FROZEN_UNDO_MESSAGE =
  'That change cannot be undone or redone: the facilitator has frozen that diagram’s structure.';

/** Said when a change is asked for while this person may not change the board (locked, observer). */
export const READ_ONLY_MESSAGE =
  'You can move around and read, but you cannot change the board just now.';

/** Said when undo or redo would put back a node of a perspective this person does not speak for. */
export const PERSPECTIVE_UNDO_MESSAGE =
  'That change cannot be undone or redone: it would put back someone else’s contribution under their perspective. The facilitator can add it again.';

/** The refusal for a structure change to a frozen diagram, or null when it may go ahead. */
export function frozenRefusal(
  target: Editing,
  diagramId: string,
): { ok: false; message: string } | null {
  return target.isFrozen?.(diagramId) ? { ok: false, message: FROZEN_MESSAGE } : null;
}

/** A command's result: the node to go on with, or why nothing changed (to say to the person). */
export type CommandResult =
  { ok: true; nodeId: string; message?: string } | { ok: false; message: string };

/**
 * Tree commands shared by the canvas and the outline, so both do the same thing for the same key:
 * each checks the kind rules first and says in plain words when something cannot be done.
 */
export const nodeCommands = {
  /** An empty sibling after the node (on the head: a child). */
  addSibling(target: Editing, diagram: DiagramSnapshot, nodeId: string): CommandResult {
    const frozen = frozenRefusal(target, diagram.id);
    if (frozen) return frozen;
    const node = diagram.nodes.find((n) => n.id === nodeId);
    if (!node) return { ok: false, message: 'That item is gone.' };
    if (!node.parentId) return nodeCommands.addChild(target, diagram, nodeId);
    const id = target.edit((board, origin) =>
      board.addNode(
        {
          diagramId: diagram.id,
          parentId: node.parentId!,
          kind: node.kind,
          text: '',
          after: node.id,
          ...target.author,
        },
        origin,
      ),
    );
    return { ok: true, nodeId: id };
  },

  /** An empty child at the end of the node's children. */
  addChild(target: Editing, diagram: DiagramSnapshot, nodeId: string): CommandResult {
    const frozen = frozenRefusal(target, diagram.id);
    if (frozen) return frozen;
    const node = diagram.nodes.find((n) => n.id === nodeId);
    if (!node) return { ok: false, message: 'That item is gone.' };
    const kind = defaultChildKind(node.kind);
    if (!kind) return { ok: false, message: `A ${kindName(node)} cannot have anything under it.` };
    const id = target.edit((board, origin) =>
      board.addNode(
        { diagramId: diagram.id, parentId: node.id, kind, text: '', ...target.author },
        origin,
      ),
    );
    return { ok: true, nodeId: id };
  },

  /** Moves the node up a level, just after its parent, when its kind may sit there. */
  outdent(target: Editing, diagram: DiagramSnapshot, nodeId: string): CommandResult {
    const frozen = frozenRefusal(target, diagram.id);
    if (frozen) return frozen;
    const node = diagram.nodes.find((n) => n.id === nodeId);
    const parent = diagram.nodes.find((n) => n.id === node?.parentId);
    const grandparent = diagram.nodes.find((n) => n.id === parent?.parentId);
    if (!node || !parent) return { ok: false, message: 'The head cannot move.' };
    if (!grandparent || !allowedChildKinds(grandparent.kind).includes(node.kind)) {
      return {
        ok: false,
        message: `This ${kindName(node)} cannot move up a level: it belongs under a ${kindName(parent)}.`,
      };
    }
    target.edit((board, origin) =>
      board.moveNode(
        { diagramId: diagram.id, nodeId, parentId: grandparent.id, after: parent.id },
        origin,
      ),
    );
    return {
      ok: true,
      nodeId,
      message: `Moved up a level, under ${spokenText(grandparent.text)}.`,
    };
  },

  /** Removes the node and everything under it; the head stays (delete the diagram instead). */
  remove(target: Editing, diagram: DiagramSnapshot, nodeId: string): CommandResult {
    const frozen = frozenRefusal(target, diagram.id);
    if (frozen) return frozen;
    const node = diagram.nodes.find((n) => n.id === nodeId);
    if (!node) return { ok: false, message: 'That item is gone.' };
    if (!node.parentId) {
      return {
        ok: false,
        message: `The ${kindName(node)} cannot be removed on its own. Use “Delete diagram” to remove the whole diagram.`,
      };
    }
    target.edit((board, origin) => board.deleteNode(diagram.id, nodeId, origin));
    return {
      ok: true,
      nodeId: node.parentId,
      message: `Removed ${kindName(node)} ${spokenText(node.text)}. Press Control Z to undo.`,
    };
  },

  /** Saves new text for a node (only when it changed). */
  setText(target: Editing, diagram: DiagramSnapshot, nodeId: string, text: string): void {
    const node = diagram.nodes.find((n) => n.id === nodeId);
    const clean = text.replace(/\s+$/, '');
    if (node && node.text !== clean)
      target.edit((board, origin) => board.setText(diagram.id, nodeId, clean, origin));
  },
};
