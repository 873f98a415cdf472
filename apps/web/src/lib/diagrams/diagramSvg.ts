import { showsPerspectiveBadge, type DiagramLayout, type DiagramSnapshot } from '@qi/model';
import { BOX_STYLE } from './boxStyle';
import { perspectiveLabel } from './perspectiveLabel';
import { wrapText } from './wrapText';

/** Escapes text for SVG/XML content and attribute values: user text always stays text. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Options for diagramSvgBody / diagramSvg. */
export interface DiagramSvgOptions {
  /** Show the perspective of each node's author under its text. */
  readonly perspectives?: boolean;
}

/**
 * The inside of a diagram's SVG (connectors, boxes, text) in layout coordinates. Every piece of
 * user text is escaped. Used by the canvas export, file export, print and template previews.
 */
export function diagramSvgBody(
  snapshot: DiagramSnapshot,
  layout: DiagramLayout,
  options: DiagramSvgOptions = {},
): string {
  const byId = new Map(snapshot.nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  for (const c of layout.connectors) {
    const points = c.points.map((p) => `${p.x},${p.y}`).join(' ');
    const width = c.kind === 'spine' ? 3 : 1.5;
    const dash = c.style === 'dashed' ? ' stroke-dasharray="6 4"' : '';
    out.push(
      `<polyline points="${points}" fill="none" stroke="#374151" stroke-width="${width}"${dash}/>`,
    );
  }
  for (const box of layout.boxes) {
    const style = BOX_STYLE[box.kind];
    out.push(
      `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"/>`,
    );
    const lines = wrapText(box.text, box.kind);
    const tspans = lines
      .map(
        (line, i) =>
          `<tspan x="${box.x + 10}" y="${box.y + 24 + i * 19}">${escapeXml(line)}</tspan>`,
      )
      .join('');
    const weight = box.kind === 'effect' || box.kind === 'aim' ? ' font-weight="700"' : '';
    out.push(`<text font-size="13" fill="#111827"${weight}>${tspans}</text>`);
    const node = byId.get(box.id);
    if (options.perspectives && node && showsPerspectiveBadge(node.perspective)) {
      out.push(
        `<text x="${box.x + 10}" y="${box.y + box.height - 7}" font-size="10" fill="#4b5563">${escapeXml(perspectiveLabel(node.perspective))}</text>`,
      );
    }
  }
  return out.join('');
}

/** A standalone SVG document of one diagram, with a title for assistive technology. */
export function diagramSvg(
  snapshot: DiagramSnapshot,
  layout: DiagramLayout,
  options: DiagramSvgOptions = {},
): string {
  const { width, height } = layout;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="system-ui, sans-serif">` +
    `<title>${escapeXml(snapshot.root.text)}</title>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    diagramSvgBody(snapshot, layout, options) +
    `</svg>`
  );
}
