import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Role } from '@qi/protocol';
import type {
  BoardRecord,
  LinkRecord,
  Storage,
  StoredBoard,
  UpdateRecord,
  WorkshopItemKind,
  WorkshopItemPut,
  WorkshopItemRecord,
  WorkshopScopePhase,
  WorkshopScopeRecord,
} from './Storage';
import {
  WORKSHOP_ITEM_COLUMNS,
  WORKSHOP_SCOPE_COLUMNS,
  workshopItemFromRow,
  workshopScopeFromRow,
  type WorkshopItemRow,
  type WorkshopScopeRow,
} from './workshopItemRow';

/** File name of the database inside DATA_DIR. */
export const SQLITE_FILE = 'qi-board.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS board_snapshots (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  state BLOB NOT NULL,
  through_seq INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS board_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS board_updates_by_board ON board_updates (board_id, seq);
CREATE TABLE IF NOT EXISTS board_links (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS board_links_by_board ON board_links (board_id, created_at);
CREATE TABLE IF NOT EXISTS workshop_items (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  scope_id TEXT NOT NULL,
  id TEXT NOT NULL,
  participant_key TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, kind, scope_id, id)
) STRICT;
CREATE TABLE IF NOT EXISTS workshop_scopes (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  scope_id TEXT NOT NULL,
  phase TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, kind)
) STRICT;
`;

interface LinkRow {
  id: string;
  board_id: string;
  role: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

const LINK_COLUMNS = 'id, board_id, role, created_at, expires_at, revoked_at';

function linkFromRow(row: LinkRow): LinkRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    role: row.role as Role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

interface UpdateRow {
  seq: number;
  data: Buffer;
}

/**
 * Storage on one SQLite file (better-sqlite3, WAL, synchronous=NORMAL): a committed
 * transaction survives the process being killed. Calls are synchronous underneath;
 * the Promise surface matches the Storage interface that Postgres will implement.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly insertBoard;
  private readonly insertSnapshot;
  private readonly selectBoard;
  private readonly selectSnapshot;
  private readonly selectUpdates;
  private readonly insertUpdate;
  private readonly upsertSnapshot;
  private readonly deleteUpdates;
  private readonly appendTx;
  private readonly compactTx;
  private readonly insertLink;
  private readonly selectLink;
  private readonly selectLinks;
  private readonly updateLinkRevoked;
  private readonly upsertWorkshopItem;
  private readonly selectWorkshopItems;
  private readonly deleteWorkshopItemRow;
  private readonly deleteWorkshopScope;
  private readonly insertScope;
  private readonly selectScope;
  private readonly updateScopePhase;
  private readonly deleteScope;
  private readonly claimTx;
  private readonly putItemTx;
  private readonly setPhaseTx;
  private readonly releaseTx;

  /** Opens (creating if needed) the database in `dataDir`, or in memory for `':memory:'`. */
  constructor(dataDir: string) {
    let file = dataDir;
    if (dataDir !== ':memory:') {
      mkdirSync(dataDir, { recursive: true });
      file = join(dataDir, SQLITE_FILE);
    }
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);

    this.insertBoard = this.db.prepare<[string, number]>(
      'INSERT INTO boards (id, created_at) VALUES (?, ?)',
    );
    this.insertSnapshot = this.db.prepare<[string, Uint8Array]>(
      'INSERT INTO board_snapshots (board_id, state, through_seq) VALUES (?, ?, 0)',
    );
    this.selectBoard = this.db.prepare<[string], { id: string; created_at: number }>(
      'SELECT id, created_at FROM boards WHERE id = ?',
    );
    this.selectSnapshot = this.db.prepare<[string], { state: Buffer; through_seq: number }>(
      'SELECT state, through_seq FROM board_snapshots WHERE board_id = ?',
    );
    this.selectUpdates = this.db.prepare<[string], UpdateRow>(
      'SELECT seq, data FROM board_updates WHERE board_id = ? ORDER BY seq',
    );
    this.insertUpdate = this.db.prepare<[string, Uint8Array]>(
      'INSERT INTO board_updates (board_id, data) VALUES (?, ?)',
    );
    this.upsertSnapshot = this.db.prepare<[string, Uint8Array, number]>(
      `INSERT INTO board_snapshots (board_id, state, through_seq) VALUES (?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq
       WHERE board_snapshots.through_seq < excluded.through_seq`,
    );
    this.deleteUpdates = this.db.prepare<[string, number]>(
      'DELETE FROM board_updates WHERE board_id = ? AND seq <= ?',
    );
    this.insertLink = this.db.prepare<[string, string, string, number, number | null]>(
      'INSERT INTO board_links (id, board_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectLink = this.db.prepare<[string], LinkRow>(
      `SELECT ${LINK_COLUMNS} FROM board_links WHERE id = ?`,
    );
    this.selectLinks = this.db.prepare<[string], LinkRow>(
      `SELECT ${LINK_COLUMNS} FROM board_links WHERE board_id = ? ORDER BY created_at, id`,
    );
    this.updateLinkRevoked = this.db.prepare<[number, string, string]>(
      'UPDATE board_links SET revoked_at = ? WHERE board_id = ? AND id = ? AND revoked_at IS NULL',
    );
    this.upsertWorkshopItem = this.db.prepare<
      [string, string, string, string, string, string, number]
    >(
      `INSERT INTO workshop_items (${WORKSHOP_ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (board_id, kind, scope_id, id) DO UPDATE SET body = excluded.body
       WHERE workshop_items.participant_key = excluded.participant_key`,
    );
    this.selectWorkshopItems = this.db.prepare<
      [string, string, string, string | null, string | null],
      WorkshopItemRow
    >(
      `SELECT ${WORKSHOP_ITEM_COLUMNS} FROM workshop_items
       WHERE board_id = ? AND kind = ? AND scope_id = ? AND (? IS NULL OR participant_key = ?)
       ORDER BY created_at, id`,
    );
    this.deleteWorkshopItemRow = this.db.prepare<[string, string, string, string, string]>(
      `DELETE FROM workshop_items
       WHERE board_id = ? AND kind = ? AND scope_id = ? AND id = ? AND participant_key = ?`,
    );
    this.deleteWorkshopScope = this.db.prepare<[string, string, string | null, string | null]>(
      'DELETE FROM workshop_items WHERE board_id = ? AND kind = ? AND (? IS NULL OR scope_id = ?)',
    );
    this.insertScope = this.db.prepare<[string, string, string, number]>(
      `INSERT INTO workshop_scopes (${WORKSHOP_SCOPE_COLUMNS}) VALUES (?, ?, ?, 'opening', ?)
       ON CONFLICT (board_id, kind) DO NOTHING`,
    );
    this.selectScope = this.db.prepare<[string, string], WorkshopScopeRow>(
      `SELECT ${WORKSHOP_SCOPE_COLUMNS} FROM workshop_scopes WHERE board_id = ? AND kind = ?`,
    );
    this.updateScopePhase = this.db.prepare<[string, string, string, string]>(
      'UPDATE workshop_scopes SET phase = ? WHERE board_id = ? AND kind = ? AND scope_id = ?',
    );
    this.deleteScope = this.db.prepare<[string, string, string]>(
      'DELETE FROM workshop_scopes WHERE board_id = ? AND kind = ? AND scope_id = ?',
    );
    this.claimTx = this.db.transaction(
      (boardId: string, kind: string, scopeId: string, claimedAt: number) => {
        if (this.insertScope.run(boardId, kind, scopeId, claimedAt).changes > 0) return null;
        return workshopScopeFromRow(this.selectScope.get(boardId, kind)!);
      },
    ).immediate;
    // Immediate: the check and the write hold the database's write lock together, so another
    // connection to the file cannot change the claim in between.
    this.putItemTx = this.db.transaction((item: WorkshopItemRecord): WorkshopItemPut => {
      const { boardId, kind, scopeId, id, participantKey, body, createdAt } = item;
      const scope = this.selectScope.get(boardId, kind);
      if (scope?.scope_id !== scopeId || (scope.phase !== 'opening' && scope.phase !== 'open')) {
        return 'closed';
      }
      const { changes } = this.upsertWorkshopItem.run(
        boardId,
        kind,
        scopeId,
        id,
        participantKey,
        body,
        createdAt,
      );
      return changes > 0 ? 'stored' : 'taken';
    }).immediate;
    this.setPhaseTx = this.db.transaction(
      (boardId: string, kind: string, scopeId: string, phase: WorkshopScopePhase) => {
        const scope = this.selectScope.get(boardId, kind);
        if (scope?.scope_id !== scopeId) return null;
        this.updateScopePhase.run(phase, boardId, kind, scopeId);
        return scope.phase as WorkshopScopePhase;
      },
    ).immediate;
    this.releaseTx = this.db.transaction((boardId: string, kind: string, scopeId: string) => {
      const { changes } = this.deleteScope.run(boardId, kind, scopeId);
      this.deleteWorkshopScope.run(boardId, kind, scopeId, scopeId);
      return changes > 0;
    }).immediate;
    this.appendTx = this.db.transaction((records: readonly UpdateRecord[]) =>
      records.map((record) =>
        Number(this.insertUpdate.run(record.boardId, record.update).lastInsertRowid),
      ),
    );
    this.compactTx = this.db.transaction(
      (boardId: string, snapshot: Uint8Array, throughSeq: number) => {
        this.upsertSnapshot.run(boardId, snapshot, throughSeq);
        this.deleteUpdates.run(boardId, throughSeq);
      },
    );
  }

  async createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.insertBoard.run(board.id, board.createdAt);
      this.insertSnapshot.run(board.id, initialState);
    })();
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const row = this.selectBoard.get(id);
    return row ? { id: row.id, createdAt: row.created_at } : null;
  }

  async listBoards(): Promise<BoardRecord[]> {
    return this.db
      .prepare<[], { id: string; created_at: number }>(
        'SELECT id, created_at FROM boards ORDER BY created_at, id',
      )
      .all()
      .map((row) => ({ id: row.id, createdAt: row.created_at }));
  }

  async loadBoard(id: string): Promise<StoredBoard | null> {
    // One read transaction, so a concurrent compaction cannot be seen half-done.
    return this.db.transaction(() => {
      const row = this.selectBoard.get(id);
      if (!row) return null;
      const snapshot = this.selectSnapshot.get(id);
      const rows = this.selectUpdates.all(id);
      let updateBytes = 0;
      for (const update of rows) updateBytes += update.data.byteLength;
      return {
        id: row.id,
        createdAt: row.created_at,
        snapshot: snapshot ? snapshot.state : null,
        updates: rows.map((update) => update.data),
        lastSeq: rows.at(-1)?.seq ?? snapshot?.through_seq ?? 0,
        updateBytes,
      };
    })();
  }

  async appendUpdates(records: readonly UpdateRecord[]): Promise<number[]> {
    if (records.length === 0) return [];
    return this.appendTx(records);
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.compactTx(boardId, snapshot, throughSeq);
  }

  async createLink(link: LinkRecord): Promise<void> {
    this.insertLink.run(link.id, link.boardId, link.role, link.createdAt, link.expiresAt);
  }

  async getLink(id: string): Promise<LinkRecord | null> {
    const row = this.selectLink.get(id);
    return row ? linkFromRow(row) : null;
  }

  async listLinks(boardId: string): Promise<LinkRecord[]> {
    return this.selectLinks.all(boardId).map(linkFromRow);
  }

  async revokeLink(boardId: string, id: string, revokedAt: number): Promise<boolean> {
    return this.updateLinkRevoked.run(revokedAt, boardId, id).changes > 0;
  }

  async putWorkshopItem(item: WorkshopItemRecord): Promise<WorkshopItemPut> {
    return this.putItemTx(item);
  }

  async listWorkshopItems(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    participantKey?: string,
  ): Promise<WorkshopItemRecord[]> {
    return this.selectWorkshopItems
      .all(boardId, kind, scopeId, participantKey ?? null, participantKey ?? null)
      .map(workshopItemFromRow);
  }

  async deleteWorkshopItem(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    id: string,
    participantKey: string,
  ): Promise<boolean> {
    return this.deleteWorkshopItemRow.run(boardId, kind, scopeId, id, participantKey).changes > 0;
  }

  async deleteWorkshopItems(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId?: string,
  ): Promise<number> {
    return this.deleteWorkshopScope.run(boardId, kind, scopeId ?? null, scopeId ?? null).changes;
  }

  async claimWorkshopScope(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    claimedAt: number,
  ): Promise<WorkshopScopeRecord | null> {
    return this.claimTx(boardId, kind, scopeId, claimedAt);
  }

  async getWorkshopScope(
    boardId: string,
    kind: WorkshopItemKind,
  ): Promise<WorkshopScopeRecord | null> {
    const row = this.selectScope.get(boardId, kind);
    return row ? workshopScopeFromRow(row) : null;
  }

  async setWorkshopScopePhase(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    phase: WorkshopScopePhase,
  ): Promise<WorkshopScopePhase | null> {
    return this.setPhaseTx(boardId, kind, scopeId, phase);
  }

  async releaseWorkshopScope(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
  ): Promise<boolean> {
    return this.releaseTx(boardId, kind, scopeId);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Number and bytes of updates in a board's log (tests and metrics). */
  logStats(boardId: string): { updates: number; bytes: number } {
    const row = this.db
      .prepare<[string], { n: number; bytes: number | null }>(
        'SELECT count(*) AS n, sum(length(data)) AS bytes FROM board_updates WHERE board_id = ?',
      )
      .get(boardId);
    return { updates: row?.n ?? 0, bytes: row?.bytes ?? 0 };
  }
}
