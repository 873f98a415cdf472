import type { DiagramSnapshot } from '../DiagramSnapshot';
import type { DiagramLayout, LayoutOptions, MeasureText } from './DiagramLayout';
import { layoutDriverDiagram } from './layoutDriverDiagram';
import { layoutFishbone } from './layoutFishbone';

/** Lays out any diagram with the layout for its kind. Pure and deterministic. */
export function layoutDiagram(
  diagram: DiagramSnapshot,
  measure: MeasureText,
  options: LayoutOptions = {},
): DiagramLayout {
  return diagram.kind === 'fishbone'
    ? layoutFishbone(diagram, measure, {}, options)
    : layoutDriverDiagram(diagram, measure, {}, options);
}
