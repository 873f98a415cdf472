import { afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode } from '@qi/protocol';
import { connectClient, rawClient, startTestServer, tempDir, waitFor } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const MAX = 4096;

function frame(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * A self-contained update cut inside its delete set: applied raw, Yjs integrates the structs,
 * emits an update, then throws. The server must refuse it before touching the document.
 */
function truncatedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray<string>('items').push(['sneaky', 'gone']);
  doc.getArray<string>('items').delete(1, 1);
  const update = Y.encodeStateAsUpdate(doc);
  return update.subarray(0, update.length - 2);
}

const badFrames: [string, Uint8Array | string][] = [
  ['empty frame', new Uint8Array(0)],
  ['sync without step', new Uint8Array([0])],
  ['unknown sync step', frame(0, 7, new Uint8Array([0]))],
  ['unknown message type', frame(9, 1)],
  ['auth from a client', frame(2, 0)],
  ['truncated payload', new Uint8Array([0, 2, 20, 1, 2, 3])],
  ['trailing bytes', new Uint8Array([0, 0, 1, 0, 99])],
  ['garbage Yjs update', frame(0, 2, new Uint8Array([5, 200, 3, 255, 255, 255, 1]))],
  ['truncated Yjs update', frame(0, 2, truncatedUpdate())],
  ['malformed state vector', frame(0, 0, new Uint8Array([3, 1]))],
  ['malformed awareness', frame(1, new Uint8Array([1, 5]))],
  ['awareness that is not JSON', frame(1, new Uint8Array([1, 1, 1, 3, 0x7b, 0x7b, 0x7b]))],
  ['text frame', 'hello'],
];

describe('bad input closes only the connection that sent it', () => {
  it.each(badFrames)('%s → 4400, document unchanged, others unaffected', async (_name, bad) => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const server = await startTestServer(dir.path, { maxMessageBytes: MAX });
    cleanups.push(() => server.close());
    const board = await server.createBoard('Safe');
    const honest = connectClient(server.syncUrl, board);
    const other = connectClient(server.syncUrl, board);
    cleanups.push(
      () => honest.destroy(),
      () => other.destroy(),
    );
    await Promise.all([honest.synced, other.synced]);
    honest.doc.getArray<string>('items').push(['before']);
    await waitFor(() => other.doc.getArray('items').length === 1, 'first edit');

    const attacker = rawClient(server.syncUrl, board);
    await attacker.opened;
    attacker.ws.send(bad);
    const closed = await attacker.closed;
    expect(closed.code).toBe(CloseCode.badMessage);

    honest.doc.getArray<string>('items').push(['after']);
    await waitFor(() => other.doc.getArray('items').length === 2, 'edit after the attack');
    const fresh = connectClient(server.syncUrl, board);
    cleanups.push(() => fresh.destroy());
    await fresh.synced;
    expect(fresh.doc.getArray('items').toArray()).toEqual(['before', 'after']);
    expect(other.doc.getArray('items').toArray()).toEqual(['before', 'after']);
    expect(fresh.doc.getMap('meta').get('title')).toBe('Safe');
    expect(honest.provider.wsconnected && other.provider.wsconnected).toBe(true);
  });

  it('closes a frame over MAX_MESSAGE_BYTES with 4413', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const server = await startTestServer(dir.path, { maxMessageBytes: MAX });
    cleanups.push(() => server.close());
    const board = await server.createBoard();
    const honest = connectClient(server.syncUrl, board);
    cleanups.push(() => honest.destroy());
    await honest.synced;
    const attacker = rawClient(server.syncUrl, board);
    await attacker.opened;
    attacker.ws.send(frame(0, 2, new Uint8Array(MAX)));
    expect((await attacker.closed).code).toBe(CloseCode.tooLarge);
    honest.doc.getArray<string>('items').push(['still fine']);
    const fresh = connectClient(server.syncUrl, board);
    cleanups.push(() => fresh.destroy());
    await waitFor(() => fresh.doc.getArray('items').length === 1, 'honest edit reaches a newcomer');
  });
});
