import type {
  WorkshopItemKind,
  WorkshopItemRecord,
  WorkshopScopePhase,
  WorkshopScopeRecord,
} from './Storage';

/** A `workshop_items` row as either driver returns it (Postgres BIGINT arrives as a string). */
export interface WorkshopItemRow {
  board_id: string;
  kind: string;
  scope_id: string;
  id: string;
  participant_key: string;
  body: string;
  created_at: number | string;
}

/** The columns of `workshop_items`, in WorkshopItemRow order, for SELECTs. */
export const WORKSHOP_ITEM_COLUMNS =
  'board_id, kind, scope_id, id, participant_key, body, created_at';

/** A stored row as a WorkshopItemRecord. */
export function workshopItemFromRow(row: WorkshopItemRow): WorkshopItemRecord {
  return {
    boardId: row.board_id,
    kind: row.kind as WorkshopItemKind,
    scopeId: row.scope_id,
    id: row.id,
    participantKey: row.participant_key,
    body: row.body,
    createdAt: Number(row.created_at),
  };
}

/** A `workshop_scopes` row as either driver returns it. */
export interface WorkshopScopeRow {
  board_id: string;
  kind: string;
  scope_id: string;
  phase: string;
  claimed_at: number | string;
}

/** The columns of `workshop_scopes`, in WorkshopScopeRow order, for SELECTs. */
export const WORKSHOP_SCOPE_COLUMNS = 'board_id, kind, scope_id, phase, claimed_at';

/** A stored claim as a WorkshopScopeRecord. */
export function workshopScopeFromRow(row: WorkshopScopeRow): WorkshopScopeRecord {
  return {
    boardId: row.board_id,
    kind: row.kind as WorkshopItemKind,
    scopeId: row.scope_id,
    phase: row.phase as WorkshopScopePhase,
    claimedAt: Number(row.claimed_at),
  };
}
