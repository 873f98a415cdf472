import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Storage } from '../storage/Storage';
import { docFromStored, readTitle } from '../sync/boardDoc';
import type { Fanout } from '../sync/Fanout';
import { BOARD_FILE_SUFFIX, decodeBoardFile, encodeBoardFile } from './boardFile';

/** One line of what a transfer did, for the operator. */
export type Report = (line: string) => void;

/** Writes one board to `file`. Throws if the board does not exist. */
export async function exportBoard(storage: Storage, id: string, file: string): Promise<string> {
  const stored = await storage.loadBoard(id);
  if (!stored) throw new Error(`board ${id} not found`);
  const doc = docFromStored(stored);
  const title = readTitle(doc);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await writeFile(file, encodeBoardFile({ id, createdAt: stored.createdAt, title, state }));
  return title;
}

/** Writes every board to `dir/<id>.qiboard.json` (creating `dir`); returns how many. */
export async function exportAll(storage: Storage, dir: string, report: Report): Promise<number> {
  await mkdir(dir, { recursive: true });
  const boards = await storage.listBoards();
  for (const { id } of boards) {
    const file = join(dir, `${id}${BOARD_FILE_SUFFIX}`);
    const title = await exportBoard(storage, id, file);
    report(`exported ${id} "${title}" -> ${file}`);
  }
  return boards.length;
}

/** The board files at `path`: the file itself, or every `*.qiboard.json` in a directory. */
export async function boardFilesAt(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  return (await readdir(path))
    .filter((name) => name.endsWith(BOARD_FILE_SUFFIX))
    .sort()
    .map((name) => join(path, name));
}

/**
 * Imports one board file: a board that does not exist is created with the file's state; one
 * that exists gets the state merged in (appended as an update: Yjs keeps what both hold, so
 * importing twice changes nothing). With a shared fan-out, processes serving the board apply
 * it at once.
 */
export async function importBoard(
  storage: Storage,
  file: string,
  fanout: Fanout | null,
): Promise<{ id: string; title: string; created: boolean }> {
  const board = decodeBoardFile(await readFile(file, 'utf8'));
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, board.state);
  } catch {
    throw new Error('state is not a valid Yjs update');
  }
  const title = readTitle(doc);
  doc.destroy();
  if (!(await storage.getBoard(board.id))) {
    await storage.createBoard({ id: board.id, createdAt: board.createdAt }, board.state);
    return { id: board.id, title, created: true };
  }
  await storage.appendUpdates([{ boardId: board.id, update: board.state }]);
  fanout?.publishUpdates(board.id, [board.state]);
  return { id: board.id, title, created: false };
}
