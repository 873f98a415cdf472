import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { Board, staffPerspective } from '@qi/model';
import { MessageType, PARTICIPANT_KEY_HEADER, SyncStep } from '@qi/protocol';
import {
  connectClient,
  rawClient,
  startTestServer,
  tempDir,
  waitFor,
  type RawClient,
  type TestClient,
  type TestServer,
} from './helpers';

/** Fixtures of the workshop tests (test/workshop*.test.ts): a board, API calls, frame capture. */

const cleanups: (() => Promise<void> | void)[] = [];

/** Undoes what the fixtures made, last first (call from the test file's afterEach). */
export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!();
}

const SECRET = 'workshop-suite-secret-of-at-least-32-characters';
/** The staff perspective the fixtures' people speak with. */
export const STAFF = staffPerspective('ward nurse');

/** A fresh participant key (what a browser makes once per board). */
export const participantKey = () => randomBytes(16).toString('base64url');

/** An API answer: status and parsed JSON body. */
export interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

/** Headers a GET or DELETE of the caller's own items carries: the participant key, never in the URL. */
export const keyHeader = (key: string) => ({ [PARTICIPANT_KEY_HEADER]: key });

/** Calls the board's API with `token` (none when null) and extra `headers`; JSON in, JSON out. */
export async function api(
  server: TestServer,
  board: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${server.server.url}/api/boards/${board}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Deadline of the fixtures' waits: generous, as a loaded shared machine can be slow. */
const PATIENCE_MS = 15_000;

/** A board with a fishbone (Staffing: Rota gaps, Agency; Equipment: Hoists) and its facilitator. */
export interface Workshop {
  server: TestServer;
  /** `api` on this board. */
  call(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer>;
  board: string;
  facilitatorToken: string;
  facilitator: TestClient;
  diagramId: string;
  staffing: string;
  equipment: string;
  causes: string[];
}

/** A server (optionally with config overrides), a board with a fishbone, a connected facilitator. */
export async function setup(
  overrides: Parameters<typeof startTestServer>[1] = {},
): Promise<Workshop> {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const server = await startTestServer(dir.path, { tokenSecret: SECRET, ...overrides });
  cleanups.push(() => server.close());
  const board = await server.createBoard('Late discharges');
  const facilitatorToken = await server.mint(board, 'facilitator');
  const facilitator = clientOf(server, board, facilitatorToken);
  await facilitator.synced;
  const model = Board.open(facilitator.doc);
  const who = { authorId: 'facilitator-1', perspective: STAFF };
  const { diagramId, rootId } = model.addDiagram({ kind: 'fishbone', text: 'Late', ...who });
  const add = (parentId: string, text: string) =>
    model.addNode({ diagramId, parentId, text, ...who });
  const staffing = add(rootId, 'Staffing');
  const equipment = add(rootId, 'Equipment');
  const causes = [add(staffing, 'Rota gaps'), add(staffing, 'Agency'), add(equipment, 'Hoists')];
  const watcher = clientOf(server, board, await server.mint(board, 'observer'));
  await waitFor(
    () => Board.open(watcher.doc).getDiagram(diagramId)?.nodes.length === 6,
    'tree',
    PATIENCE_MS,
  );
  const call: Workshop['call'] = (token, method, path, body, headers) =>
    api(server, board, token, method, path, body, headers);
  return {
    server,
    call,
    board,
    facilitatorToken,
    facilitator,
    diagramId,
    staffing,
    equipment,
    causes,
  };
}

/** A stock provider on the board with `token`, destroyed after the test. */
export function clientOf(server: TestServer, board: string, token: string): TestClient {
  const c = connectClient(server.syncUrl, board, new Y.Doc(), { token });
  cleanups.push(() => c.destroy());
  return c;
}

/** A raw socket of `token` capturing every frame the server sends it. */
export async function capture(
  server: TestServer,
  board: string,
  token: string,
): Promise<RawClient> {
  const socket = rawClient(server.syncUrl, board, { token });
  cleanups.push(() => socket.ws.terminate());
  await socket.opened;
  return socket;
}

const utf8 = new TextDecoder();
/** Every captured frame as text (Yjs writes strings as UTF-8, so document text shows through). */
export const bytesOf = (frames: Uint8Array[]) => frames.map((f) => utf8.decode(f)).join('\n');

/** The captured document updates (sync step 2 and update frames). */
export function syncUpdates(frames: Uint8Array[]): Uint8Array[] {
  return frames.filter((frame) => {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return false;
    return decoding.readVarUint(decoder) !== SyncStep.step1;
  });
}

/** A change everyone receives after whatever was sent before it (ordering on one socket). */
export async function marker(w: Workshop, socket: RawClient, label: string): Promise<void> {
  w.facilitator.doc.getMap('markers').set(label, true);
  await waitFor(() => bytesOf(socket.frames).includes(label), `marker ${label}`, PATIENCE_MS);
}
