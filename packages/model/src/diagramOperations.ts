import * as Y from 'yjs';
import type { BoardContext } from './BoardContext';
import { diagramRecord, diagramsMap, linkKey, newRecord, newText } from './boardSchema';
import { AIM_PARTS, PDSA_FIELDS, type AimParts } from './DiagramSnapshot';
import { DIAGRAM_FILE_VERSION, type DiagramData, type NodeData } from './DiagramData';
import { keysBetween } from './fractionalIndex';
import { checkNonEmpty, checkText, LIMITS } from './limits';
import { UnsupportedVersionError, ValidationError } from './ModelError';
import {
  allowedChildKinds,
  DIAGRAM_KINDS,
  linkTargetKind,
  ROOT_KIND,
  type DiagramKind,
} from './NodeKind';
import { parsePerspective, type Perspective } from './Perspective';

/** Input of addDiagram. */
export interface AddDiagramInput {
  readonly kind: DiagramKind;
  /** The effect (fishbone) or aim statement (driver diagram). */
  readonly text: string;
  readonly authorId: string;
  readonly perspective: Perspective;
  readonly aim?: Partial<AimParts>;
}

/** Ids of a newly created diagram and its head node. */
export interface CreatedDiagram {
  readonly diagramId: string;
  readonly rootId: string;
}

/** Creates an empty diagram with its head (effect or aim). */
export function addDiagram(ctx: BoardContext, input: AddDiagramInput): CreatedDiagram {
  return insertDiagram(
    ctx,
    {
      format: 'qi-board.diagram',
      version: DIAGRAM_FILE_VERSION,
      kind: input.kind,
      root: {
        kind: ROOT_KIND[input.kind],
        text: input.text,
        perspective: input.perspective,
        children: [],
      },
      aim: input.aim ?? null,
      links: [],
      measures: [],
      pdsaCycles: [],
    },
    { authorId: input.authorId, perspective: input.perspective },
  );
}

/** Deletes a diagram and everything in it. */
export function deleteDiagram(ctx: BoardContext, diagramId: string): void {
  diagramRecord(ctx.doc, diagramId);
  diagramsMap(ctx.doc).delete(diagramId);
}

/** Defaults applied to imported nodes that carry no author or perspective. */
export interface InsertDefaults {
  readonly authorId: string;
  readonly perspective: Perspective;
}

function validateTree(data: DiagramData, defaults: InsertDefaults): Map<string, NodeData> {
  if (!DIAGRAM_KINDS.includes(data.kind)) throw new ValidationError('kind', `unknown diagram kind`);
  if (data.version > DIAGRAM_FILE_VERSION) {
    throw new UnsupportedVersionError('diagram file', data.version, DIAGRAM_FILE_VERSION);
  }
  checkNonEmpty('authorId', defaults.authorId, LIMITS.authorId);
  parsePerspective(defaults.perspective);
  if (data.root.kind !== ROOT_KIND[data.kind]) {
    throw new ValidationError('root.kind', `a ${data.kind} starts with a ${ROOT_KIND[data.kind]}`);
  }
  const byId = new Map<string, NodeData>();
  const visit = (node: NodeData, path: string): void => {
    checkText(`${path}.text`, node.text, LIMITS.nodeText);
    checkText(`${path}.notes`, node.notes ?? '', LIMITS.notes);
    if (node.perspective !== undefined) parsePerspective(node.perspective, `${path}.perspective`);
    if (node.authorId !== undefined)
      checkNonEmpty(`${path}.authorId`, node.authorId, LIMITS.authorId);
    if (node.id !== undefined) {
      if (byId.has(node.id)) throw new ValidationError(`${path}.id`, `duplicate id ${node.id}`);
      byId.set(node.id, node);
    }
    node.children.forEach((child, i) => {
      if (!allowedChildKinds(node.kind).includes(child.kind)) {
        throw new ValidationError(
          `${path}.children[${i}].kind`,
          `a ${child.kind} cannot go under a ${node.kind}`,
        );
      }
      visit(child, `${path}.children[${i}]`);
    });
  };
  visit(data.root, 'root');
  return byId;
}

/**
 * Writes a whole diagram from plain data (imports, templates, conversions) with fresh ids, after
 * validating all of it first so a bad file changes nothing. References to unknown ids are refused.
 */
