import {
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import { useValue, type Editor, type TLShapeId } from 'tldraw';
import {
  allowedChildKinds,
  redactPatientIdentifiers,
  voteRoomIds,
  type DiagramSnapshot,
  type NodeSnapshot,
} from '@qi/model';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { canvasLayout } from '$lib/diagrams/diagramLayout';
import { FROZEN_NOTICE } from '$lib/facilitation/frozenNotice';
import { nodeCommands } from '$lib/diagrams/nodeCommands';
import { checkPatientData, matchedTexts } from '$lib/guard/checkPatientData';
import { PatientDataAlert } from '$lib/guard/PatientDataAlert';
import { boardPolicy } from '$lib/guard/patientDataPolicy';
import { kindName } from '$lib/outline/describeNode';
import { CanvasVoteBadges } from '$lib/workshop/CanvasVoteBadges';
import { subscribeVoteResults } from '$lib/workshop/voteResultsStore';
import type { WorkshopGetter } from '$lib/workshop/workshopContext';
import type { BoxNotices } from './BoxNotices';
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
  workshop?: WorkshopGetter | null;
  /** Notices for this canvas's boxes (e.g. why this one cannot be deleted). */
  notices?: BoxNotices | null;
}) {
  const { editor, shapeId, diagramId, source, notices } = props;
  const full = useSyncExternalStore(
    (listener) => source.subscribe(listener),
    () => source.diagrams.get(diagramId),
  );
  const frozen = useSyncExternalStore(
    (listener) => source.subscribe(listener),
    () => source.isFrozen(diagramId),
  );
  const doc = source.board.doc;
  // A vote opening or closing changes which boxes keep a vote strip (canvasLayout).
  useSyncExternalStore(
    (listener) => subscribeVoteResults(doc, listener),
    () => (full ? [...voteRoomIds(doc, full)].join(' ') : ''),
  );
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; isNew: boolean } | null>(null);
  const [draft, setDraft] = useState('');
  const [kept, setKept] = useState<string[]>([]);
  const root = useRef<HTMLDivElement>(null);
  const [message, setMessage] = useState('');
  const [drag, setDrag] = useState<Drag | null>(null);
  const justDragged = useRef(false);
  const isSelected = useValue('selected', () => editor.getSelectedShapeIds().includes(shapeId), [
    editor,
    shapeId,
  ]);

  const notice = useSyncExternalStore(
    (listener) => notices?.subscribe(listener) ?? (() => {}),
    () => notices?.get(diagramId) ?? '',
  );
  // A notice is for the moment: it goes when the box is selected or let go.
  useEffect(() => notices?.clear(diagramId), [isSelected, notices, diagramId]);

  // One folded snapshot per diagram change or fold, so cachedLayout hits while a person types.
  const snapshot = useMemo(() => full && collapseSnapshot(full, collapsed), [full, collapsed]);

  if (!full || !snapshot)
    return <div className="qi-diagram-missing">This diagram was deleted.</div>;
  const layout = canvasLayout(doc, snapshot);
  const nodes = new Map(full.nodes.map((n) => [n.id, n]));
  const active = activeId ? nodes.get(activeId) : undefined;
  const activeBox = active ? layout.boxes.find((b) => b.id === active.id) : undefined;

  const say = (text: string | undefined) => {
    notices?.clear(diagramId);
    setMessage(text ?? '');
  };
  // Text that looks like patient data is not saved until it is removed or (warn mode) kept.
  const policy = boardPolicy(source.board.doc, source.deploymentPatientData);
  const guard = checkPatientData(editing ? draft : '', policy, kept);
  const editField = () => root.current?.querySelector('textarea')?.focus();

  const startEdit = (node: NodeSnapshot, isNew = false) => {
    editor.select(shapeId);
    setActiveId(node.id);
    setEditing({ id: node.id, isNew });
    setDraft(node.text);
    setKept([]);
  };

  const commit = (): DiagramSnapshot | undefined => {
    if (editing) nodeCommands.setText(source, full, editing.id, draft);
    return source.diagrams.get(diagramId);
  };

  const finish = () => {
    if (guard.holds) return;
    const current = commit();
    const node = editing ? current?.nodes.find((n) => n.id === editing.id) : undefined;
    if (editing?.isNew && current && node && !node.text.trim())
      nodeCommands.remove(source, current, node.id);
    setEditing(null);
  };

  const add = (command: 'addChild' | 'addSibling', nodeId: string) => {
    if (guard.holds) return;
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
    // While patient data is held, Tab moves on to the warning's buttons; nothing is saved.
    if (guard.holds) {
      if (event.key === 'Enter' || event.key === 'Escape') event.preventDefault();
      return;
    }
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
    source.editStructure(diagramId, (board, origin) =>
      board.setStrength(diagramId, node.id, node.strength === 'strong' ? 'weak' : 'strong', origin),
    );
  };

  // Boxes and buttons keep their pointer events (the canvas tools under them do not see them);
  // the diagram's empty space still drags the whole diagram. Dragging a box moves that node
  // under the box it is dropped on (e.g. a cause to another category).
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (!target.closest('[data-node-id], button, textarea')) return;
    event.stopPropagation();
    const id = target.closest<HTMLElement>('[data-node-id]')?.dataset.nodeId;
    const node = id ? nodes.get(id) : undefined;
    if (!node?.parentId || editing || target.closest('button, textarea')) return;
    if (source.readOnly || frozen) return;
    setDrag({ nodeId: node.id, x: event.clientX, y: event.clientY, dx: 0, dy: 0, over: null });
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const scale = rect.width / layout.width || 1;
    const dx = (event.clientX - drag.x) / scale;
    const dy = (event.clientY - drag.y) / scale;
    if (Math.hypot(dx, dy) < 6 && drag.dx === 0 && drag.dy === 0) return;
    // Captured only once it is a drag, so a plain click still reaches the box it was on.
    if (!event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.setPointerCapture(event.pointerId);
    const x = (event.clientX - rect.left) / scale;
    const y = (event.clientY - rect.top) / scale;
    const moving = full.nodes.find((n) => n.id === drag.nodeId);
    const below = new Set(moving ? subtree(moving) : []);
    const over = layout.boxes.find(
      (b) =>
        !below.has(b.id) &&
        nodes.has(b.id) &&
        x >= b.x &&
        x <= b.x + b.width &&
        y >= b.y &&
        y <= b.y + b.height,
    );
    setDrag({ ...drag, dx, dy, over: over?.id ?? null });
  };

  const onPointerUp = () => {
    if (!drag) return;
    setDrag(null);
    if (drag.dx === 0 && drag.dy === 0) return;
    justDragged.current = true;
    const node = nodes.get(drag.nodeId);
    const over = drag.over ? nodes.get(drag.over) : undefined;
    if (!node || !over || over.id === node.parentId) return;
    if (!allowedChildKinds(over.kind).includes(node.kind)) {
      return say(`A ${kindName(node)} cannot go under a ${kindName(over)}.`);
    }
    source.editStructure(diagramId, (board, origin) =>
      board.moveNode({ diagramId, nodeId: node.id, parentId: over.id }, origin),
    );
    say('');
  };

  const onClick = (event: MouseEvent) => {
    if (justDragged.current) {
      justDragged.current = false;
      return;
    }
    const target = event.target as HTMLElement;
    const fold = target.closest<HTMLElement>('[data-fold]')?.dataset.fold;
    if (fold) return toggle(fold);
    const id = target.closest<HTMLElement>('[data-node-id]')?.dataset.nodeId;
    const node = id ? nodes.get(id) : undefined;
    if (!node || editing?.id === node.id) return;
    if (editing && guard.holds) return;
    if (editing) finish();
    startEdit(node);
  };

  const editBox = editing ? layout.boxes.find((b) => b.id === editing.id) : undefined;
  const showTools = isSelected && active && activeBox && !editing;

  return (
    <div
      ref={root}
      className="qi-diagram"
      data-diagram-id={diagramId}
      data-kind={full.kind}
      style={{ width: layout.width, height: layout.height }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
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
            dragOffset={drag?.nodeId === box.id ? `${drag.dx}px, ${drag.dy}px` : null}
            dropTarget={drag?.over === box.id}
            onDraft={setDraft}
            onEditKey={onEditKey}
            onEditEnd={finish}
          />
        );
      })}
      <CanvasVoteBadges
        doc={source.board.doc}
        diagramId={diagramId}
        boxes={layout.boxes}
        workshop={props.workshop}
      />
      {editing && editBox && (
        <PatientDataAlert
          verdict={guard}
          style={{ transform: `translate(${editBox.x}px, ${editBox.y + editBox.height + 4}px)` }}
          onRemove={() => {
            setDraft(redactPatientIdentifiers(draft, guard.matches));
            editField();
          }}
          onKeep={() => {
            setKept([...kept, ...matchedTexts(draft, guard.matches)]);
            editField();
          }}
        />
      )}
      {showTools && (
        <div
          className="qi-node-tools"
          style={{
            transform: `translate(${activeBox.x}px, ${activeBox.y + activeBox.height + 4}px)`,
          }}
          onPointerDown={stop}
        >
          {!frozen && (
            <button type="button" onClick={() => add('addChild', active.id)}>
              + Under
            </button>
          )}
          {!frozen && active.parentId && (
            <button type="button" onClick={() => add('addSibling', active.id)}>
              + Next
            </button>
          )}
          {!frozen && full.kind === 'driver' && active.parentId && (
            <button type="button" onClick={() => toggleStrength(active)}>
              {active.strength === 'strong' ? 'Link: strong' : 'Link: weak'}
            </button>
          )}
          {!frozen && active.parentId && (
            <button type="button" className="qi-danger" onClick={() => remove(active.id)}>
              Delete
            </button>
          )}
        </div>
      )}
      {frozen && (
        <p className="qi-diagram-frozen" onPointerDown={stop}>
          <span aria-hidden="true">❄ </span>
          {FROZEN_NOTICE}
        </p>
      )}
      {/* Always there, so screen readers announce what appears in it. */}
      <p className="qi-diagram-message" role="status">
        {notice || (isSelected ? message : '')}
      </p>
    </div>
  );
}

/** A box being dragged: where the pointer went down, how far it moved, which box it is over. */
interface Drag {
  nodeId: string;
  x: number;
  y: number;
  dx: number;
  dy: number;
  over: string | null;
}

function subtree(node: NodeSnapshot): string[] {
  return [node.id, ...node.children.flatMap(subtree)];
}
