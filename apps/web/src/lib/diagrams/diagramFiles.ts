import { diagramToCsv, diagramToJson, diagramToMarkdown, type DiagramSnapshot } from '@qi/model';
import { diagramPictureSvg } from './diagramSvg';
import { totalsByNode } from '$lib/workshop/rankedResults';
import { shownVoteResults, type VoteView } from './diagramSvgVotes';

/** The formats a diagram can be saved in. */
export type DiagramFormat = 'md' | 'csv' | 'json' | 'svg' | 'png';

/** Labels for the export buttons, in the order shown. */
export const DIAGRAM_FORMATS: readonly { format: DiagramFormat; label: string }[] = [
  { format: 'png', label: 'Picture (PNG)' },
  { format: 'svg', label: 'Picture (SVG)' },
  { format: 'md', label: 'Text (Markdown)' },
  { format: 'csv', label: 'Spreadsheet (CSV)' },
  { format: 'json', label: 'Data (JSON)' },
];

/** A file name from the diagram's head: letters, digits and dashes only. */
export function diagramFileName(snapshot: DiagramSnapshot, format: DiagramFormat): string {
  const base =
    snapshot.root.text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || snapshot.kind;
  return `${base}.${format}`;
}

/**
 * The text of a diagram in a text format, from the model's exporters (which escape Markdown and
 * CSV) or the SVG renderer (which escapes XML). PNG is drawn from the SVG by `diagramPng`. Every
 * format but JSON (the diagram's data, for re-import) carries the diagram's last closed dot vote's
 * results when `votes` shows them: dots on the picture, a total after each item in Markdown, a
 * votes column in CSV.
 */
export function diagramText(
  snapshot: DiagramSnapshot,
  format: Exclude<DiagramFormat, 'png'>,
  votes?: VoteView | null,
): string {
  const results = shownVoteResults(votes, snapshot.id);
  const dots = results ? totalsByNode(results) : undefined;
  switch (format) {
    case 'md':
      return diagramToMarkdown(snapshot, { votes: dots });
    case 'csv':
      return diagramToCsv(snapshot, { votes: dots });
    case 'json':
      return diagramToJson(snapshot);
    case 'svg':
      return diagramPictureSvg(snapshot, votes);
  }
}

const MIME: Record<DiagramFormat, string> = {
  md: 'text/markdown;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/** Draws the diagram's SVG (vote results too) onto a canvas at twice its size, as a PNG. */
export async function diagramPng(
  snapshot: DiagramSnapshot,
  votes?: VoteView | null,
): Promise<Blob> {
  return svgToPng(diagramText(snapshot, 'svg', votes));
}

/** Rasterises an SVG document (at `scale`) to a PNG blob in the browser. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([svg], { type: MIME.svg }));
  try {
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(image.naturalWidth * scale);
    canvas.height = Math.ceil(image.naturalHeight * scale);
    const context = canvas.getContext('2d')!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('No PNG'))), MIME.png),
    );
  } finally {
    URL.revokeObjectURL(image.src);
  }
}

/** Saves a diagram in one format through the browser's download (pictures with vote results). */
export async function downloadDiagram(
  snapshot: DiagramSnapshot,
  format: DiagramFormat,
  votes?: VoteView | null,
): Promise<void> {
  const blob =
    format === 'png'
      ? await diagramPng(snapshot, votes)
      : new Blob([diagramText(snapshot, format, votes)], { type: MIME[format] });
  downloadBlob(blob, diagramFileName(snapshot, format));
}

/** Starts a download of `blob` as `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
