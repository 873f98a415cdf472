import type { BoxKind, Size } from './DiagramLayout';
import { lineCharsOf, wrapLines } from './wrapLines';

/** Options for estimateTextSize. */
export interface EstimateOptions {
  readonly charWidth?: number;
  readonly lineHeight?: number;
  readonly maxLineChars?: number;
  readonly padding?: number;
}

/**
 * A renderer-free text measure: wraps to `maxLineChars` as wrapLines does (between words; a word
 * longer than a line in line-long pieces) and sizes by average character width. Deterministic, so
 * every browser, export and test sizes a box alike.
 */
export function estimateTextSize(text: string, kind: BoxKind, options: EstimateOptions = {}): Size {
  const charWidth = options.charWidth ?? 7.5;
  const lineHeight = options.lineHeight ?? 18;
  const padding = options.padding ?? 10;
  const maxChars = options.maxLineChars ?? lineCharsOf(kind);
  const lines = wrapLines(text, maxChars);
  const longest = Math.max(...lines.map((line) => line.length));
  return {
    width: Math.max(4, longest) * charWidth + 2 * padding,
    height: lines.length * lineHeight + 2 * padding,
  };
}
