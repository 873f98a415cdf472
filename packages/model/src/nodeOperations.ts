import * as Y from 'yjs';
import type { BoardContext, Placement } from './BoardContext';
import {
  childMap,
  diagramRecord,
  newRecord,
  newText,
  readChildMap,
  type YRecord,
} from './boardSchema';
import type { DiagramSnapshot, NodeSnapshot } from './DiagramSnapshot';
import { deriveDiagram } from './deriveDiagram';
import { positionBetween } from './fractionalIndex';
import { checkNonEmpty, checkText, LIMITS } from './limits';
import { NotFoundError, ValidationError } from './ModelError';
import { allowedChildKinds, defaultChildKind, type LinkStrength, type NodeKind } from './NodeKind';
import { parsePerspective, type Perspective } from './Perspective';
import { replaceText } from './replaceText';

/** Input of addNode. */
export interface AddNodeInput extends Placement {
  readonly diagramId: string;
  readonly parentId: string;
  /** Defaults to the one kind allowed under the parent. */
  readonly kind?: NodeKind;
  readonly text: string;
  readonly authorId: string;
  readonly perspective: Perspective;
  readonly notes?: string;
  /** Strength of the edge to the parent (driver diagrams); defaults to strong. */
  readonly strength?: LinkStrength;
  /** Use a given id (imports, templates); a fresh one is generated otherwise. */
  readonly id?: string;
}

/** Input of moveNode: re-parent and/or re-order. */
export interface MoveNodeInput extends Placement {
  readonly diagramId: string;
  readonly nodeId: string;
  readonly parentId: string;
}

/** A fine-grained text edit, as produced by an input event: at `index`, delete `deleteCount` then insert. */
export interface TextEdit {
  readonly index: number;
  readonly deleteCount: number;
  readonly insert: string;
}

/** Derives the diagram or throws NotFoundError. */
export function liveDiagram(ctx: BoardContext, diagramId: string): DiagramSnapshot {
  const snapshot = deriveDiagram(diagramRecord(ctx.doc, diagramId));
  if (!snapshot) throw new NotFoundError('diagram', diagramId);
  return snapshot;
}

/** Finds a live node in a snapshot or throws NotFoundError naming it. */
export function liveNode(snapshot: DiagramSnapshot, nodeId: string): NodeSnapshot {
  const node = snapshot.nodes.find((n) => n.id === nodeId);
  if (!node) throw new NotFoundError('node', nodeId);
  return node;
}

/** The stored record of a node (live or not) or NotFoundError. */
export function nodeRecord(ctx: BoardContext, diagramId: string, nodeId: string): YRecord {
  const rec = readChildMap(diagramRecord(ctx.doc, diagramId), 'nodes')?.get(nodeId);
  if (!(rec instanceof Y.Map)) throw new NotFoundError('node', nodeId);
  return rec as YRecord;
}

function positionIn(parent: NodeSnapshot, placement: Placement, id: string): string {
  const siblings = parent.children.filter((c) => c.id !== id);
  let index = siblings.length;
  if (placement.after === null) index = 0;
  else if (placement.after !== undefined) {
    const i = siblings.findIndex((c) => c.id === placement.after);
    if (i >= 0) index = i + 1;
  }
  let before = siblings[index - 1]?.position ?? null;
  let after = siblings[index]?.position ?? null;
  // Siblings sharing a key (concurrent inserts), or a key missing while an update is pending, leave
  // no room: fall back to the end of the list, which is always valid.
  if (after !== null && (before ?? '') >= after) {
    before = siblings.reduce<string | null>(
      (max, s) => (max === null || s.position > max ? s.position : max),
      null,
    );
    after = null;
  }
  return positionBetween(before, after, id);
}

/** A new node's validated fields, written by `writeNode`. */
type NewNode = Record<string, unknown> & { id: string };

/** Validates a new node under `parent` (kind for the level, text, perspective); writes nothing. */
function checkNewNode(ctx: BoardContext, parent: NodeSnapshot, input: AddNodeInput): NewNode {
  const kind = input.kind ?? defaultChildKind(parent.kind);
  if (!kind || !allowedChildKinds(parent.kind).includes(kind)) {
    throw new ValidationError('kind', `a ${String(kind)} cannot go under a ${parent.kind}`);
  }
  const text = checkText('text', input.text, LIMITS.nodeText);
  const notes = checkText('notes', input.notes ?? '', LIMITS.notes);
  const authorId = checkNonEmpty('authorId', input.authorId, LIMITS.authorId);
  const perspective = parsePerspective(input.perspective);
  const strength = input.strength ?? 'strong';
  if (strength !== 'strong' && strength !== 'weak') {
    throw new ValidationError('strength', "must be 'strong' or 'weak'");
  }
  const id = input.id ?? ctx.newId();
  const nodes = readChildMap(diagramRecord(ctx.doc, input.diagramId), 'nodes');
  if (nodes?.has(id)) throw new ValidationError('id', `node ${id} already exists`);
  return { id, kind, parentId: parent.id, text, notes, authorId, perspective, strength };
}

