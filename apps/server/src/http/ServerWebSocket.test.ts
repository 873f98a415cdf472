import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { waitFor } from '../../test/helpers';
import { FrameWriter } from './FrameWriter';
import { ServerWebSocket } from './ServerWebSocket';

interface Accepted {
  ws: ServerWebSocket;
  messages: { data: Buffer; isBinary: boolean }[];
  closedWith: number | null;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A real HTTP server whose upgrades become ServerWebSockets; `accepted` lists them. */
async function serve(maxPayload = 1024) {
  const accepted: Accepted[] = [];
  const writer = new FrameWriter();
  const server = createServer();
  servers.push(server);
  server.on('upgrade', (request, socket: Socket, head: Buffer) => {
    const ws = ServerWebSocket.accept(request, socket, writer, maxPayload);
    if (!ws) return;
    const entry: Accepted = { ws, messages: [], closedWith: null };
    accepted.push(entry);
    ws.start(
      {
        message: (data, isBinary) => entry.messages.push({ data: Buffer.from(data), isBinary }),
        closed: (code) => (entry.closedWith = code),
      },
      head,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { accepted, port, url: `ws://127.0.0.1:${port}/x` };
}

function client(url: string, protocols?: string[]): Promise<WebSocket> {
  const ws = new WebSocket(url, protocols, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

/** A masked client frame, written by hand (for what the ws client will not send). */
function maskedFrame(firstByte: number, payload: Buffer, masked = true): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const header = Buffer.from([firstByte, (masked ? 0x80 : 0) | payload.length]);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i & 3]!));
  return Buffer.concat(masked ? [header, mask, body] : [header, payload]);
}

/** A raw TCP client past the opening handshake. */
async function rawClient(port: number): Promise<{ socket: Socket; received: () => Buffer }> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(
    'GET /x HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  await waitFor(() => Buffer.concat(chunks).includes('\r\n\r\n'), 'the 101 answer');
  const text = Buffer.concat(chunks).toString('latin1');
  expect(text).toContain('101 Switching Protocols');
  expect(text).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  const headerEnd = Buffer.concat(chunks).indexOf('\r\n\r\n') + 4;
  return { socket, received: () => Buffer.concat(chunks).subarray(headerEnd) };
}

describe('ServerWebSocket', () => {
  it('receives whole, fragmented and text messages from a stock ws client, and answers pings', async () => {
    const { accepted, url } = await serve();
    const ws = await client(url, ['qi-token.abc', 'other']);
    expect(ws.protocol).toBe('qi-token.abc');
    ws.send(new Uint8Array([1, 2, 3]));
    ws.send(new Uint8Array([4, 5]), { fin: false });
    ws.send(new Uint8Array([6]), { fin: true });
    ws.send('hi');
    const pong = new Promise<Buffer>((resolve) => ws.once('pong', resolve));
    ws.ping(Buffer.from('p'));
    expect((await pong).toString()).toBe('p');
    await waitFor(() => accepted[0]?.messages.length === 3, 'three messages');
    expect(accepted[0]!.messages).toEqual([
      { data: Buffer.from([1, 2, 3]), isBinary: true },
      { data: Buffer.from([4, 5, 6]), isBinary: true },
      { data: Buffer.from('hi'), isBinary: false },
    ]);
    // The server's ping is answered by the client; the pong clears the flag.
    accepted[0]!.ws.ping();
    expect(accepted[0]!.ws.awaitingPong).toBe(true);
    await waitFor(() => !accepted[0]!.ws.awaitingPong, 'the pong');
    ws.terminate();
  });

  it('parses frames that arrive a byte at a time', async () => {
    const { accepted, port } = await serve();
    const { socket } = await rawClient(port);
    const bytes = Buffer.concat([
      maskedFrame(0x82, Buffer.from([9, 8, 7])),
      maskedFrame(0x82, Buffer.from('abcdefgh')),
    ]);
    for (const byte of bytes) {
      socket.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => accepted[0]?.messages.length === 2, 'two messages');
    expect(accepted[0]!.messages.map((m) => m.data)).toEqual([
      Buffer.from([9, 8, 7]),
      Buffer.from('abcdefgh'),
    ]);
    socket.destroy();
  });

  it('answers the close handshake both ways with the code', async () => {
    const { accepted, url } = await serve();
    const a = await client(url);
    const aClosed = closeOf(a);
    a.close(4000, 'bye');
    expect((await aClosed).code).toBe(4000);
    await waitFor(() => accepted[0]?.closedWith === 4000, 'the server side closed');

    const b = await client(url);
    const bClosed = closeOf(b);
    await waitFor(() => accepted.length === 2, 'accepted');
    accepted[1]!.ws.send(new Uint8Array([1]));
    const got: Buffer[] = [];
    b.on('message', (data: Buffer) => got.push(data));
    accepted[1]!.ws.close(4400, 'bad message');
    expect(accepted[1]!.ws.isOpen()).toBe(false);
    expect(await bClosed).toEqual({ code: 4400, reason: 'bad message' });
    // What was queued before the close went out ahead of it.
    expect(got).toEqual([Buffer.from([1])]);
    await waitFor(() => accepted[1]!.closedWith === 4400, 'the server side closed');
  });

  it('closes with 1002 on an unmasked frame and with 1009 past maxPayload', async () => {
    const { port } = await serve(16);
    const unmasked = await rawClient(port);
    unmasked.socket.write(maskedFrame(0x82, Buffer.from([1]), false));
    await waitFor(() => unmasked.received().length >= 4, 'a close frame');
    expect(unmasked.received()[0]).toBe(0x88);
    expect(unmasked.received().readUInt16BE(2)).toBe(1002);
    unmasked.socket.destroy();

    const big = await rawClient(port);
    big.socket.write(maskedFrame(0x82, Buffer.alloc(17)));
    await waitFor(() => big.received().length >= 4, 'a close frame');
    expect(big.received().readUInt16BE(2)).toBe(1009);
    big.socket.destroy();
  });

  it('answers a request that is not a WebSocket upgrade with 400', async () => {
    const { accepted, port } = await serve();
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write('GET /x HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    await waitFor(() => Buffer.concat(chunks).length > 0, 'an answer');
    expect(Buffer.concat(chunks).toString()).toMatch(/^HTTP\/1.1 400/);
    expect(accepted).toHaveLength(0);
    socket.destroy();
  });
});
