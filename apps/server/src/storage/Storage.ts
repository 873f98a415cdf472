/** A board's row: existence and creation time. The title lives in the document (meta.title). */
export interface BoardRecord {
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** Everything needed to rebuild a board's document: a snapshot plus the updates appended after it. */
export interface StoredBoard extends BoardRecord {
  /** Yjs update (v1) holding the compacted state, or null if never compacted. */
  snapshot: Uint8Array | null;
  /** Yjs updates (v1) appended since the snapshot, in append order. */
  updates: Uint8Array[];
  /** Sequence number of the last update in `updates`, or of the compaction point; 0 if none. */
  lastSeq: number;
  /** Total bytes in `updates`. */
  updateBytes: number;
}

/** One update to append: the board it belongs to and its Yjs update (v1). */
export interface UpdateRecord {
  boardId: string;
  update: Uint8Array;
}

/**
 * Durable storage for boards: SQLite (embedded) or Postgres (shared by several processes).
 * `storageConformance.ts` tests every implementation against these guarantees.
 * Guarantees every implementation keeps:
 * - `appendUpdates` is atomic and durable when its promise resolves: the caller broadcasts only then.
 * - `compact` replaces the snapshot and deletes the updates it covers in one transaction,
 *   so a crash at any point leaves either the old or the new state, never a gap.
 * - Sequence numbers only grow (never reused), so `throughSeq` is unambiguous.
 */
export interface Storage {
  /** Creates a board with its initial document state. Rejects if the id exists. */
  createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void>;
  /** The board's row, or null if it does not exist. */
  getBoard(id: string): Promise<BoardRecord | null>;
  /** Every board, oldest first (export of a whole deployment). */
  listBoards(): Promise<BoardRecord[]>;
  /** Snapshot and update log of a board, or null if it does not exist. */
  loadBoard(id: string): Promise<StoredBoard | null>;
  /**
   * Appends updates (possibly of several boards) in one transaction.
   * Resolves to each update's sequence number, in input order.
   */
  appendUpdates(records: readonly UpdateRecord[]): Promise<number[]>;
  /**
   * Stores `snapshot` as the board's state and deletes its updates with seq <= throughSeq,
   * atomically. A snapshot never replaces one with a higher throughSeq (a late compaction
   * from an unloading room must not undo a newer one).
   */
  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Resolves when storage answers a trivial query; rejects otherwise. For /ready. */
  ping(): Promise<void>;
  /** Flushes and releases resources. Further calls reject. */
  close(): Promise<void>;
}
