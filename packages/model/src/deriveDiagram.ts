import * as Y from 'yjs';
import { readChildMap, readText, type YRecord } from './boardSchema';
import type {
  AimParts,
  DiagramSnapshot,
  LinkSnapshot,
  MeasureSnapshot,
  MeasureType,
  NodeSnapshot,
  PdsaDecision,
  PdsaField,
  PdsaSnapshot,
} from './DiagramSnapshot';
import { AIM_PARTS, PDSA_FIELDS } from './DiagramSnapshot';
import {
  allowedChildKinds,
  linkTargetKind,
  NODE_KINDS,
  ROOT_KIND,
  type DiagramKind,
  type LinkStrength,
  type NodeKind,
} from './NodeKind';
import type { Perspective } from './Perspective';

interface RawNode {
  id: string;
  kind: NodeKind;
  parentId: string | null;
  position: string;
  record: YRecord;
}

const MEASURE_ORDER: Record<MeasureType, number> = { outcome: 0, process: 1, balancing: 2 };

function bySiblingOrder(a: RawNode, b: RawNode): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function readRawNodes(nodes: Y.Map<unknown>): Map<string, RawNode> {
  const raw = new Map<string, RawNode>();
  nodes.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    const kind = value.get('kind');
    const parentId = value.get('parentId');
    const position = value.get('position');
    if (!NODE_KINDS.includes(kind as NodeKind)) return;
    raw.set(id, {
      id,
      kind: kind as NodeKind,
      parentId: typeof parentId === 'string' ? parentId : null,
      // A key can be briefly missing while Yjs holds an out-of-order update as pending; sort it first.
      position: typeof position === 'string' ? position : '',
      record: value as YRecord,
    });
  });
  return raw;
}

/**
 * Works out each node's effective parent under the tree rules (CONTEXT.md):
 * - a node whose parent chain reaches a missing node (deleted concurrently) is deleted with it;
 * - a cycle (from concurrent moves) is broken at its member with the smallest id, which is re-attached
 *   under the first head child (in sibling order) whose kind accepts it; if there is none, the cycle is deleted.
 * Returns the effective parent of every structurally live node (root maps to null).
 */
function resolveParents(raw: Map<string, RawNode>, rootId: string): Map<string, string | null> {
  const live = new Map<string, string | null>([[rootId, null]]);
  const dead = new Set<string>();
  const override = new Map<string, string>();
  const parentOf = (id: string): string | null => override.get(id) ?? raw.get(id)?.parentId ?? null;
  const fallbackFor = (kind: NodeKind): string | undefined => {
    const candidates = [...raw.values()]
      .filter((n) => n.parentId === rootId && allowedChildKinds(n.kind).includes(kind))
      .sort(bySiblingOrder);
    return candidates[0]?.id;
  };

  for (const start of [...raw.keys()].sort()) {
    let path: string[] = [];
    let onPath = new Set<string>();
    let cur: string | null = start;
    for (;;) {
      if (cur !== null && live.has(cur)) {
        for (const p of path) live.set(p, parentOf(p));
        break;
      }
      if (cur === null || dead.has(cur) || !raw.has(cur)) {
        for (const p of path) dead.add(p);
        break;
      }
      if (onPath.has(cur)) {
        const members = path.slice(path.indexOf(cur));
        const breaker = members.reduce((a, b) => (b < a ? b : a));
        const fallback = fallbackFor(raw.get(breaker)!.kind);
        if (fallback === undefined || members.includes(fallback)) {
          for (const p of path) dead.add(p);
          break;
        }
        override.set(breaker, fallback);
        path = [];
        onPath = new Set();
        cur = start;
        continue;
      }
      path.push(cur);
      onPath.add(cur);
      cur = parentOf(cur);
    }
  }
  return live;
}

function strengthOf(value: unknown): LinkStrength {
  return value === 'weak' ? 'weak' : 'strong';
}

/**
 * Derives the plain, frozen snapshot of a diagram record: the deterministic tree (see resolveParents),
 * pruned of nodes whose kind is not allowed under their parent, with links, measures and PDSA cycles
 * filtered to live nodes. Returns undefined for a malformed diagram (no head).
 */
