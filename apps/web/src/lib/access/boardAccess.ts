import { isBoardId, readTokenClaims, TOKEN_PARAM, type Role } from '@qi/protocol';
import type { KeyValueStorage } from '$lib/identity/localUser';

/**
 * How this device opens one board: the invite link's token (the server checks it) and what the
 * person entered on the join page. Kept in localStorage so the choice is remembered here.
 */
export interface BoardAccess {
  boardId: string;
  token: string;
  /** Read from the token for the interface only; the server decides what the token allows. */
  role: Role;
  linkId: string;
  /** Display name and optional staff role label from the join page. */
  name: string;
  label: string;
}

const PREFIX = 'qi-board:access:';

/** The token's board, role and link, read (not verified) from a link's token; null if malformed. */
export function describeToken(
  token: string,
): { boardId: string; role: Role; linkId: string; expiresAt: number | null } | null {
  const claims = readTokenClaims(token);
  if (!claims) return null;
  return {
    boardId: claims.board,
    role: claims.role,
    linkId: claims.link,
    expiresAt: claims.exp === undefined ? null : claims.exp * 1000,
  };
}

/** This device's access to a board, or null if it has none (or what is saved is unusable). */
export function loadAccess(storage: KeyValueStorage, boardId: string): BoardAccess | null {
  if (!isBoardId(boardId)) return null;
  try {
    const saved = JSON.parse(storage.getItem(PREFIX + boardId) ?? 'null') as Partial<BoardAccess>;
    if (typeof saved?.token !== 'string') return null;
    const token = describeToken(saved.token);
    if (!token || token.boardId !== boardId) return null;
    return {
      boardId,
      token: saved.token,
      role: token.role,
      linkId: token.linkId,
      name: typeof saved.name === 'string' ? saved.name : '',
      label: typeof saved.label === 'string' ? saved.label : '',
    };
  } catch (_error) {
    return null;
  }
}

/** Remembers how this device opens the board. */
export function saveAccess(storage: KeyValueStorage, access: BoardAccess): void {
  const { boardId, token, name, label } = access;
  storage.setItem(PREFIX + boardId, JSON.stringify({ token, name, label }));
}

/** Forgets this device's access to a board (its link was revoked or has expired). */
export function forgetAccess(storage: Pick<Storage, 'removeItem'>, boardId: string): void {
  storage.removeItem(PREFIX + boardId);
}

/**
 * After this device created a board: keep the facilitator link's token, so the creator opens
 * the board as its facilitator under the name they already use here.
 */
export function rememberCreatorAccess(
  storage: KeyValueStorage,
  board: { id: string; facilitatorUrl: string },
  name: string,
): void {
  const token = new URL(board.facilitatorUrl).searchParams.get(TOKEN_PARAM) ?? '';
  const described = describeToken(token);
  if (!described || described.boardId !== board.id) return;
  saveAccess(storage, {
    boardId: board.id,
    token,
    role: described.role,
    linkId: described.linkId,
    name,
    label: '',
  });
}
