import type { Role } from '@qi/protocol';

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
 * An invite link of a board (issue 5). The token itself is never stored: it is signed from
 * these fields, and a token is only honoured while its link exists, is not revoked and has
 * not expired.
 */
export interface LinkRecord {
  /** LINK_ID_PATTERN: 16 base64url characters. */
  id: string;
  boardId: string;
  role: Role;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Milliseconds since the epoch; null: never expires. */
  expiresAt: number | null;
  /** Milliseconds since the epoch; null while live. */
  revokedAt: number | null;
}

/** What a private workshop item is: an idea of a silent round, or a ballot of a dot vote. */
export type WorkshopItemKind = 'idea' | 'ballot';

/**
 * A private workshop item (issue 7): kept only while its round or vote is open, never in the
 * board document, deleted at reveal or close. The server alone reads `body` (JSON text).
 */
export interface WorkshopItemRecord {
  boardId: string;
  kind: WorkshopItemKind;
  /** The round's or vote's id. */
  scopeId: string;
  /** Unique within (board, kind, scope); a ballot's id is its participant key. */
  id: string;
  /** The owner's secret participant key. */
  participantKey: string;
  body: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
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
  /** Stores a new link (plain insert; rejects if the id exists or the board does not). */
  createLink(link: LinkRecord): Promise<void>;
  /** One link by id, revoked or not; null if there is none. */
  getLink(id: string): Promise<LinkRecord | null>;
  /** Every link of a board, revoked and expired ones included, oldest first (by createdAt, then id). */
  listLinks(boardId: string): Promise<LinkRecord[]>;
  /**
   * Sets `revokedAt` on a link of `boardId` that is not revoked yet. Resolves true if it did,
   * false if there is no such live link (unknown id, other board, already revoked).
   */
  revokeLink(boardId: string, id: string, revokedAt: number): Promise<boolean>;
  /**
   * Inserts a workshop item, or replaces the body of the item with the same board, kind, scope and
   * id when the same participant owns it. Resolves false (nothing written) when another
   * participant owns that id; rejects if the board does not exist.
   */
  putWorkshopItem(item: WorkshopItemRecord): Promise<boolean>;
  /** Items of one round or vote (only `participantKey`'s, when given), by createdAt then id. */
  listWorkshopItems(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    participantKey?: string,
  ): Promise<WorkshopItemRecord[]>;
  /** Deletes one item if `participantKey` owns it; resolves whether it did. */
  deleteWorkshopItem(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    id: string,
    participantKey: string,
  ): Promise<boolean>;
  /**
   * Deletes every item of one round or vote, or (no `scopeId`) every item of that kind on the
   * board (leftovers of rounds or votes that ended without a reveal or close); resolves how many.
   */
  deleteWorkshopItems(boardId: string, kind: WorkshopItemKind, scopeId?: string): Promise<number>;
  /** Resolves when storage answers a trivial query; rejects otherwise. For /ready. */
  ping(): Promise<void>;
  /** Flushes and releases resources. Further calls reject. */
  close(): Promise<void>;
}
