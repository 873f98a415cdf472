import { isBoardId } from '@qi/protocol';

/** Name of the format in exported board files. */
export const BOARD_FILE_FORMAT = 'qi-board';
export const BOARD_FILE_VERSION = 1;
/** File name suffix of exported boards: `<id>.qiboard.json`. */
export const BOARD_FILE_SUFFIX = '.qiboard.json';

/**
 * One board as a file (`pnpm qi export`): its id, creation time and whole document state as one
 * Yjs update (v1, base64). Invite links are not included: they are signed with the exporting
 * deployment's secret and mean nothing elsewhere.
 */
export interface BoardFile {
  format: typeof BOARD_FILE_FORMAT;
  version: typeof BOARD_FILE_VERSION;
  id: string;
  /** ISO 8601. */
  createdAt: string;
  /** The title at export time, for people reading the file; the document holds the real one. */
  title: string;
  /** ISO 8601. */
  exportedAt: string;
  /** The document state: a Yjs update (v1), base64. */
  state: string;
}

/** Builds the file body of a board. */
export function encodeBoardFile(board: {
  id: string;
  createdAt: number;
  title: string;
  state: Uint8Array;
}): string {
  const file: BoardFile = {
    format: BOARD_FILE_FORMAT,
    version: BOARD_FILE_VERSION,
    id: board.id,
    createdAt: new Date(board.createdAt).toISOString(),
    title: board.title,
    exportedAt: new Date().toISOString(),
    state: Buffer.from(board.state).toString('base64'),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parses and validates a board file; throws an Error saying what is wrong. */
export function decodeBoardFile(text: string): {
  id: string;
  createdAt: number;
  state: Uint8Array;
} {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('not JSON');
  }
  const file = value as Partial<BoardFile>;
  if (file?.format !== BOARD_FILE_FORMAT) throw new Error(`not a ${BOARD_FILE_FORMAT} file`);
  if (file.version !== BOARD_FILE_VERSION) {
    throw new Error(
      `version ${String(file.version)} is not supported (expected ${BOARD_FILE_VERSION})`,
    );
  }
  if (typeof file.id !== 'string' || !isBoardId(file.id)) throw new Error('invalid board id');
  const createdAt = Date.parse(file.createdAt ?? '');
  if (Number.isNaN(createdAt)) throw new Error('invalid createdAt');
  if (typeof file.state !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(file.state)) {
    throw new Error('invalid state (expected base64)');
  }
  return { id: file.id, createdAt, state: new Uint8Array(Buffer.from(file.state, 'base64')) };
}
