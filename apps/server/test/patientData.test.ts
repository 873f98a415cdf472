import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { readPatientDataMode, setPatientDataMode } from '@qi/model';
import { AUTH_PERMISSION_DENIED, CloseCode, MessageType, RefusalReason } from '@qi/protocol';
import type { Config } from '../src/env';
import { encodeSyncUpdate } from '../src/sync/wire';
import {
  connectClient,
  rawClient,
  startTestServer,
  tempDir,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A valid NHS number built with the modulus-11 algorithm (check value 11 → 0). */
function nhsNumber(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) throw new Error(`${nine} has no valid check digit`);
  const n = nine + String(check === 11 ? 0 : check);
  return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
}
const NHS = nhsNumber('943476591');

async function setup(overrides: Partial<Config>): Promise<TestServer> {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const server = await startTestServer(dir.path, overrides);
  cleanups.push(() => server.close());
  return server;
}

function client(server: TestServer, board: string): TestClient {
  const c = connectClient(server.syncUrl, board, new Y.Doc());
  cleanups.push(() => c.destroy());
  return c;
}

/** The test's shared types (note, meta, items) as one string. */
function contentOf(doc: Y.Doc): string {
  return JSON.stringify([
    doc.getText('note').toString(),
    doc.getMap('meta').toJSON(),
    doc.getArray('items').toJSON(),
  ]);
}

async function storedText(server: TestServer, board: string): Promise<string> {
  const stored = await server.server.storage.loadBoard(board);
  const doc = new Y.Doc();
  if (stored!.snapshot) Y.applyUpdate(doc, stored!.snapshot);
  for (const u of stored!.updates) Y.applyUpdate(doc, u);
  return contentOf(doc);
}

function deniedReason(frames: Uint8Array[]): string | null {
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.auth) continue;
    if (decoding.readVarUint(decoder) !== AUTH_PERMISSION_DENIED) continue;
    return decoding.readVarString(decoder);
  }
  return null;
}

/** A raw socket sends one update made by `edit` on a fresh doc; resolves with its close and denial. */
async function sendEdit(server: TestServer, board: string, edit: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  edit(doc);
  const socket = rawClient(server.syncUrl, board);
  await socket.opened;
  socket.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(doc)));
  const closed = await socket.closed;
  return { ...closed, denied: deniedReason(socket.frames) };
}

describe('patient-data guard (PATIENT_DATA_MODE=block)', () => {
  it('refuses text, map values and hospital numbers with 4422; others and the store unaffected', async () => {
    const server = await setup({
      patientDataMode: 'block',
      hospitalNumberPatterns: ['\\bRX\\d{6}\\b'],
    });
    const board = await server.createBoard('Falls');
    const watcher = client(server, board);
    await watcher.synced;

    const attempts: ((doc: Y.Doc) => void)[] = [
      (doc) => doc.getText('note').insert(0, `Patient ${NHS} fell`),
      (doc) => doc.getMap('meta').set('title', { text: `Falls review, DOB 12/03/1950` }),
      (doc) => doc.getArray<string>('items').push([`seen as RX123456`]),
    ];
    for (const attempt of attempts) {
      const result = await sendEdit(server, board, attempt);
      expect(result.code).toBe(CloseCode.patientIdentifier);
      expect(result.reason).toBe(RefusalReason.patientIdentifier);
      expect(result.denied).toBe(RefusalReason.patientIdentifier);
    }

    // The stock provider is refused too and stops; the watcher stays connected.
    const typist = client(server, board);
    await typist.synced;
    const closed = new Promise<number>((resolve) =>
      typist.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
    );
    typist.doc.getText('note').insert(0, `NHS ${NHS}`);
    expect(await closed).toBe(CloseCode.patientIdentifier);

    // Ordinary text passes and reaches the watcher.
    const ok = await setupWriter(server, board);
    ok.doc.getText('note').insert(0, '10 falls in 2024 on ward 7; huddle 09:30');
    await waitFor(
      () => watcher.doc.getText('note').toString().includes('10 falls'),
      'ordinary text broadcast',
    );
    expect(watcher.provider.wsconnected).toBe(true);

    const stored = await storedText(server, board);
    expect(stored).toContain('10 falls in 2024');
    for (const secret of [NHS, '12/03/1950', 'RX123456']) {
      expect(stored).not.toContain(secret);
      expect(contentOf(watcher.doc)).not.toContain(secret);
    }
  });

  it('tells the web app the deployment policy at GET /api/patient-data', async () => {
    const server = await setup({ patientDataMode: 'block', hospitalNumberPatterns: ['RX\\d{6}'] });
    const response = await fetch(`${server.server.url}/api/patient-data`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ mode: 'block', hospitalNumberPatterns: ['RX\\d{6}'] });
  });

  it('warn mode (the default) accepts the same text', async () => {
    const server = await setup({});
    const board = await server.createBoard('Warn');
    const writer = client(server, board);
    await writer.synced;
    writer.doc.getText('note').insert(0, `Patient ${NHS}`);
    await waitFor(async () => (await storedText(server, board)).includes(NHS), 'text stored');
    expect(writer.provider.wsconnected).toBe(true);
  });
});

describe("patient-data guard, the board's own block mode", () => {
  it('refuses an NHS number typed key by key at the completing key, once the facilitator chose block', async () => {
    const server = await setup({});
    const board = await server.createBoard('Key by key');
    const facilitator = client(server, board);
    await facilitator.synced;
    const node = new Y.Map<unknown>();
    facilitator.doc.getMap('nodes').set('n1', node);
    node.set('text', new Y.Text('Seen: '));

    // A contributor may not choose the mode; the facilitator may.
    const contributorToken = await server.mint(board, 'contributor');
    const refused = await sendEditAs(server, board, contributorToken, (doc) =>
      setPatientDataMode(doc, 'warn'),
    );
    expect(refused.code).toBe(CloseCode.refusedChange);
    setPatientDataMode(facilitator.doc, 'block');

    const typist = connectClient(server.syncUrl, board, new Y.Doc(), {
      token: contributorToken,
    });
    cleanups.push(() => typist.destroy());
    await typist.synced;
    await waitFor(() => readPatientDataMode(typist.doc) === 'block', 'block mode reached');
    const closed = new Promise<number>((resolve) =>
      typist.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
    );
    const text = () =>
      (typist.doc.getMap('nodes').get('n1') as Y.Map<unknown>).get('text') as Y.Text;
    // Ordinary words and a deletion pass first, one key per update.
    for (const ch of 'ward 7x') text().insert(text().length, ch);
    text().delete(text().length - 1, 1);
    text().insert(text().length, ' ');
    for (const ch of NHS) text().insert(text().length, ch);
    expect(await closed).toBe(CloseCode.patientIdentifier);

    const facilitatorText = () =>
      (
        (facilitator.doc.getMap('nodes').get('n1') as Y.Map<unknown>).get('text') as Y.Text
      ).toString();
    await waitFor(
      () => facilitatorText() === `Seen: ward 7 ${NHS.slice(0, -1)}`,
      'all but the last key',
    );
    expect(facilitator.provider.wsconnected).toBe(true);
  });
});

/** Like `sendEdit`, with a given token. */
async function sendEditAs(
  server: TestServer,
  board: string,
  token: string,
  edit: (doc: Y.Doc) => void,
) {
  const doc = new Y.Doc();
  edit(doc);
  const socket = rawClient(server.syncUrl, board, { token });
  await socket.opened;
  socket.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(doc)));
  return socket.closed;
}

async function setupWriter(server: TestServer, board: string): Promise<TestClient> {
  const writer = client(server, board);
  await writer.synced;
  return writer;
}
