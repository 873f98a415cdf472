import {
  showsPerspectiveBadge,
  type DiagramLayout,
  type DiagramSnapshot,
  type WorkshopVoteResults,
} from '@qi/model';
import { itemName } from '$lib/workshop/nodeName';
import { totalsByNode } from '$lib/workshop/rankedResults';
import { BOX_STYLE } from './boxStyle';
import { cachedLayout } from './diagramLayout';
import {
  shownVoteResults,
  voteDescription,
  VOTE_LEGEND_HEIGHT,
  voteLegendLines,
  voteLegendSvg,
  voteLegendWidth,
  voteStripIds,
  voteStripSvg,
  type VoteView,
} from './diagramSvgVotes';
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
  /**
   * A closed vote's results to draw (only those on this diagram are): each item's dots in its
   * box's vote strip, so the layout must keep one for `voteStripIds(votes)`; and, in
   * `diagramSvg`, a legend naming the vote. Use `diagramPictureSvg`, which sizes the layout.
   */
  readonly votes?: WorkshopVoteResults | null;
  /** Time zone the legend gives the vote's close in (default: this device's). */
  readonly timeZone?: string;
}

/** `options.votes` when they are this diagram's. */
function votesOn(snapshot: DiagramSnapshot, options: DiagramSvgOptions) {
  return options.votes?.diagramId === snapshot.id ? options.votes : null;
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
  const dots = totalsByNode(votesOn(snapshot, options));
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
    const count = dots.get(box.id) ?? 0;
    if (node && count > 0) out.push(voteStripSvg(box, count, itemName(node), escapeXml));
  }
  return out.join('');
}

/**
 * A standalone SVG document of one diagram, with a title for assistive technology; with
 * `options.votes` on this diagram, a legend band under it and the ranked results in its <desc>.
 */
export function diagramSvg(
  snapshot: DiagramSnapshot,
  layout: DiagramLayout,
  options: DiagramSvgOptions = {},
): string {
  const votes = votesOn(snapshot, options);
  const legend = votes ? voteLegendLines(votes, snapshot, options.timeZone) : null;
  const width = legend ? Math.max(layout.width, Math.ceil(voteLegendWidth(legend))) : layout.width;
  const height = layout.height + (legend ? VOTE_LEGEND_HEIGHT : 0);
  const desc = votes
    ? `<desc>${escapeXml(voteDescription(votes, snapshot, options.timeZone))}</desc>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="system-ui, sans-serif">` +
    `<title>${escapeXml(snapshot.root.text)}</title>` +
    desc +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    diagramSvgBody(snapshot, layout, options) +
    (legend ? voteLegendSvg(legend, layout.height, width, escapeXml) : '') +
    `</svg>`
  );
}

/**
 * A diagram's picture as files, print and the outline page show it: perspective badges, and the
 * results of its last closed dot vote (`votes`: what the workshop shows now, e.g. VoteState),
 * with room for them in the layout. Never an open vote's dots.
 */
export function diagramPictureSvg(
  snapshot: DiagramSnapshot,
  votes?: VoteView | null,
  options: Pick<DiagramSvgOptions, 'timeZone'> = {},
): string {
  const results = shownVoteResults(votes, snapshot.id);
  const layout = cachedLayout(snapshot, voteStripIds(results));
  return diagramSvg(snapshot, layout, { ...options, perspectives: true, votes: results });
}