function writeNode(ctx: BoardContext, diagramId: string, node: NewNode, position: string): void {
  const { text, notes, ...fields } = node;
  childMap(diagramRecord(ctx.doc, diagramId), 'nodes').set(
    node.id,
    newRecord({
      ...fields,
      position,
      text: newText(text as string),
      notes: newText(notes as string),
      createdAt: ctx.now(),
    }),
  );
}

/** Adds a node under a live parent; returns its id. Validates text, kind for the level and perspective. */
export function addNode(ctx: BoardContext, input: AddNodeInput): string {
  const snapshot = liveDiagram(ctx, input.diagramId);
  const parent = liveNode(snapshot, input.parentId);
  const node = checkNewNode(ctx, parent, input);
  writeNode(ctx, input.diagramId, node, positionIn(parent, input, node.id));
  return node.id;
}

/**
 * Adds many nodes to one diagram, each after its parent's last child, in input order; returns
 * their ids. Every input is validated before anything is written (a refusal writes nothing), and
 * the diagram is derived once, so a whole brainstorming round is revealed in linear time.
 */
export function addNodes(
  ctx: BoardContext,
  diagramId: string,
  inputs: readonly Omit<AddNodeInput, 'diagramId' | 'after'>[],
): string[] {
  const snapshot = liveDiagram(ctx, diagramId);
  const byId = new Map(snapshot.nodes.map((n) => [n.id, n]));
  const ids = new Set<string>();
  const checked = inputs.map((input) => {
    const parent = byId.get(input.parentId);
    if (!parent) throw new NotFoundError('node', input.parentId);
    const node = checkNewNode(ctx, parent, { ...input, diagramId });
    if (ids.has(node.id)) throw new ValidationError('id', `node ${node.id} is given twice`);
    ids.add(node.id);
    return { node, parent };
  });
  const last = new Map<string, string | null>();
  for (const { node, parent } of checked) {
    const before = last.has(parent.id)
      ? last.get(parent.id)!
      : (parent.children.at(-1)?.position ?? null);
    const position = positionBetween(before, null, node.id);
    last.set(parent.id, position);
    writeNode(ctx, diagramId, node, position);
  }
  return checked.map(({ node }) => node.id);
}

/** Replaces a node's text, changing only the edited span so concurrent typing elsewhere is kept. */
export function setText(ctx: BoardContext, diagramId: string, nodeId: string, text: string): void {
  checkText('text', text, LIMITS.nodeText);
  liveNode(liveDiagram(ctx, diagramId), nodeId);
  replaceText(nodeRecord(ctx, diagramId, nodeId).get('text') as Y.Text, text);
}

/** Applies one fine-grained edit to a node's text (for binding an input field keystroke by keystroke). */
export function editText(
  ctx: BoardContext,
  diagramId: string,
  nodeId: string,
  edit: TextEdit,
): void {
  liveNode(liveDiagram(ctx, diagramId), nodeId);
  const ytext = nodeRecord(ctx, diagramId, nodeId).get('text') as Y.Text;
  const len = ytext.length;
  if (!Number.isInteger(edit.index) || edit.index < 0 || edit.index > len) {
    throw new ValidationError('index', `must be an integer from 0 to ${len}`);
  }
  if (
    !Number.isInteger(edit.deleteCount) ||
    edit.deleteCount < 0 ||
    edit.index + edit.deleteCount > len
  ) {
    throw new ValidationError('deleteCount', 'reaches past the end of the text');
  }
  checkText('insert', edit.insert, LIMITS.nodeText);
  if (len - edit.deleteCount + edit.insert.length > LIMITS.nodeText) {
    throw new ValidationError('text', `would exceed ${LIMITS.nodeText} characters`);
  }
  if (edit.deleteCount > 0) ytext.delete(edit.index, edit.deleteCount);
  if (edit.insert) ytext.insert(edit.index, edit.insert);
}

