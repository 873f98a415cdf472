import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAwareness, encodeSyncStep1, encodeSyncUpdate } from '../src/sync/wire';
import { connectClient, rawClient, startTestServer, tempDir, waitFor } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** mulberry32: a small seeded PRNG, so a failure replays. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Well-formed frames of every kind, to truncate and mutate. */
function validFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getMap('attack').set('k', 'v');
  doc.getArray<string>('items').push(['x', 'y']);
  doc.getArray('items').delete(0, 1);
  const awareness = new Uint8Array([1, 200, 1, 1, 5, 13, 123, 34, 97, 34, 58, 49, 125]);
  return [
    encodeSyncUpdate(Y.encodeStateAsUpdate(doc)),
    encodeSyncStep1(Y.encodeStateVector(doc)),
    encodeAwareness(awareness.subarray(0, 3 + 1 + 7)),
    new Uint8Array([3]),
  ];
}

function hostileFrame(random: () => number, valid: Uint8Array[]): Uint8Array {
  const base = valid[Math.floor(random() * valid.length)]!;
  const kind = random();
  if (kind < 0.3) {
    return Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
  }
  if (kind < 0.6) return base.slice(0, Math.floor(random() * base.length));
  const mutated = base.slice();
  for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
    const at = Math.floor(random() * mutated.length);
    mutated[at] = mutated[at]! ^ (1 << Math.floor(random() * 8));
  }
  return mutated;
}

describe('protocol fuzzing', () => {
  it('random, truncated and mutated frames never hurt honest clients', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const server = await startTestServer(dir.path, { maxMessageBytes: 4096 });
    cleanups.push(() => server.close());
    const board = await server.createBoard('Fuzzed');
    const honest = [connectClient(server.syncUrl, board), connectClient(server.syncUrl, board)];
    cleanups.push(...honest.map((c) => () => c.destroy()));
    await Promise.all(honest.map((c) => c.synced));

    const random = prng(20261126);
    const valid = validFrames();
    let sent = 0;
    const attacker = async () => {
      while (sent < 600) {
        const socket = rawClient(server.syncUrl, board);
        await socket.opened;
        while (socket.ws.readyState === socket.ws.OPEN && sent < 600) {
          socket.ws.send(hostileFrame(random, valid));
          sent++;
          await new Promise((resolve) => setImmediate(resolve));
        }
        socket.ws.terminate();
      }
    };
    const editing = (async () => {
      for (let i = 0; i < 40; i++) {
        honest[i % 2]!.doc.getArray<string>('honest').push([`edit ${i}`]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all([attacker(), attacker(), attacker(), editing]);

    const edits = (c: (typeof honest)[number]) => c.doc.getArray<string>('honest').length;
    await waitFor(() => honest.every((c) => edits(c) === 40), 'honest edits everywhere');
    expect((await fetch(`${server.server.url}/health`)).status).toBe(200);
    const fresh = connectClient(server.syncUrl, board);
    cleanups.push(() => fresh.destroy());
    await fresh.synced;
    await waitFor(
      () =>
        honest.every(
          (c) =>
            Y.encodeStateVector(c.doc).toString() === Y.encodeStateVector(fresh.doc).toString(),
        ),
      'everyone converged',
    );
    // Doc.toJSON lists only types already accessed: read the ones the frames can touch.
    const content = (doc: Y.Doc) =>
      JSON.stringify([
        doc.getArray('honest').toJSON(),
        doc.getArray('items').toJSON(),
        doc.getMap('attack').toJSON(),
        doc.getMap('meta').toJSON(),
      ]);
    const [a, b] = honest.map((c) => content(c.doc));
    expect(a).toBe(b);
    expect(content(fresh.doc)).toBe(a);
    expect(fresh.doc.getArray('honest').length).toBe(40);
    expect(honest.every((c) => c.provider.wsconnected)).toBe(true);
  });
});