export function insertDiagram(
  ctx: BoardContext,
  data: DiagramData,
  defaults: InsertDefaults,
): CreatedDiagram {
  const byId = validateTree(data, defaults);
  const idMap = new Map<string, string>();
  const ref = (field: string, id: string): NodeData => {
    const node = byId.get(id);
    if (!node) throw new ValidationError(field, `refers to unknown node ${id}`);
    return node;
  };
  data.links.forEach((l, i) => {
    const from = ref(`links[${i}].from`, l.from);
    if (linkTargetKind(from.kind) !== ref(`links[${i}].to`, l.to).kind) {
      throw new ValidationError(`links[${i}].to`, 'links join adjacent driver-diagram columns');
    }
  });
  data.measures.forEach((m, i) => {
    checkNonEmpty(`measures[${i}].name`, m.name, LIMITS.measureName);
    checkText(`measures[${i}].definition`, m.definition, LIMITS.measureDefinition);
    if (!['outcome', 'process', 'balancing'].includes(m.type)) {
      throw new ValidationError(`measures[${i}].type`, 'unknown measure type');
    }
    if (m.attachedTo !== null) ref(`measures[${i}].attachedTo`, m.attachedTo);
  });
  data.pdsaCycles.forEach((p, i) => {
    if (ref(`pdsaCycles[${i}].changeIdeaId`, p.changeIdeaId).kind !== 'change') {
      throw new ValidationError(`pdsaCycles[${i}].changeIdeaId`, 'PDSA cycles test a change idea');
    }
    for (const f of PDSA_FIELDS)
      checkText(`pdsaCycles[${i}].${f}`, p.fields[f] ?? '', LIMITS.pdsaField);
  });
  for (const part of AIM_PARTS) checkText(`aim.${part}`, data.aim?.[part] ?? '', LIMITS.aimPart);

  const diagramId = ctx.newId();
  const nodes = new Y.Map<unknown>();
  const now = ctx.now();
  const write = (node: NodeData, parentId: string | null, position: string): string => {
    const id = ctx.newId();
    if (node.id !== undefined) idMap.set(node.id, id);
    const rec = newRecord({
      id,
      kind: node.kind,
      parentId,
      position,
      text: newText(node.text),
      notes: newText(node.notes ?? ''),
      authorId: node.authorId ?? defaults.authorId,
      perspective: node.perspective ?? defaults.perspective,
      createdAt: node.createdAt ?? now,
      strength: node.strength ?? 'strong',
    });
    if (parentId === null && data.kind === 'driver') {
      const aim = new Y.Map<Y.Text>();
      for (const part of AIM_PARTS) aim.set(part, newText(data.aim?.[part] ?? ''));
      rec.set('aim', aim);
    }
    nodes.set(id, rec);
    const keys = keysBetween(null, null, node.children.length);
    node.children.forEach((child, i) => write(child, id, keys[i]!));
    return id;
  };

  let rootId = '';
  ctx.doc.transact(() => {
    rootId = write(data.root, null, 'i');
    const links = new Y.Map<unknown>();
    for (const l of data.links) {
      const from = idMap.get(l.from)!;
      const to = idMap.get(l.to)!;
      links.set(linkKey(from, to), {
        from,
        to,
        strength: l.strength === 'weak' ? 'weak' : 'strong',
      });
    }
    const measures = new Y.Map<unknown>();
    data.measures.forEach((m, i) => {
      const id = ctx.newId();
      measures.set(
        id,
        newRecord({
          id,
          type: m.type,
          name: m.name,
          definition: m.definition,
          attachedTo: m.attachedTo === null ? null : idMap.get(m.attachedTo)!,
          createdAt: now + i,
        }),
      );
    });
    const pdsa = new Y.Map<unknown>();
    data.pdsaCycles.forEach((p, i) => {
      const id = ctx.newId();
      const fields = new Y.Map<Y.Text>();
      for (const f of PDSA_FIELDS) fields.set(f, newText(p.fields[f] ?? ''));
      pdsa.set(
        id,
        newRecord({
          id,
          changeIdeaId: idMap.get(p.changeIdeaId)!,
          cycle: p.cycle,
          authorId: p.authorId ?? defaults.authorId,
          createdAt: now + i,
          decision: p.decision,
          fields,
        }),
      );
    });
    diagramsMap(ctx.doc).set(
      diagramId,
      newRecord({
        id: diagramId,
        kind: data.kind,
        createdAt: now,
        authorId: defaults.authorId,
        rootId,
        nodes,
        links,
        measures,
        pdsa,
      }),
    );
  });
  return { diagramId, rootId };
}
