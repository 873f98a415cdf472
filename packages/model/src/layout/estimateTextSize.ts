import type { BoxKind, Size } from './DiagramLayout';
import { lineCharsOf, wrapLines } from './wrapLines';

/** Options for estimateTextSize. */
export interface EstimateOptions {
  /** Width of a typical lower-case letter. */
  readonly charWidth?: number;
  readonly lineHeight?: number;
  readonly maxLineChars?: number;
  readonly padding?: number;
}

/** Letters much wider than a typical one in common sans-serif fonts (DejaVu's `m` is 1.6×). */
const VERY_WIDE = /[mwMW@%]/;
const WIDE = /[A-Z0-9&#]/;

/** A line's width in typical letters: capitals and digits count more, so short words still fit. */
function lineUnits(line: string, bold: boolean): number {
  let units = 0;
  for (const c of line) units += VERY_WIDE.test(c) ? 1.6 : WIDE.test(c) ? 1.2 : 1;
  return bold ? units * 1.12 : units;
}

/**
 * A renderer-free text measure: wraps to `maxLineChars` as wrapLines does (between words; a word
 * longer than a line in line-long pieces) and sizes each line by its letters (capitals and wide
 * letters count more; heads are bold). Deterministic, so every browser, export and test sizes a
 * box alike; generous, so a renderer's font seldom needs more room than the box has.
 */
export function estimateTextSize(text: string, kind: BoxKind, options: EstimateOptions = {}): Size {
  const charWidth = options.charWidth ?? 7.5;
  const lineHeight = options.lineHeight ?? 18;
  const padding = options.padding ?? 10;
  const maxChars = options.maxLineChars ?? lineCharsOf(kind);
  const bold = kind === 'effect' || kind === 'aim';
  const lines = wrapLines(text, maxChars);
  const widest = Math.max(...lines.map((line) => lineUnits(line, bold)));
  return {
    width: Math.round((Math.max(4, widest) * charWidth + 2 * padding) * 100) / 100,
    height: lines.length * lineHeight + 2 * padding,
  };
}