export function deriveDiagram(diagram: YRecord): DiagramSnapshot | undefined {
  const kind = diagram.get('kind') as DiagramKind;
  const rootId = diagram.get('rootId');
  const nodesMap = readChildMap(diagram, 'nodes');
  if (typeof rootId !== 'string' || !nodesMap) return undefined;
  const raw = readRawNodes(nodesMap);
  const rootRaw = raw.get(rootId);
  if (!rootRaw || rootRaw.kind !== ROOT_KIND[kind]) return undefined;

  const parents = resolveParents(raw, rootId);
  const childrenOf = new Map<string, RawNode[]>();
  for (const [id, parentId] of parents) {
    if (parentId === null) continue;
    const list = childrenOf.get(parentId) ?? [];
    list.push(raw.get(id)!);
    childrenOf.set(parentId, list);
  }

  const ordered: NodeSnapshot[] = [];
  const byId = new Map<string, NodeSnapshot>();
  const build = (node: RawNode, parentId: string | null, depth: number): NodeSnapshot => {
    const r = node.record;
    const children: NodeSnapshot[] = [];
    const snapshot: NodeSnapshot = {
      id: node.id,
      kind: node.kind,
      text: readText(r, 'text'),
      notes: readText(r, 'notes'),
      authorId: String(r.get('authorId') ?? ''),
      perspective: (r.get('perspective') ?? 'staff:') as Perspective,
      createdAt: Number(r.get('createdAt') ?? 0),
      position: node.position,
      parentId,
      strength: strengthOf(r.get('strength')),
      depth,
      children,
    };
    ordered.push(snapshot);
    byId.set(node.id, snapshot);
    const allowed = allowedChildKinds(node.kind);
    for (const child of (childrenOf.get(node.id) ?? []).sort(bySiblingOrder)) {
      if (allowed.includes(child.kind)) children.push(build(child, node.id, depth + 1));
    }
    Object.freeze(children);
    return Object.freeze(snapshot);
  };
  const root = build(rootRaw, null, 0);

  return Object.freeze({
    id: String(diagram.get('id')),
    kind,
    createdAt: Number(diagram.get('createdAt') ?? 0),
    root,
    nodes: Object.freeze(ordered),
    links: readLinks(diagram, byId),
    measures: readMeasures(diagram, byId),
    aim: kind === 'driver' ? readAim(rootRaw.record) : null,
    pdsaCycles: readPdsa(diagram, byId),
  });
}

function readLinks(diagram: YRecord, byId: Map<string, NodeSnapshot>): readonly LinkSnapshot[] {
  const links: LinkSnapshot[] = [];
  readChildMap(diagram, 'links')?.forEach((value) => {
    const v = value as Partial<LinkSnapshot> | undefined;
    if (!v || typeof v.from !== 'string' || typeof v.to !== 'string') return;
    const from = byId.get(v.from);
    const to = byId.get(v.to);
    if (!from || !to || linkTargetKind(from.kind) !== to.kind || from.parentId === to.id) return;
    links.push(Object.freeze({ from: from.id, to: to.id, strength: strengthOf(v.strength) }));
  });
  links.sort((a, b) => (a.from + '>' + a.to < b.from + '>' + b.to ? -1 : 1));
  return Object.freeze(links);
}

function readMeasures(
  diagram: YRecord,
  byId: Map<string, NodeSnapshot>,
): readonly MeasureSnapshot[] {
  const measures: MeasureSnapshot[] = [];
  readChildMap(diagram, 'measures')?.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    const type = value.get('type') as MeasureType;
    if (!(type in MEASURE_ORDER)) return;
    const attached = value.get('attachedTo');
    const attachedTo = typeof attached === 'string' ? attached : null;
    if (attachedTo !== null && !byId.has(attachedTo)) return;
    measures.push(
      Object.freeze({
        id,
        type,
        name: String(value.get('name') ?? ''),
        definition: String(value.get('definition') ?? ''),
        attachedTo,
        createdAt: Number(value.get('createdAt') ?? 0),
      }),
    );
  });
  measures.sort(
    (a, b) =>
      MEASURE_ORDER[a.type] - MEASURE_ORDER[b.type] ||
      a.createdAt - b.createdAt ||
      (a.id < b.id ? -1 : 1),
  );
  return Object.freeze(measures);
}

function readAim(root: YRecord): AimParts {
  const aim = readChildMap(root, 'aim');
  const parts = Object.fromEntries(AIM_PARTS.map((p) => [p, readText(aim, p)]));
  return Object.freeze(parts as unknown as AimParts);
}

function readPdsa(diagram: YRecord, byId: Map<string, NodeSnapshot>): readonly PdsaSnapshot[] {
  const cycles: PdsaSnapshot[] = [];
  readChildMap(diagram, 'pdsa')?.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    const changeIdeaId = value.get('changeIdeaId');
    if (typeof changeIdeaId !== 'string' || byId.get(changeIdeaId)?.kind !== 'change') return;
    const fieldsMap = readChildMap(value as YRecord, 'fields');
    const fields = Object.fromEntries(PDSA_FIELDS.map((f) => [f, readText(fieldsMap, f)]));
    const decision = value.get('decision');
    cycles.push(
      Object.freeze({
        id,
        changeIdeaId,
        cycle: Number(value.get('cycle') ?? 1),
        authorId: String(value.get('authorId') ?? ''),
        createdAt: Number(value.get('createdAt') ?? 0),
        decision:
          decision === 'adopt' || decision === 'adapt' || decision === 'abandon'
            ? (decision as PdsaDecision)
            : null,
        fields: Object.freeze(fields as Record<PdsaField, string>),
      }),
    );
  });
  cycles.sort(
    (a, b) =>
      (a.changeIdeaId < b.changeIdeaId ? -1 : a.changeIdeaId > b.changeIdeaId ? 1 : 0) ||
      a.cycle - b.cycle ||
      a.createdAt - b.createdAt ||
      (a.id < b.id ? -1 : 1),
  );
  return Object.freeze(cycles);
}
