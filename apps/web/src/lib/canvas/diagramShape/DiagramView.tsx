import { useState, useSyncExternalStore, type MouseEvent, type PointerEvent } from 'react';
import { useValue, type Editor, type TLShapeId } from 'tldraw';
import type { DiagramSnapshot, NodeSnapshot } from '@qi/model';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { cachedLayout } from '$lib/diagrams/diagramLayout';
import { nodeCommands } from '$lib/diagrams/nodeCommands';
import { collapseSnapshot } from './collapseSnapshot';
import { NodeBox } from './NodeBox';

/** Keeps pointer events on a node for the node, not for the canvas tools under it. */
const stop = (event: PointerEvent) => event.stopPropagation();

/**
 * One diagram drawn on the canvas from the model: connectors and boxes at the model's layout
 * (moves animate briefly), click a box to write in it, buttons to add, remove, fold and mark
 * links. Every change is a model operation under this person's origin.
 */
export function DiagramView(props: {
  editor: Editor;
  shapeId: TLShapeId;
  diagramId: string;
  source: BoardDiagrams;
}) {
  const { editor, shapeId, diagramId, source } = props;
  const full = useSyncExternalStore(
    (listener) => source.subscribe(listener),
    () => source.diagrams.get(diagramId),
  );
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; isNew: boolean } | null>(null);
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState('');
  const isSelected = useValue('selected', () => editor.getSelectedShapeIds().includes(shapeId), [
    editor,
    shapeId,
  ]);

  if (!full) return <div className="qi-diagram-missing">This diagram was deleted.</div>;
  const snapshot = collapseSnapshot(full, collapsed);
  const layout = cachedLayout(snapshot);
  const nodes = new Map(full.nodes.map((n) => [n.id, n]));
  const active = activeId ? nodes.get(activeId) : undefined;
  const activeBox = active ? layout.boxes.find((b) => b.id === active.id) : undefined;

  const say = (text: string | undefined) => setMessage(text ?? '');

  const startEdit = (node: NodeSnapshot, isNew = false) => {
    editor.select(shapeId);
    setActiveId(node.id);
    setEditing({ id: node.id, isNew });
    setDraft(node.text);
  };

  const commit = (): DiagramSnapshot | undefined => {
    if (editing) nodeCommands.setText(source, full, editing.id, draft);
    return source.diagrams.get(diagramId);
  };

  const finish = () => {
    const current = commit();
    const node = editing ? current?.nodes.find((n) => n.id === editing.id) : undefined;
    if (editing?.isNew && current && node && !node.text.trim())
      nodeCommands.remove(source, current, node.id);
    setEditing(null);
  };

  const add = (command: 'addChild' | 'addSibling', nodeId: string) => {
    const current = commit() ?? full;
    const result = nodeCommands[command](source, current, nodeId);
    if (!result.ok) return say(result.message);
    say('');
    if (command === 'addChild' && collapsed.has(nodeId)) toggle(nodeId);
    const created = source.diagrams.get(diagramId)?.nodes.find((n) => n.id === result.nodeId);
    if (created) startEdit(created, true);
  };

  const remove = (nodeId: string) => {
    setEditing(null);
    const result = nodeCommands.remove(source, full, nodeId);
    say(result.message);
    if (result.ok) setActiveId(result.nodeId);
  };

  const toggle = (nodeId: string) => {
    const next = new Set(collapsed);
    if (next.has(nodeId)) next.delete(nodeId);
    else next.add(nodeId);
    setCollapsed(next);
  };

  const onEditKey = (event: KeyboardEvent) => {
    if (!editing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      finish();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      add('addSibling', editing.id);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      if (event.shiftKey) {
        const current = commit() ?? full;
        const result = nodeCommands.outdent(source, current, editing.id);
        say(result.message);
      } else add('addChild', editing.id);
    }
  };

  const toggleStrength = (node: NodeSnapshot) => {
    source.edit((board, origin) =>
      board.setStrength(diagramId, node.id, node.strength === 'strong' ? 'weak' : 'strong', origin),
    );
  };

  // Boxes and buttons keep their pointer events (the canvas tools under them do not see them);
  // the diagram's empty space still drags the whole diagram.
  const onPointerDown = (event: PointerEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('[data-node-id], button, textarea')) event.stopPropagation();
  };

  const onClick = (event: MouseEvent) => {
    const target = event.target as HTMLElement;
    const fold = target.closest<HTMLElement>('[data-fold]')?.dataset.fold;
    if (fold) return toggle(fold);
    const id = target.closest<HTMLElement>('[data-node-id]')?.dataset.nodeId;
    const node = id ? nodes.get(id) : undefined;
    if (!node || editing?.id === node.id) return;
    if (editing) finish();
    startEdit(node);
  };

  const showTools = isSelected && active && activeBox && !editing;

  return (
    <div
      className="qi-diagram"
      data-diagram-id={diagramId}
      data-kind={full.kind}
      style={{ width: layout.width, height: layout.height }}
      onPointerDown={onPointerDown}
      onClick={onClick}
    >
      <svg className="qi-connectors" width={layout.width} height={layout.height} aria-hidden="true">
        {layout.connectors.map((c) => (
          <polyline
            key={c.id}
            className="qi-connector"
            points={c.points.map((p) => `${p.x},${p.y}`).join(' ')}
            fill="none"
            stroke="#374151"
            strokeWidth={c.kind === 'spine' ? 3 : 1.5}
            strokeDasharray={c.style === 'dashed' ? '6 4' : undefined}
          />
        ))}
      </svg>
      {layout.boxes.map((box) => {
        const node = nodes.get(box.id);
        return (
          <NodeBox
            key={box.id}
            box={box}
            perspective={node?.perspective}
            childCount={node?.children.length ?? 0}
            active={activeId === box.id && isSelected}
            folded={collapsed.has(box.id)}
            draft={editing?.id === box.id ? draft : null}
            onDraft={setDraft}
            onEditKey={onEditKey}
            onEditEnd={finish}
          />
        );
      })}
      {showTools && (
        <div
          className="qi-node-tools"
          style={{
            transform: `translate(${activeBox.x}px, ${activeBox.y + activeBox.height + 4}px)`,
          }}
          onPointerDown={stop}
        >
          <button type="button" onClick={() => add('addChild', active.id)}>
            + Under
          </button>
          {active.parentId && (
            <button type="button" onClick={() => add('addSibling', active.id)}>
              + Next
            </button>
          )}
          {full.kind === 'driver' && active.parentId && (
            <button type="button" onClick={() => toggleStrength(active)}>
              {active.strength === 'strong' ? 'Link: strong' : 'Link: weak'}
            </button>
          )}
          {active.parentId && (
            <button type="button" className="qi-danger" onClick={() => remove(active.id)}>
              Delete
            </button>
          )}
        </div>
      )}
      {message && isSelected && (
        <p className="qi-diagram-message" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
