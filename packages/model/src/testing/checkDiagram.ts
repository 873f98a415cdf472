import * as Y from 'yjs';
import { diagramRecord, readChildMap } from '../boardSchema';
import type { DiagramSnapshot, NodeSnapshot } from '../DiagramSnapshot';
import { allowedChildKinds, linkTargetKind } from '../NodeKind';

/**
 * Test oracle: checks a snapshot is a valid tree that obeys the documented rules against the raw doc.
 * Returns a list of problems (empty when valid).
 */
export function checkDiagram(doc: Y.Doc, snapshot: DiagramSnapshot): string[] {
  const problems: string[] = [];
  const byId = new Map<string, NodeSnapshot>();
  const visit = (n: NodeSnapshot, parent: NodeSnapshot | null, depth: number): void => {
    if (byId.has(n.id)) problems.push(`node ${n.id} appears twice`);
    byId.set(n.id, n);
    if (n.parentId !== (parent?.id ?? null)) problems.push(`node ${n.id} parentId mismatch`);
    if (n.depth !== depth) problems.push(`node ${n.id} depth ${n.depth} != ${depth}`);
    if (parent && !allowedChildKinds(parent.kind).includes(n.kind)) {
      problems.push(`node ${n.id} (${n.kind}) under ${parent.kind}`);
    }
    for (let i = 1; i < n.children.length; i++) {
      const a = n.children[i - 1]!;
      const b = n.children[i]!;
      if (a.position > b.position || (a.position === b.position && a.id >= b.id)) {
        problems.push(`children of ${n.id} out of order`);
      }
    }
    for (const c of n.children) visit(c, n, depth + 1);
  };
  visit(snapshot.root, null, 0);
  if (byId.size !== snapshot.nodes.length) problems.push('nodes list differs from tree');

  // Tree rules against the stored parents.
  const raw = new Map<string, { parentId: string | null; kind: string }>();
  readChildMap(diagramRecord(doc, snapshot.id), 'nodes')?.forEach((rec, id) => {
    if (rec instanceof Y.Map)
      raw.set(id, { parentId: rec.get('parentId') ?? null, kind: rec.get('kind') });
  });
  const chain = (id: string): { reachesRoot: boolean; loop: string[] | null; missing: boolean } => {
    const seen: string[] = [];
    let cur: string | null = id;
    while (cur !== null) {
      if (cur === snapshot.root.id) return { reachesRoot: true, loop: null, missing: false };
      const i = seen.indexOf(cur);
      if (i >= 0) return { reachesRoot: false, loop: seen.slice(i), missing: false };
      const r = raw.get(cur);
      if (!r) return { reachesRoot: false, loop: null, missing: true };
      seen.push(cur);
      cur = r.parentId;
    }
    return { reachesRoot: false, loop: null, missing: true };
  };
  for (const [id, r] of raw) {
    const live = byId.get(id);
    const c = chain(id);
    if (c.missing && live) problems.push(`orphan ${id} should be considered deleted`);
    if (live && id !== snapshot.root.id && live.parentId !== r.parentId) {
      // Only a cycle breaker may differ from its stored parent: the smallest id on its loop.
      const loop = chain(id).loop;
      if (!loop || loop.reduce((a, b) => (b < a ? b : a)) !== id) {
        problems.push(`node ${id} re-parented but is not a cycle breaker`);
      }
    }
    if (c.reachesRoot && !live) {
      const parent = r.parentId === null ? undefined : raw.get(r.parentId);
      const ancestorsLive = r.parentId !== null && byId.has(r.parentId);
      if (
        ancestorsLive &&
        parent &&
        allowedChildKinds(parent.kind as never).includes(r.kind as never)
      ) {
        problems.push(`node ${id} reaches the head but is not shown`);
      }
    }
  }
  for (const l of snapshot.links) {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    if (!from || !to) problems.push(`link ${l.from}>${l.to} to a dead node`);
    else if (linkTargetKind(from.kind) !== to.kind)
      problems.push(`link ${l.from}>${l.to} wrong kinds`);
  }
  for (const m of snapshot.measures) {
    if (m.attachedTo !== null && !byId.has(m.attachedTo)) problems.push(`measure ${m.id} dangling`);
  }
  for (const p of snapshot.pdsaCycles) {
    if (byId.get(p.changeIdeaId)?.kind !== 'change') problems.push(`pdsa ${p.id} dangling`);
  }
  return problems;
}