/** Replaces a node's notes ('' clears them). */
export function setNotes(
  ctx: BoardContext,
  diagramId: string,
  nodeId: string,
  notes: string,
): void {
  checkText('notes', notes, LIMITS.notes);
  liveNode(liveDiagram(ctx, diagramId), nodeId);
  const rec = nodeRecord(ctx, diagramId, nodeId);
  let ytext = rec.get('notes');
  if (!(ytext instanceof Y.Text)) {
    ytext = new Y.Text();
    rec.set('notes', ytext);
  }
  replaceText(ytext as Y.Text, notes);
}

/** Sets whose perspective a node records. */
export function setPerspective(
  ctx: BoardContext,
  diagramId: string,
  nodeId: string,
  perspective: Perspective,
): void {
  const value = parsePerspective(perspective);
  liveNode(liveDiagram(ctx, diagramId), nodeId);
  nodeRecord(ctx, diagramId, nodeId).set('perspective', value);
}

/** Sets the strength of the edge from a node to its parent (driver diagrams: solid or dotted). */
export function setStrength(
  ctx: BoardContext,
  diagramId: string,
  nodeId: string,
  strength: LinkStrength,
): void {
  if (strength !== 'strong' && strength !== 'weak') {
    throw new ValidationError('strength', "must be 'strong' or 'weak'");
  }
  liveNode(liveDiagram(ctx, diagramId), nodeId);
  nodeRecord(ctx, diagramId, nodeId).set('strength', strength);
}

/** Moves a node (with its subtree) under a new parent and/or to a new place among its siblings. */
export function moveNode(ctx: BoardContext, input: MoveNodeInput): void {
  const snapshot = liveDiagram(ctx, input.diagramId);
  const node = liveNode(snapshot, input.nodeId);
  if (node.parentId === null) throw new ValidationError('nodeId', 'the head cannot be moved');
  const parent = liveNode(snapshot, input.parentId);
  if (!allowedChildKinds(parent.kind).includes(node.kind)) {
    throw new ValidationError('parentId', `a ${node.kind} cannot go under a ${parent.kind}`);
  }
  for (let p: NodeSnapshot | undefined = parent; p;) {
    if (p.id === node.id) throw new ValidationError('parentId', 'cannot move a node under itself');
    const up: string | null = p.parentId;
    p = up === null ? undefined : snapshot.nodes.find((n) => n.id === up);
  }
  const rec = nodeRecord(ctx, input.diagramId, node.id);
  if (rec.get('parentId') !== parent.id) rec.set('parentId', parent.id);
  rec.set('position', positionIn(parent, input, node.id));
}

/**
 * Deletes a node and its whole stored subtree (including hidden descendants), plus the links,
 * measures and PDSA cycles that refer to them. The head cannot be deleted (delete the diagram instead).
 */
export function deleteSubtree(ctx: BoardContext, diagramId: string, nodeId: string): void {
  const diagram = diagramRecord(ctx.doc, diagramId);
  if (diagram.get('rootId') === nodeId)
    throw new ValidationError('nodeId', 'the head cannot be deleted');
  const nodes = childMap(diagram, 'nodes');
  if (!nodes.has(nodeId)) throw new NotFoundError('node', nodeId);
  const children = new Map<string, string[]>();
  nodes.forEach((rec, id) => {
    const parentId = rec instanceof Y.Map ? rec.get('parentId') : undefined;
    if (typeof parentId !== 'string') return;
    children.set(parentId, [...(children.get(parentId) ?? []), id]);
  });
  const doomed = new Set<string>();
  const stack = [nodeId];
  while (stack.length) {
    const id = stack.pop()!;
    if (doomed.has(id)) continue;
    doomed.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  for (const id of doomed) nodes.delete(id);
  const links = childMap(diagram, 'links');
  for (const [key, value] of [...links.entries()]) {
    const v = value as { from?: string; to?: string } | undefined;
    if (doomed.has(v?.from ?? '') || doomed.has(v?.to ?? '')) links.delete(key);
  }
  removeReferencing(childMap(diagram, 'measures'), 'attachedTo', doomed);
  removeReferencing(childMap(diagram, 'pdsa'), 'changeIdeaId', doomed);
}

function removeReferencing(map: Y.Map<unknown>, field: string, doomed: Set<string>): void {
  for (const [id, rec] of [...map.entries()]) {
    if (rec instanceof Y.Map && doomed.has(String(rec.get(field)))) map.delete(id);
  }
}
