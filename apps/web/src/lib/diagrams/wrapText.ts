import { lineCharsOf, wrapLines, type BoxKind } from '@qi/model';

/**
 * Splits text into the lines the layout sized its box for (wrapLines at the kind's line length).
 * The canvas and the SVG export both draw these lines, so they wrap alike.
 */
export function wrapText(text: string, kind: BoxKind): string[] {
  return wrapLines(text, lineCharsOf(kind));
}
