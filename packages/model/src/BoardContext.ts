import type * as Y from 'yjs';

/** What operations need from a board: the doc plus injectable id and clock sources (seeded in tests). */
export interface BoardContext {
  readonly doc: Y.Doc;
  readonly newId: () => string;
  readonly now: () => number;
}

/** Where a new node or a moved node goes among its new siblings. */
export interface Placement {
  /**
   * Sibling id to place after; null puts it first; undefined (the default) puts it last.
   * A sibling that is not live under the target parent is treated as undefined.
   */
  readonly after?: string | null;
}
