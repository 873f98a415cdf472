/** Board ids: 16 random bytes (128 bits) as unpadded base64url, 22 characters. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** True when `id` has the shape of a board id (it may still not exist). */
export function isBoardId(id: string): boolean {
  return BOARD_ID_PATTERN.test(id);
}

/** Path of a board's page, relative to the site root. */
export function boardPath(id: string): string {
  return `/b/${id}`;
}

/** Path prefix of the sync endpoint; the y-websocket client appends `/<boardId>` as its room. */
export const SYNC_PATH = '/sync';
