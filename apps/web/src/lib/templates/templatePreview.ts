import * as Y from 'yjs';
import { Board } from '@qi/model';
import type { DiagramTemplate } from '@qi/templates';
import { diagramLayout } from '$lib/diagrams/diagramLayout';
import { diagramSvg } from '$lib/diagrams/diagramSvg';

const previews = new Map<string, string>();

/**
 * A small picture of what a diagram template creates, as an SVG data URL: the template is built
 * into a scratch board (never the real one) and drawn with the same renderer as exports.
 */
export function templatePreview(template: DiagramTemplate): string {
  let url = previews.get(template.id);
  if (!url) {
    const board = Board.open(new Y.Doc());
    const { diagramId } = template.build(board, { authorId: 'preview', perspective: 'staff:' });
    const snapshot = board.getDiagram(diagramId)!;
    url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(diagramSvg(snapshot, diagramLayout(snapshot)))}`;
    previews.set(template.id, url);
  }
  return url;
}
