import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FrameWriter, OutboundSocket } from './FrameWriter';

/** RFC 6455 §1.3: appended to the client's key before hashing. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** How long a server-sent close waits for the client's close frame before the socket is cut. */
const CLOSE_TIMEOUT_MS = 10_000;

const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/** What an accepted socket reports (one object per connection, so no closures are needed). */
export interface WebSocketEvents {
  /** A whole data message (fragments joined, unmasked): a view the receiver may keep. */
  message(data: Buffer, isBinary: boolean): void;
  /** The socket is gone (close handshake done, cut, or failed); called once. */
  closed(code: number): void;
}

/**
 * The server side of one WebSocket (RFC 6455) on an upgraded socket, in place of `ws` for sync
 * connections: it parses client frames straight from the socket's chunks (unmasked in place, no
 * per-message stream machinery), answers pings and the close handshake, and leaves data frames
 * to the FrameWriter. A protocol violation closes with 1002, a message over `maxPayload` with 1009.
 */
export class ServerWebSocket {
  /** Chunks received and not yet parsed, and their total length. */
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The frame being read: its header once parsed (payload length and mask), else null. */
  private frame: { fin: boolean; opcode: number; length: number; mask: Buffer } | null = null;
  /** Fragments of a data message still missing its final frame. */
  private fragments: Buffer[] | null = null;
  private fragmentsBytes = 0;
  private fragmentsBinary = false;
  private closeSent = false;
  private closeReceived = false;
  private gone = false;
  private closeTimer: NodeJS.Timeout | null = null;
  /** The close code the client sent (1005: none), or 1006 while none arrived. */
  private closeCode = 1006;
  private events: WebSocketEvents | null = null;
  /** Set by `ping`, cleared by the pong: still set at the next heartbeat means the peer is gone. */
  awaitingPong = false;
  readonly outbound: OutboundSocket;

