import { memo, useEffect, useRef } from 'react';
import {
  NODE_KIND_LABELS,
  showsPerspectiveBadge,
  type LayoutBox,
  type Perspective,
} from '@qi/model';
import { BOX_STYLE } from '$lib/diagrams/boxStyle';
import { perspectiveLabel } from '$lib/diagrams/perspectiveLabel';
import { wrapText } from '$lib/diagrams/wrapText';

/** What one box shows; compared field by field so unchanged boxes skip re-rendering. */
export interface NodeBoxProps {
  box: LayoutBox;
  /** Undefined for measure boxes (not editable here). */
  perspective: Perspective | undefined;
  childCount: number;
  active: boolean;
  folded: boolean;
  /** The edit field's text while this box is being edited, else null. */
  draft: string | null;
  /** How far the box is being dragged (CSS translate arguments), else null. */
  dragOffset: string | null;
  /** The box a dragged box would go under. */
  dropTarget: boolean;
  onDraft: (text: string) => void;
  onEditKey: (event: KeyboardEvent) => void;
  onEditEnd: () => void;
}

/**
 * One box of a diagram on the canvas, at its layout position (moves animate with CSS). Clicks
 * are handled by DiagramView through the box's `data-node-id`.
 */
export const NodeBox = memo(function NodeBox(props: NodeBoxProps) {
  const { box, perspective, childCount, active, folded, draft, dragOffset, dropTarget } = props;
  const style = BOX_STYLE[box.kind];
  const editable = perspective !== undefined;
  const field = useRef<HTMLTextAreaElement>(null);
  const onEditKey = useRef(props.onEditKey);
  onEditKey.current = props.onEditKey;

  // A native listener on the field itself: tldraw's own key handling sits on its container,
  // below React's root, so only here can typing keys (Escape, Delete) be kept from the canvas.
  useEffect(() => {
    const element = field.current;
    if (!element) return;
    const listener = (event: KeyboardEvent) => {
      event.stopPropagation();
      onEditKey.current(event);
    };
    element.addEventListener('keydown', listener);
    return () => element.removeEventListener('keydown', listener);
  }, [draft !== null]);
  return (
    <div
      className={`qi-node${active ? ' qi-active' : ''}${dragOffset ? ' qi-dragging' : ''}${dropTarget ? ' qi-drop-target' : ''}`}
      data-node-id={editable ? box.id : undefined}
      data-kind={box.kind}
      style={{
        transform: `translate(${box.x}px, ${box.y}px)${dragOffset ? ` translate(${dragOffset})` : ''}`,
        width: box.width,
        height: box.height,
        background: style.fill,
        borderColor: style.stroke,
      }}
    >
      {draft !== null ? (
        <textarea
          className="qi-node-edit"
          aria-label={`Text of this ${box.kind === 'measure' ? 'measure' : NODE_KIND_LABELS[box.kind].toLowerCase()}`}
          ref={field}
          autoFocus
          value={draft}
          onChange={(event) => props.onDraft(event.target.value)}
          onBlur={props.onEditEnd}
        />
      ) : (
        <span className={`qi-node-text${box.text.trim() ? '' : ' qi-empty'}`}>
          {box.text.trim() ? wrapText(box.text, box.kind).join('\n') : 'Click to write'}
        </span>
      )}
      {perspective && showsPerspectiveBadge(perspective) && (
        <span className="qi-perspective">{perspectiveLabel(perspective)}</span>
      )}
      {childCount > 0 && (
        <button
          type="button"
          className="qi-fold"
          data-fold={box.id}
          title={folded ? 'Show what is under this' : 'Hide what is under this'}
          aria-label={folded ? 'Show what is under this' : 'Hide what is under this'}
        >
          {folded ? `+${childCount}` : '−'}
        </button>
      )}
    </div>
  );
}, sameBox);

function sameBox(a: NodeBoxProps, b: NodeBoxProps): boolean {
  return (
    a.box.x === b.box.x &&
    a.box.y === b.box.y &&
    a.box.width === b.box.width &&
    a.box.height === b.box.height &&
    a.box.text === b.box.text &&
    a.box.kind === b.box.kind &&
    a.perspective === b.perspective &&
    a.childCount === b.childCount &&
    a.active === b.active &&
    a.folded === b.folded &&
    a.draft === b.draft &&
    a.dragOffset === b.dragOffset &&
    a.dropTarget === b.dropTarget &&
    // Handlers matter only while editing (the edit field uses them).
    (a.draft === null ||
      (a.onDraft === b.onDraft && a.onEditKey === b.onEditKey && a.onEditEnd === b.onEditEnd))
  );
}
