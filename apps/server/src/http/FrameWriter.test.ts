import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { FrameWriter, binaryFrameHeader } from './FrameWriter';

/** ws's frame parser (exported at run time, absent from @types/ws). */
interface FrameParser {
  on(event: 'message', listener: (data: Buffer) => void): void;
  write(chunk: Buffer): void;
}
const { Receiver } = ws as unknown as {
  Receiver: new (options: { isServer: boolean }) => FrameParser;
};

/** Reads what a FrameWriter wrote back through ws's own (client-side) frame parser. */
function receive(bytes: Buffer): Buffer[] {
  const messages: Buffer[] = [];
  const receiver = new Receiver({ isServer: false });
  receiver.on('message', (data) => messages.push(Buffer.from(data)));
  receiver.write(bytes);
  return messages;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('FrameWriter', () => {
  it('writes header lengths of all three sizes', () => {
    expect([...binaryFrameHeader(5)]).toEqual([0x82, 5]);
    expect([...binaryFrameHeader(300)]).toEqual([0x82, 126, 1, 44]);
    expect([...binaryFrameHeader(70_000)]).toEqual([0x82, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70]);
  });

  it("writes a socket's frames of one turn in one write, framed once per broadcast", async () => {
    const writer = new FrameWriter();
    const sockets = [new PassThrough(), new PassThrough()];
    const writes = sockets.map(() => [] as Buffer[]);
    sockets.forEach((socket, i) => socket.on('data', (chunk: Buffer) => writes[i]!.push(chunk)));
    const outbound = sockets.map((socket) => writer.open(socket));
    const small = new Uint8Array([1, 2, 3]);
    const large = new Uint8Array(100_000).fill(7);
    for (const o of outbound) o.send(small);
    outbound[0]!.send(large);
    outbound[1]!.send(new Uint8Array(300).fill(9));
    expect(writes[0]).toHaveLength(0);
    await turn();
    await turn();
    const first = receive(Buffer.concat(writes[0]!));
    expect(first.map((m) => m.length)).toEqual([3, 100_000]);
    expect(first[1]!.every((b) => b === 7)).toBe(true);
    expect(writes[1]).toHaveLength(1);
    expect(receive(writes[1]![0]!).map((m) => m.length)).toEqual([3, 300]);
  });

  it('drops what was queued once the socket stopped being open (a close frame went out)', async () => {
    const writer = new FrameWriter();
    const socket = new PassThrough();
    let open = true;
    const outbound = writer.open(socket, () => open);
    outbound.send(new Uint8Array([2, 0]));
    open = false;
    await turn();
    expect(socket.read()).toBeNull();
  });

  it('flushes at once on demand, before a close frame', () => {
    const writer = new FrameWriter();
    const socket = new PassThrough();
    const outbound = writer.open(socket);
    outbound.send(new Uint8Array([2, 0]));
    outbound.flush();
    expect(receive(socket.read() as Buffer)).toEqual([Buffer.from([2, 0])]);
  });

  it('writes every socket\'s queued frames on flushAll, in the turn it is called', () => {
    const writer = new FrameWriter();
    const sockets = [new PassThrough(), new PassThrough()];
    const outbound = sockets.map((socket) => writer.open(socket));
    for (const o of outbound) o.send(new Uint8Array([1, 2]));
    outbound[1]!.send(new Uint8Array([3]));
    writer.flushAll();
    expect(receive(sockets[0]!.read() as Buffer)).toEqual([Buffer.from([1, 2])]);
    expect(receive(sockets[1]!.read() as Buffer)).toEqual([Buffer.from([1, 2]), Buffer.from([3])]);
  });
});
