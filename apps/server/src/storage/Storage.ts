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
 * Where a claimed round or vote stands: `opening` (claimed, its document write not yet stored),
 * `open` (the document shows it), `closing` (a reveal or close has taken its items; no more are
 * stored).
 */
export type WorkshopScopePhase = 'opening' | 'open' | 'closing';

/**
 * The claim of the one round (kind `idea`) or vote (kind `ballot`) a board may have open: the
 * truth every process shares, which a process's copy of the document may show late.
 */
export interface WorkshopScopeRecord {
  boardId: string;
  kind: WorkshopItemKind;
  /** The round's or vote's id. */
  scopeId: string;
  phase: WorkshopScopePhase;
  /** Milliseconds since the epoch. */
  claimedAt: number;
}

/**
 * What `putWorkshopItem` did: stored it, found the id owned by another participant, or refused
 * it because its round or vote holds no claim in phase `opening` or `open`.
 */
export type WorkshopItemPut = 'stored' | 'taken' | 'closed';

/**
 * Durable storage for boards: SQLite (embedded) or Postgres (shared by several processes).
 * `storageConformance.ts` tests every implementation against these guarantees.
 * Guarantees every implementation keeps:
 * - `appendUpdates` is atomic and durable when its promise resolves: the caller broadcasts only then.
 * - `compact` replaces the snapshot and deletes the updates it covers in one transaction,
 *   so a crash at any point leaves either the old or the new state, never a gap.
 * - Sequence numbers only grow (never reused), so `throughSeq` is unambiguous.
 * - A board has at most one claimed scope per workshop kind, and an item is stored only while
 *   its scope holds the claim and is not `closing`: an item stored before a `closing` phase
 *   change is committed is seen by every later read, and none is stored after it.
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
   * id when the same participant owns it, atomically with checking that its scope holds the
   * claim in phase `opening` or `open`. Resolves `taken` (nothing written) when another
   * participant owns that id, `closed` (nothing written) when the scope is not open.
   */
  putWorkshopItem(item: WorkshopItemRecord): Promise<WorkshopItemPut>;
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
  /**
   * Claims the board's one scope of `kind` for `scopeId`, in phase `opening`, if nothing holds
   * it (atomic across processes). Resolves null when it did, otherwise the claim in the way.
   * Rejects if the board does not exist.
   */
  claimWorkshopScope(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    claimedAt: number,
  ): Promise<WorkshopScopeRecord | null>;
  /** The claim of the board's scope of `kind`, or null when none is claimed. */
  getWorkshopScope(boardId: string, kind: WorkshopItemKind): Promise<WorkshopScopeRecord | null>;
  /**
   * Sets the phase of `scopeId`'s claim. Resolves the phase it had, or null (nothing changed)
   * when `scopeId` does not hold the claim. Waits for item writes of the scope in progress.
   */
  setWorkshopScopePhase(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    phase: WorkshopScopePhase,
  ): Promise<WorkshopScopePhase | null>;
  /**
   * Deletes `scopeId`'s claim (if it holds it) and the scope's items in one transaction;
   * resolves whether a claim was deleted.
   */
  releaseWorkshopScope(boardId: string, kind: WorkshopItemKind, scopeId: string): Promise<boolean>;
  /** Resolves when storage answers a trivial query; rejects otherwise. For /ready. */
  ping(): Promise<void>;
  /** Flushes and releases resources. Further calls reject. */
  close(): Promise<void>;
}
