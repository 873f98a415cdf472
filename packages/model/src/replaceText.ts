import type * as Y from 'yjs';

/**
 * Replaces the content of `ytext` with `next` by deleting and inserting only the changed middle
 * (common prefix and suffix are kept), so a concurrent edit elsewhere in the same text survives the merge.
 */
export function replaceText(ytext: Y.Text, next: string): void {
  const prev = ytext.toString();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  ) {
    end++;
  }
  // Never split a surrogate pair: widen the changed range to whole code points.
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(prev.charCodeAt(prev.length - end))) end--;
  const deleteCount = prev.length - start - end;
  if (deleteCount > 0) ytext.delete(start, deleteCount);
  const insert = next.slice(start, next.length - end);
  if (insert) ytext.insert(start, insert);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
