import * as Y from 'yjs';
import type { BoardContext } from './BoardContext';
import { childMap, diagramRecord, linkKey, newRecord, type YRecord } from './boardSchema';
import type { AimParts, MeasureType } from './DiagramSnapshot';
import { AIM_PARTS } from './DiagramSnapshot';
import { checkNonEmpty, checkText, LIMITS } from './limits';
import { NotFoundError, ValidationError } from './ModelError';
import { linkTargetKind, type LinkStrength } from './NodeKind';
import { liveDiagram, liveNode, nodeRecord } from './nodeOperations';
import { replaceText } from './replaceText';

/** Input of link: an extra relationship between adjacent driver-diagram columns. */
export interface LinkInput {
  readonly diagramId: string;
  /** A secondary driver or a change idea. */
  readonly from: string;
  /** A primary driver (from a secondary) or a secondary driver (from a change idea). */
  readonly to: string;
  readonly strength?: LinkStrength;
}

/** Input of setMeasure: creates a measure, or updates it when `id` names an existing one. */
export interface MeasureInput {
  readonly diagramId: string;
  readonly id?: string;
  readonly type: MeasureType;
  readonly name: string;
  readonly definition: string;
  /** Outcome: the aim (the default); process: a driver or change idea; balancing: null (the diagram). */
  readonly attachedTo?: string | null;
}

/** Adds (or re-weights) a cross-link. Linking along an existing tree edge only sets that edge's strength. */
export function link(ctx: BoardContext, input: LinkInput): void {
  const snapshot = liveDiagram(ctx, input.diagramId);
  if (snapshot.kind !== 'driver')
    throw new ValidationError('diagramId', 'links are for driver diagrams');
  const from = liveNode(snapshot, input.from);
  const to = liveNode(snapshot, input.to);
  const strength = input.strength ?? 'strong';
  if (strength !== 'strong' && strength !== 'weak') {
    throw new ValidationError('strength', "must be 'strong' or 'weak'");
  }
  if (linkTargetKind(from.kind) !== to.kind) {
    throw new ValidationError('to', `a ${from.kind} cannot link to a ${to.kind}`);
  }
  if (from.parentId === to.id) {
    nodeRecord(ctx, input.diagramId, from.id).set('strength', strength);
    return;
  }
  childMap(diagramRecord(ctx.doc, input.diagramId), 'links').set(linkKey(from.id, to.id), {
    from: from.id,
    to: to.id,
    strength,
  });
}

/** Removes a cross-link (a tree edge is removed by moving or deleting the node instead). */
export function unlink(ctx: BoardContext, diagramId: string, from: string, to: string): void {
  const links = childMap(diagramRecord(ctx.doc, diagramId), 'links');
  const key = linkKey(from, to);
  if (!links.has(key)) throw new NotFoundError('link', key);
  links.delete(key);
}

/** Creates or updates a measure; returns its id. Validates the type against what it is attached to. */
export function setMeasure(ctx: BoardContext, input: MeasureInput): string {
  const snapshot = liveDiagram(ctx, input.diagramId);
  const name = checkNonEmpty('name', input.name, LIMITS.measureName);
  const definition = checkText('definition', input.definition, LIMITS.measureDefinition);
  let attachedTo: string | null;
  if (input.type === 'outcome') {
    attachedTo = input.attachedTo ?? snapshot.root.id;
    if (attachedTo !== snapshot.root.id) {
      throw new ValidationError('attachedTo', 'an outcome measure belongs to the aim or effect');
    }
  } else if (input.type === 'process') {
    attachedTo = input.attachedTo ?? null;
    const node = attachedTo === null ? undefined : liveNode(snapshot, attachedTo);
    if (!node || node.parentId === null) {
      throw new ValidationError(
        'attachedTo',
        'a process measure belongs to a driver or change idea',
      );
    }
  } else if (input.type === 'balancing') {
    attachedTo = null;
    if (input.attachedTo)
      throw new ValidationError('attachedTo', 'a balancing measure belongs to the diagram');
  } else {
    throw new ValidationError('type', "must be 'outcome', 'process' or 'balancing'");
  }
  const measures = childMap(diagramRecord(ctx.doc, input.diagramId), 'measures');
  const existing = input.id === undefined ? undefined : measures.get(input.id);
  if (existing instanceof Y.Map) {
    const rec = existing as YRecord;
    rec.set('type', input.type);
    rec.set('name', name);
    rec.set('definition', definition);
    rec.set('attachedTo', attachedTo);
    return input.id!;
  }
  const id = input.id ?? ctx.newId();
  measures.set(
    id,
    newRecord({ id, type: input.type, name, definition, attachedTo, createdAt: ctx.now() }),
  );
  return id;
}

/** Deletes a measure. */
export function deleteMeasure(ctx: BoardContext, diagramId: string, measureId: string): void {
  const measures = childMap(diagramRecord(ctx.doc, diagramId), 'measures');
  if (!measures.has(measureId)) throw new NotFoundError('measure', measureId);
  measures.delete(measureId);
}

/** Replaces one part of a driver diagram's aim (what, how much, for whom, by when). */
export function setAimPart(
  ctx: BoardContext,
  diagramId: string,
  part: keyof AimParts,
  text: string,
): void {
  if (!AIM_PARTS.includes(part))
    throw new ValidationError('part', `unknown aim part ${String(part)}`);
  checkText(part, text, LIMITS.aimPart);
  const snapshot = liveDiagram(ctx, diagramId);
  if (snapshot.kind !== 'driver')
    throw new ValidationError('diagramId', 'only driver diagrams have an aim');
  const aim = childMap(nodeRecord(ctx, diagramId, snapshot.root.id), 'aim');
  let ytext = aim.get(part);
  if (!(ytext instanceof Y.Text)) {
    ytext = new Y.Text();
    aim.set(part, ytext);
  }
  replaceText(ytext as Y.Text, text);
}
