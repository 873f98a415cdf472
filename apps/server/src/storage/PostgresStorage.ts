import pg from 'pg';
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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS board_snapshots (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  state BYTEA NOT NULL,
  through_seq BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS board_updates (
  seq BIGSERIAL PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  data BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS board_updates_by_board ON board_updates (board_id, seq);
CREATE TABLE IF NOT EXISTS board_links (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX IF NOT EXISTS board_links_by_board ON board_links (board_id, created_at);
CREATE TABLE IF NOT EXISTS workshop_items (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  scope_id TEXT NOT NULL,
  id TEXT NOT NULL,
  participant_key TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (board_id, kind, scope_id, id)
);
CREATE TABLE IF NOT EXISTS workshop_scopes (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  scope_id TEXT NOT NULL,
  phase TEXT NOT NULL,
  claimed_at BIGINT NOT NULL,
  PRIMARY KEY (board_id, kind)
);
`;

interface LinkRow {
  id: string;
  board_id: string;
  role: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const LINK_COLUMNS = 'id, board_id, role, created_at, expires_at, revoked_at';

function linkFromRow(row: LinkRow): LinkRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    role: row.role as Role,
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

/** Advisory lock key serialising schema creation when several processes start at once. */
const SCHEMA_LOCK = 7_242_001;

interface UpdateRow {
  seq: string;
  data: Buffer;
}

/**
 * Storage on PostgreSQL (`DATABASE_URL`), shared by every server process.
 * An append locks the rows of the boards it touches before taking sequence numbers, so for one
 * board sequence order is commit order even across processes: a reader that sees seq N sees
 * every earlier update of that board, and `compact(…, N)` deletes only what such a read covered.
 * Committed means durable (synchronous_commit as configured on the server, `on` by default).
 */
export class PostgresStorage implements Storage {
  private closed = false;

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and creates the schema if missing. Rejects if the database cannot be reached. */
  static async open(connectionString: string, maxConnections = 10): Promise<PostgresStorage> {
    const pool = new pg.Pool({
      connectionString,
      max: maxConnections,
      // A database that stops answering fails calls (appends are retried, /ready turns 503)
      // instead of leaving them waiting forever.
      connectionTimeoutMillis: 5000,
      query_timeout: 30_000,
    });
    // An idle client losing its server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const client = await pool.connect().catch(async (error: unknown) => {
      await pool.end();
      throw error;
    });
    try {
      await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
      await client.query(SCHEMA);
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
    } finally {
      client.release();
    }
    return new PostgresStorage(pool);
  }

  private async transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    isolation = 'READ COMMITTED',
  ): Promise<T> {
    if (this.closed) throw new Error('storage is closed');
    const client = await this.pool.connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private query<R extends pg.QueryResultRow>(
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return this.pool.query<R>(text, values);
  }

  async createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('INSERT INTO boards (id, created_at) VALUES ($1, $2)', [
        board.id,
        board.createdAt,
      ]);
      await client.query(
        'INSERT INTO board_snapshots (board_id, state, through_seq) VALUES ($1, $2, 0)',
        [board.id, initialState],
      );
    });
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const { rows } = await this.query<{ id: string; created_at: string }>(
      'SELECT id, created_at FROM boards WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, createdAt: Number(row.created_at) } : null;
  }

  async listBoards(): Promise<BoardRecord[]> {
    const { rows } = await this.query<{ id: string; created_at: string }>(
      'SELECT id, created_at FROM boards ORDER BY created_at, id',
      [],
    );
    return rows.map((row) => ({ id: row.id, createdAt: Number(row.created_at) }));
  }

  async loadBoard(id: string): Promise<StoredBoard | null> {
    // One snapshot of the database, so a concurrent compaction cannot be seen half-done.
    return this.transaction(async (client) => {
      const board = await client.query<{ id: string; created_at: string }>(
        'SELECT id, created_at FROM boards WHERE id = $1',
        [id],
      );
      const row = board.rows[0];
      if (!row) return null;
      const snapshot = await client.query<{ state: Buffer; through_seq: string }>(
        'SELECT state, through_seq FROM board_snapshots WHERE board_id = $1',
        [id],
      );
      const updates = await client.query<UpdateRow>(
        'SELECT seq, data FROM board_updates WHERE board_id = $1 ORDER BY seq',
        [id],
      );
      const snap = snapshot.rows[0];
      let updateBytes = 0;
      for (const update of updates.rows) updateBytes += update.data.byteLength;
      const last = updates.rows.at(-1);
      return {
        id: row.id,
        createdAt: Number(row.created_at),
        snapshot: snap ? snap.state : null,
        updates: updates.rows.map((update) => update.data),
        lastSeq: Number(last?.seq ?? snap?.through_seq ?? 0),
        updateBytes,
      };
    }, 'REPEATABLE READ READ ONLY');
  }

  async appendUpdates(records: readonly UpdateRecord[]): Promise<number[]> {
    if (records.length === 0) return [];
    const boardIds = [...new Set(records.map((record) => record.boardId))].sort();
    return this.transaction(async (client) => {
      // Row locks in a fixed order (no deadlock between processes); a missing board fails the
      // batch through the foreign key below.
      await client.query('SELECT id FROM boards WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE', [
        boardIds,
      ]);
      const { rows } = await client.query<{ seq: string; i: string }>(
        `INSERT INTO board_updates (board_id, data)
         SELECT b, d FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(b, d, i) ORDER BY i
         RETURNING seq`,
        [records.map((record) => record.boardId), records.map((record) => record.update)],
      );
      // Rows are inserted in input order, so their sequence numbers ascend in that order.
      return rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
    });
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    await this.transaction(async (client) => {
      const { rowCount } = await client.query(
        `INSERT INTO board_snapshots (board_id, state, through_seq) VALUES ($1, $2, $3)
         ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq
         WHERE board_snapshots.through_seq < excluded.through_seq`,
        [boardId, snapshot, throughSeq],
      );
      // A refused snapshot (not newer than the stored one) deletes nothing: the stored one
      // already deleted what it covers, and it may lack updates this one holds.
      if (rowCount === 0) return;
      await client.query('DELETE FROM board_updates WHERE board_id = $1 AND seq <= $2', [
        boardId,
        throughSeq,
      ]);
    });
  }

  async createLink(link: LinkRecord): Promise<void> {
    await this.query(
      'INSERT INTO board_links (id, board_id, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [link.id, link.boardId, link.role, link.createdAt, link.expiresAt],
    );
  }

  async getLink(id: string): Promise<LinkRecord | null> {
    const { rows } = await this.query<LinkRow>(
      `SELECT ${LINK_COLUMNS} FROM board_links WHERE id = $1`,
      [id],
    );
    return rows[0] ? linkFromRow(rows[0]) : null;
  }

  async listLinks(boardId: string): Promise<LinkRecord[]> {
    const { rows } = await this.query<LinkRow>(
      `SELECT ${LINK_COLUMNS} FROM board_links WHERE board_id = $1 ORDER BY created_at, id`,
      [boardId],
    );
    return rows.map(linkFromRow);
  }

  async revokeLink(boardId: string, id: string, revokedAt: number): Promise<boolean> {
    const { rowCount } = await this.query(
      'UPDATE board_links SET revoked_at = $1 WHERE board_id = $2 AND id = $3 AND revoked_at IS NULL',
      [revokedAt, boardId, id],
    );
    return (rowCount ?? 0) > 0;
  }

  async putWorkshopItem(item: WorkshopItemRecord): Promise<WorkshopItemPut> {
    const { boardId, kind, scopeId, id, participantKey, body, createdAt } = item;
    return this.transaction(async (client) => {
      // FOR SHARE holds off a phase change until this commits; one committed first is seen
      // here (the row is read again after the wait).
      const scope = await client.query<{ phase: string }>(
        `SELECT phase FROM workshop_scopes WHERE board_id = $1 AND kind = $2 AND scope_id = $3
         FOR SHARE`,
        [boardId, kind, scopeId],
      );
      const phase = scope.rows[0]?.phase;
      if (phase !== 'opening' && phase !== 'open') return 'closed';
      const { rowCount } = await client.query(
        `INSERT INTO workshop_items (${WORKSHOP_ITEM_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (board_id, kind, scope_id, id) DO UPDATE SET body = excluded.body
         WHERE workshop_items.participant_key = excluded.participant_key`,
        [boardId, kind, scopeId, id, participantKey, body, createdAt],
      );
      return (rowCount ?? 0) > 0 ? 'stored' : 'taken';
    });
  }

  async listWorkshopItems(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    participantKey?: string,
  ): Promise<WorkshopItemRecord[]> {
    const { rows } = await this.query<WorkshopItemRow>(
      `SELECT ${WORKSHOP_ITEM_COLUMNS} FROM workshop_items
       WHERE board_id = $1 AND kind = $2 AND scope_id = $3
         AND ($4::text IS NULL OR participant_key = $4)
       ORDER BY created_at, id`,
      [boardId, kind, scopeId, participantKey ?? null],
    );
    return rows.map(workshopItemFromRow);
  }

  async deleteWorkshopItem(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    id: string,
    participantKey: string,
  ): Promise<boolean> {
    const { rowCount } = await this.query(
      `DELETE FROM workshop_items
       WHERE board_id = $1 AND kind = $2 AND scope_id = $3 AND id = $4 AND participant_key = $5`,
      [boardId, kind, scopeId, id, participantKey],
    );
    return (rowCount ?? 0) > 0;
  }

  async deleteWorkshopItems(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId?: string,
  ): Promise<number> {
    const { rowCount } = await this.query(
      `DELETE FROM workshop_items
       WHERE board_id = $1 AND kind = $2 AND ($3::text IS NULL OR scope_id = $3)`,
      [boardId, kind, scopeId ?? null],
    );
    return rowCount ?? 0;
  }

  async claimWorkshopScope(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    claimedAt: number,
  ): Promise<WorkshopScopeRecord | null> {
    // A claim released between the insert and the read is claimed on the next pass.
    for (;;) {
      const { rowCount } = await this.query(
        `INSERT INTO workshop_scopes (${WORKSHOP_SCOPE_COLUMNS}) VALUES ($1, $2, $3, 'opening', $4)
         ON CONFLICT (board_id, kind) DO NOTHING`,
        [boardId, kind, scopeId, claimedAt],
      );
      if ((rowCount ?? 0) > 0) return null;
      const holder = await this.getWorkshopScope(boardId, kind);
      if (holder) return holder;
    }
  }

  async getWorkshopScope(
    boardId: string,
    kind: WorkshopItemKind,
  ): Promise<WorkshopScopeRecord | null> {
    const { rows } = await this.query<WorkshopScopeRow>(
      `SELECT ${WORKSHOP_SCOPE_COLUMNS} FROM workshop_scopes WHERE board_id = $1 AND kind = $2`,
      [boardId, kind],
    );
    return rows[0] ? workshopScopeFromRow(rows[0]) : null;
  }

  async setWorkshopScopePhase(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
    phase: WorkshopScopePhase,
  ): Promise<WorkshopScopePhase | null> {
    return this.transaction(async (client) => {
      // FOR UPDATE waits for item writes holding FOR SHARE on the claim.
      const { rows } = await client.query<{ phase: WorkshopScopePhase }>(
        `SELECT phase FROM workshop_scopes WHERE board_id = $1 AND kind = $2 AND scope_id = $3
         FOR UPDATE`,
        [boardId, kind, scopeId],
      );
      if (!rows[0]) return null;
      await client.query(
        'UPDATE workshop_scopes SET phase = $4 WHERE board_id = $1 AND kind = $2 AND scope_id = $3',
        [boardId, kind, scopeId, phase],
      );
      return rows[0].phase;
    });
  }

  async releaseWorkshopScope(
    boardId: string,
    kind: WorkshopItemKind,
    scopeId: string,
  ): Promise<boolean> {
    return this.transaction(async (client) => {
      const { rowCount } = await client.query(
        'DELETE FROM workshop_scopes WHERE board_id = $1 AND kind = $2 AND scope_id = $3',
        [boardId, kind, scopeId],
      );
      await client.query(
        'DELETE FROM workshop_items WHERE board_id = $1 AND kind = $2 AND scope_id = $3',
        [boardId, kind, scopeId],
      );
      return (rowCount ?? 0) > 0;
    });
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Postgres did not answer within 2 s')), 2000);
    });
    try {
      await Promise.race([this.query('SELECT 1', []), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
