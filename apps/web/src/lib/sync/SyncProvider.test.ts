import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '@qi/protocol';
import { SyncProvider } from './SyncProvider';

/** A browser-shaped WebSocket the test drives by hand. */
class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  binaryType = 'blob';
  sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }
  deliver(message: Uint8Array): void {
    this.onmessage?.({ data: message.slice().buffer });
  }
  closeFromServer(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  kinds(): string[] {
    return this.sent.map((frame) => {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      if (type !== MessageType.sync) return ['sync', 'awareness', 'auth', 'query'][type]!;
      return ['step1', 'step2', 'update'][decoding.readVarUint(decoder)]!;
    });
  }
}

function provider(options: { params?: Record<string, string> } = {}) {
  const doc = new Y.Doc();
  const p = new SyncProvider('ws://host/sync/', 'board', doc, {
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    ...options,
  });
  return { doc, p, socket: FakeSocket.all.at(-1)! };
}

function serverStep2(content: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep2(encoder, content);
  return encoding.toUint8Array(encoder);
}

function remoteAwareness(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  return encoding.toUint8Array(encoder);
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('SyncProvider', () => {
  it('connects with its params, sends step 1 and its own awareness, syncs on step 2', () => {
    const { p, socket } = provider({ params: { token: 'a b' } });
    expect(socket.url).toBe('ws://host/sync/board?token=a+b');
    const statuses: string[] = [];
    p.on('status', ({ status }) => statuses.push(status));
    p.awareness.setLocalStateField('user', { name: 'Ann' });
    socket.open();
    expect(statuses).toEqual(['connected']);
    expect(socket.kinds()).toEqual(['step1', 'awareness']);
    const board = new Y.Doc();
    board.getMap('meta').set('title', 'Plan');
    const synced: boolean[] = [];
    p.on('sync', (state) => synced.push(state));
    socket.deliver(serverStep2(board));
    expect(p.synced).toBe(true);
    expect(synced).toEqual([true]);
    expect(p.doc.getMap('meta').get('title')).toBe('Plan');
    p.destroy();
  });

  it('sends local document changes but not the ones it received', () => {
    const { doc, p, socket } = provider();
    socket.open();
    const remote = new Y.Doc();
    remote.getArray('items').push(['from server']);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(remote));
    socket.deliver(encoding.toUint8Array(encoder));
    expect(socket.kinds()).toEqual(['step1', 'awareness']);
    doc.getArray('items').push(['mine']);
    expect(socket.kinds()).toEqual(['step1', 'awareness', 'update']);
    p.destroy();
  });

  it('sends only its own awareness changes, never remote ones', () => {
    const { p, socket } = provider();
    socket.open();
    socket.deliver(remoteAwareness(777, 1, { cursor: { x: 1 } }));
    socket.deliver(remoteAwareness(777, 2, { cursor: { x: 2 } }));
    expect(p.awareness.getStates().get(777)).toEqual({ cursor: { x: 2 } });
    // On open: step 1 and its own (empty) state; nothing for the remote changes.
    expect(socket.kinds()).toEqual(['step1', 'awareness']);
    p.awareness.setLocalStateField('cursor', { x: 5 });
    expect(socket.kinds()).toEqual(['step1', 'awareness', 'awareness']);
    // Asked for awareness, it tells only its own state.
    socket.deliver(new Uint8Array([MessageType.queryAwareness]));
    const answer = decoding.createDecoder(socket.sent.at(-1)!);
    decoding.readVarUint(answer);
    const update = decoding.createDecoder(decoding.readVarUint8Array(answer));
    expect(decoding.readVarUint(update)).toBe(1);
    expect(decoding.readVarUint(update)).toBe(p.doc.clientID);
    p.destroy();
  });

  it('reconnects with backoff after a drop, forgetting the others meanwhile', () => {
    const { p, socket } = provider();
    socket.open();
    socket.deliver(remoteAwareness(777, 1, { cursor: null }));
    const closes: unknown[] = [];
    p.on('connection-close', (event) => closes.push(event));
    socket.closeFromServer(1006);
    expect(closes).toHaveLength(1);
    expect(p.awareness.getStates().has(777)).toBe(false);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(2_500);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.closeFromServer(CloseCode.tryAgainLater);
    vi.advanceTimersByTime(2_500);
    expect(FakeSocket.all).toHaveLength(3);
    p.destroy();
  });

  it('stops for good on a 44xx close and says why, until connect() is called', () => {
    const { p, socket } = provider();
    socket.open();
    const closed: { code: number; reason: string }[] = [];
    p.on('closed', (event) => closed.push(event));
    socket.closeFromServer(CloseCode.unauthorized, 'missing token');
    expect(closed).toEqual([{ code: CloseCode.unauthorized, reason: 'missing token' }]);
    expect(p.shouldConnect).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    p.connect();
    expect(FakeSocket.all).toHaveLength(2);
    p.destroy();
  });

  it('drops a connection that heard nothing for 30 s, and disconnect() stays down', () => {
    const { p, socket } = provider();
    socket.open();
    vi.advanceTimersByTime(33_000);
    expect(p.wsconnected).toBe(false);
    vi.advanceTimersByTime(2_500);
    expect(FakeSocket.all).toHaveLength(2);
    p.disconnect();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(2);
    p.destroy();
  });
});
