import type { BoxKind, Size } from './DiagramLayout';

/** Options for estimateTextSize. */
export interface EstimateOptions {
  readonly charWidth?: number;
  readonly lineHeight?: number;
  readonly maxLineChars?: number;
  readonly padding?: number;
}

/**
 * A renderer-free text measure: wraps at word boundaries to `maxLineChars` and sizes by average
 * character width. Good for tests, exports and the server; the canvas passes real text metrics instead.
 */
export function estimateTextSize(text: string, kind: BoxKind, options: EstimateOptions = {}): Size {
  const charWidth = options.charWidth ?? 7.5;
  const lineHeight = options.lineHeight ?? 18;
  const padding = options.padding ?? 10;
  const maxChars = options.maxLineChars ?? (kind === 'effect' || kind === 'aim' ? 24 : 28);
  let lines = 0;
  let longest = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const len = Math.min(word.length, maxChars);
      if (line > 0 && line + 1 + len > maxChars) {
        longest = Math.max(longest, line);
        lines++;
        line = len;
      } else line += (line > 0 ? 1 : 0) + len;
    }
    longest = Math.max(longest, line);
  }
  return {
    width: Math.max(4, longest) * charWidth + 2 * padding,
    height: lines * lineHeight + 2 * padding,
  };
}
