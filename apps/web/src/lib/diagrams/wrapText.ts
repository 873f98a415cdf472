import type { BoxKind } from '@qi/model';

/** Line length the layout's text measure wraps at, per box kind. */
export function maxLineChars(kind: BoxKind): number {
  return kind === 'effect' || kind === 'aim' ? 24 : 28;
}

/** Splits text into the lines the layout sized its box for (word wrap at `maxLineChars`). */
export function wrapText(text: string, kind: BoxKind): string[] {
  const max = maxLineChars(kind);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + Math.min(word.length, max) > max) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}