  /**
   * Completes the opening handshake (101) on `socket`; reading starts with `start`. Returns
   * null, having answered 400, if the request is not a valid WebSocket upgrade.
   */
  static accept(
    request: IncomingMessage,
    socket: Socket,
    writer: FrameWriter,
    maxPayload: number,
  ): ServerWebSocket | null {
    const key = request.headers['sec-websocket-key'];
    const version = request.headers['sec-websocket-version'];
    // As `ws` does: the first subprotocol offered is the one selected (PROTOCOL.md, qi-token).
    const offered = request.headers['sec-websocket-protocol'];
    const protocol = offered === undefined ? null : (offered.split(',')[0]?.trim() ?? '');
    if (
      (protocol !== null && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(protocol)) ||
      request.method !== 'GET' ||
      request.headers.upgrade?.toLowerCase() !== 'websocket' ||
      typeof key !== 'string' ||
      !/^[+/0-9A-Za-z]{22}==$/.test(key) ||
      (version !== '13' && version !== '8')
    ) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return null;
    }
    const accept = createHash('sha1')
      .update(key + HANDSHAKE_GUID)
      .digest('base64');
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\n` +
        (protocol === null ? '' : `Sec-WebSocket-Protocol: ${protocol}\r\n`) +
        '\r\n',
    );
    return new ServerWebSocket(socket, writer, maxPayload);
  }

  private constructor(
    readonly socket: Socket,
    writer: FrameWriter,
    private readonly maxPayload: number,
  ) {
    this.outbound = writer.open(socket, this.isOpen);
  }

  /** Starts reading: `head` (bytes that came with the upgrade request) first, then the socket. */
  start(events: WebSocketEvents, head: Buffer): void {
    this.events = events;
    this.socket.on('data', this.onData);
    this.socket.on('close', this.onSocketClose);
    // The client ended its side: nothing more will be read, so finish ours.
    this.socket.on('end', this.onEnd);
    if (head.length > 0) this.onData(head);
  }

  /** True until a close frame went either way: data frames may still be written. */
  readonly isOpen = (): boolean => !this.closeSent && !this.closeReceived && !this.gone;

  /** Bytes handed to the socket and not yet sent, plus those queued for this turn's write. */
  get bufferedAmount(): number {
    return this.socket.writableLength + this.outbound.queuedBytes;
  }

  /** Queues one binary message (written with the turn's other frames). */
  send(message: Uint8Array): void {
    if (this.isOpen()) this.outbound.send(message);
  }

  /** Sends a ping (the heartbeat); the pong clears `awaitingPong`. */
  ping(): void {
    this.awaitingPong = true;
    if (this.isOpen()) this.socket.write(controlFrame(OP_PING, EMPTY));
  }

  /**
   * Starts the close handshake: what was queued goes out first, then the close frame; the
   * socket is cut if the client does not answer within CLOSE_TIMEOUT_MS.
   */
  close(code: number, reason: string): void {
    if (this.closeSent || this.gone) return;
    this.outbound.flush();
    this.closeSent = true;
    const reasonBytes = Buffer.from(reason).subarray(0, 123);
    const payload = Buffer.allocUnsafe(2 + reasonBytes.length);
    payload.writeUInt16BE(code, 0);
    reasonBytes.copy(payload, 2);
    this.socket.write(controlFrame(OP_CLOSE, payload));
    if (this.closeReceived) {
      this.socket.end();
      return;
    }
    this.closeTimer = setTimeout(() => this.socket.destroy(), CLOSE_TIMEOUT_MS);
    this.closeTimer.unref();
  }

  /** Cuts the connection at once, without a close handshake. */
  terminate(): void {
    this.socket.destroy();
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.gone || this.closeReceived) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      this.parse();
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.chunks = [];
      this.buffered = 0;
      this.close(error.code, error.message);
    }
  };

  private parse(): void {
    while (!this.closeReceived && !this.gone) {
      if (!this.frame) {
        if (this.buffered < 2) return;
        const first = this.peek(2);
        if ((first[0]! & 0x70) !== 0) throw new ProtocolError(1002, 'RSV bits set');
        if ((first[1]! & 0x80) === 0) throw new ProtocolError(1002, 'client frame not masked');
        const lengthCode = first[1]! & 0x7f;
        const headerBytes = 2 + (lengthCode === 126 ? 2 : lengthCode === 127 ? 8 : 0) + 4;
        if (this.buffered < headerBytes) return;
        this.frame = this.readHeader(this.take(headerBytes), lengthCode);
      }
      const frame = this.frame;
      if (this.buffered < frame.length) return;
      this.frame = null;
      const payload = frame.length === 0 ? EMPTY : this.take(frame.length);
      unmask(payload, frame.mask);
      this.onFrame(frame.fin, frame.opcode, payload);
    }
  }

  private readHeader(
    header: Buffer,
    lengthCode: number,
  ): { fin: boolean; opcode: number; length: number; mask: Buffer } {
    const fin = (header[0]! & 0x80) !== 0;
    const opcode = header[0]! & 0x0f;
    let length = lengthCode;
    let offset = 2;
    if (lengthCode === 126) {
      length = header.readUInt16BE(2);
      offset = 4;
    } else if (lengthCode === 127) {
      const high = header.readUInt32BE(2);
      // Anything past 2^53 (or, in practice, past maxPayload) is refused below.
      length = high * 2 ** 32 + header.readUInt32BE(6);
      offset = 10;
    }
    if (opcode >= OP_CLOSE) {
      if (!fin || length > 125) throw new ProtocolError(1002, 'bad control frame');
      if (opcode > OP_PONG) throw new ProtocolError(1002, `unknown opcode ${opcode}`);
    } else if (opcode > OP_BINARY) {
      throw new ProtocolError(1002, `unknown opcode ${opcode}`);
    } else if (length + (opcode === OP_CONTINUATION ? this.fragmentsBytes : 0) > this.maxPayload) {
      throw new ProtocolError(1009, 'Max payload size exceeded');
    }
    return { fin, opcode, length, mask: header.subarray(offset, offset + 4) };
  }

  private onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case OP_TEXT:
      case OP_BINARY:
        if (this.fragments) throw new ProtocolError(1002, 'data frame inside a fragmented message');
        if (fin) {
          this.events!.message(payload, opcode === OP_BINARY);
        } else {
          this.fragments = [payload];
          this.fragmentsBytes = payload.length;
          this.fragmentsBinary = opcode === OP_BINARY;
        }
        return;
      case OP_CONTINUATION: {
        if (!this.fragments) throw new ProtocolError(1002, 'continuation without a message');
        // Empty fragments are not kept: a stream of them must not grow memory.
        if (payload.length > 0) this.fragments.push(payload);
        this.fragmentsBytes += payload.length;
        if (!fin) return;
        const data = Buffer.concat(this.fragments, this.fragmentsBytes);
        this.fragments = null;
        this.fragmentsBytes = 0;
        this.events!.message(data, this.fragmentsBinary);
        return;
      }
      case OP_PING:
        if (this.isOpen()) this.socket.write(controlFrame(OP_PONG, payload));
        return;
      case OP_PONG:
        this.awaitingPong = false;
        return;
      case OP_CLOSE: {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        if (payload.length === 1 || (payload.length >= 2 && !isValidCloseCode(code))) {
          throw new ProtocolError(1002, 'bad close frame');
        }
        this.closeReceived = true;
        this.closeCode = code;
        if (!this.closeSent) {
          // Answer with the same code (none if it sent none), then finish.
          this.closeSent = true;
          this.socket.write(
            controlFrame(OP_CLOSE, payload.subarray(0, payload.length >= 2 ? 2 : 0)),
          );
        }
        this.socket.end();
        return;
      }
    }
  }

  private readonly onEnd = (): void => {
    if (!this.socket.destroyed) this.socket.end();
  };

  private readonly onSocketClose = (): void => {
    if (this.gone) return;
    this.gone = true;
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.chunks = [];
    this.fragments = null;
    this.events!.closed(this.closeCode);
  };

  /** The first `n` buffered bytes, without consuming them (n is small: a header). */
  private peek(n: number): Buffer {
    const head = this.chunks[0]!;
    return head.length >= n ? head : Buffer.concat(this.chunks, this.buffered).subarray(0, n);
  }

  /** Consumes the first `n` buffered bytes: a view when one chunk holds them, else a copy. */
  private take(n: number): Buffer {
    this.buffered -= n;
    const head = this.chunks[0]!;
    if (head.length > n) {
      this.chunks[0] = head.subarray(n);
      return head.subarray(0, n);
    }
    if (head.length === n) {
      this.chunks.shift();
      return head;
    }
    const out = Buffer.allocUnsafe(n);
    let offset = 0;
    while (offset < n) {
      const chunk = this.chunks[0]!;
      const part = Math.min(chunk.length, n - offset);
      chunk.copy(out, offset, 0, part);
      offset += part;
      if (part === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(part);
    }
    return out;
  }
}

const EMPTY = Buffer.alloc(0);

/** A frame that breaks RFC 6455; the connection is closed with `code`. */
class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** An unmasked server control frame (payload ≤ 125 bytes). */
function controlFrame(opcode: number, payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(2 + payload.length);
  frame[0] = 0x80 | opcode;
  frame[1] = payload.length;
  payload.copy(frame, 2);
  return frame;
}

/** XORs `payload` with the 4-byte `mask` in place (RFC 6455 §5.3). */
function unmask(payload: Buffer, mask: Buffer): void {
  const length = payload.length;
  const m0 = mask[0]!;
  const m1 = mask[1]!;
  const m2 = mask[2]!;
  const m3 = mask[3]!;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    payload[i] = payload[i]! ^ m0;
    payload[i + 1] = payload[i + 1]! ^ m1;
    payload[i + 2] = payload[i + 2]! ^ m2;
    payload[i + 3] = payload[i + 3]! ^ m3;
  }
  for (; i < length; i++) payload[i] = payload[i]! ^ mask[i & 3]!;
}

/** Close codes a client may send (RFC 6455 §7.4, as `ws` accepts them). */
function isValidCloseCode(code: number): boolean {
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
    (code >= 3000 && code <= 4999)
  );
}
