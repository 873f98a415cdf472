import type { BoxKind } from './DiagramLayout';

/** How many characters a line of a box of this kind holds (heads of diagrams are bold, so fewer). */
export function lineCharsOf(kind: BoxKind): number {
  return kind === 'effect' || kind === 'aim' ? 24 : 28;
}

/**
 * Splits text into lines of at most `maxChars` characters, breaking between words; each `\n`
 * starts a new line. A word breaks only when it alone is longer than a line: it is cut into
 * line-long pieces. The layout sizes boxes from these lines and every renderer draws them, so
 * the canvas, exports and print wrap text the same way.
 */
export function wrapLines(text: string, maxChars: number): string[] {
  const max = Math.max(1, Math.floor(maxChars));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const whole of paragraph.split(/\s+/).filter(Boolean)) {
      let word = whole;
      if (line && line.length + 1 + word.length <= max) {
        line = `${line} ${word}`;
        continue;
      }
      if (line) lines.push(line);
      while (word.length > max) {
        lines.push(word.slice(0, max));
        word = word.slice(max);
      }
      line = word;
    }
    lines.push(line);
  }
  return lines;
}
