import { HTMLContainer, Rectangle2d, ShapeUtil, type Geometry2d } from 'tldraw';
import { readVote, readVoteResults } from '@qi/model';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import type { WorkshopGetter } from '$lib/workshop/workshopContext';
import { canvasLayout } from '$lib/diagrams/diagramLayout';
import { diagramSvgBody } from '$lib/diagrams/diagramSvg';
import { shownVoteResults } from '$lib/diagrams/diagramSvgVotes';
import type { BoxNotices } from './BoxNotices';
import { DIAGRAM_SHAPE, diagramShapeProps, type DiagramShape } from './DiagramShape';
import { DiagramView } from './DiagramView';

/**
 * How a QI diagram behaves on the canvas: moved as a whole, never resized or rotated by hand
 * (its size follows the layout), drawn by DiagramView, exported as plain SVG from the same
 * renderer as file exports. Configure with the board's diagrams: `DiagramShapeUtil.configure({ source })`
 * (and the canvas's `notices`, shown on each box).
 */
export class DiagramShapeUtil extends ShapeUtil<DiagramShape> {
  static override type = DIAGRAM_SHAPE;
  static override props = diagramShapeProps;

  override options: {
    source: BoardDiagrams | null;
    workshop: WorkshopGetter | null;
    notices: BoxNotices | null;
  } = {
    source: null,
    workshop: null,
    notices: null,
  };

  override getDefaultProps(): DiagramShape['props'] {
    return { diagramId: '', w: 200, h: 100 };
  }

  override canResize() {
    return false;
  }

  override canEdit() {
    return false;
  }

  override hideRotateHandle() {
    return true;
  }

  override hideResizeHandles() {
    return true;
  }

  override canBind() {
    return false;
  }

  override getGeometry(shape: DiagramShape): Geometry2d {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true });
  }

  override component(shape: DiagramShape) {
    const source = this.options.source;
    return (
      <HTMLContainer style={{ pointerEvents: 'all' }}>
        {source ? (
          <DiagramView
            editor={this.editor}
            shapeId={shape.id}
            diagramId={shape.props.diagramId}
            source={source}
            workshop={this.options.workshop}
            notices={this.options.notices}
          />
        ) : null}
      </HTMLContainer>
    );
  }

  override indicator(shape: DiagramShape) {
    return <rect width={shape.props.w} height={shape.props.h} rx={8} />;
  }

  override toSvg(shape: DiagramShape) {
    const source = this.options.source;
    const snapshot = source?.diagrams.get(shape.props.diagramId);
    if (!source || !snapshot) return null;
    // The shape's own layout, vote strips too: an export shows no vote controls, only the last
    // closed vote's dots (as file exports do). diagramSvgBody escapes every piece of user text.
    const { doc } = source.board;
    const layout = canvasLayout(doc, snapshot);
    const votes = shownVoteResults(
      { vote: readVote(doc), results: readVoteResults(doc) },
      snapshot.id,
    );
    const body = diagramSvgBody(snapshot, layout, { perspectives: true, votes });
    return (
      <g fontFamily="system-ui, sans-serif">
        <rect width={shape.props.w} height={shape.props.h} fill="#ffffff" />
        <g dangerouslySetInnerHTML={{ __html: body }} />
      </g>
    );
  }
}
