import type { Duplex } from 'node:stream';

/** Frames up to this size are copied into one buffer with their header; larger ones are not. */
const COPY_LIMIT = 64 * 1024;

/**
 * The header of an unmasked, final, binary WebSocket frame (RFC 6455 §5.2) of `length` bytes.
 * Server-to-client frames are never masked, so the same bytes are valid on every socket.
 */
export function binaryFrameHeader(length: number): Buffer {
  const header = Buffer.allocUnsafe(headerLength(length));
  writeHeader(header, length);
  return header;
}

function headerLength(length: number): number {
  return length < 126 ? 2 : length < 0x10000 ? 4 : 10;
}

/** Writes the frame header for a `length`-byte payload at the start of `target`. */
function writeHeader(target: Buffer, length: number): void {
  target[0] = 0x82;
  if (length < 126) {
    target[1] = length;
  } else if (length < 0x10000) {
    target[1] = 126;
    target.writeUInt16BE(length, 2);
  } else {
    target[1] = 127;
    target.writeUInt16BE(0, 2);
    target.writeUIntBE(length, 4, 6);
  }
}

/**
 * Writes WebSocket frames straight to upgraded sockets, without per-send framing:
 * a message sent to many sockets in a row (a broadcast) is framed once and the same bytes are
 * queued on each, and every socket's frames of one event-loop turn go out in one write at the
 * end of the turn (setImmediate: after all I/O callbacks of the poll phase), or at once when the
 * sync core has broadcast a stored batch (`flushAll`). One per endpoint.
 */
export class FrameWriter {
  private dirty: OutboundSocket[] = [];
  private scheduled = false;
  /** The last message framed and its wire chunks, so a broadcast is framed once. */
  private lastMessage: Uint8Array | null = null;
  private lastChunks: Uint8Array[] = [];

  /**
   * Writes every socket's queued frames now. Called by the scheduled immediate, and by the
   * sync core right after it broadcast a stored batch: with SQLite that broadcast happens inside
   * the check phase, where a new immediate would wait a whole further loop turn (and its reads).
   */
  readonly flushAll = (): void => {
    this.scheduled = false;
    const dirty = this.dirty;
    this.dirty = [];
    this.lastMessage = null;
    this.lastChunks = [];
    for (const outbound of dirty) outbound.flush();
  };

  /**
   * An outbound queue for one upgraded socket. `isOpen` is asked again at write time: frames
   * queued before a close frame was sent (answering the client's close) are dropped.
   */
  open(socket: Duplex, isOpen: () => boolean = () => true): OutboundSocket {
    return new OutboundSocket(socket, this, isOpen);
  }

  /** @internal The wire chunks of `message`: one buffer when small, header and payload otherwise. */
  chunksOf(message: Uint8Array): Uint8Array[] {
    if (message === this.lastMessage) return this.lastChunks;
    let chunks: Uint8Array[];
    if (message.byteLength <= COPY_LIMIT) {
      const offset = headerLength(message.byteLength);
      const framed = Buffer.allocUnsafe(offset + message.byteLength);
      writeHeader(framed, message.byteLength);
      framed.set(message, offset);
      chunks = [framed];
    } else {
      chunks = [binaryFrameHeader(message.byteLength), message];
    }
    this.lastMessage = message;
    this.lastChunks = chunks;
    return chunks;
  }

  /** @internal Registers a socket that queued its first frame of this turn. */
  schedule(outbound: OutboundSocket): void {
    this.dirty.push(outbound);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flushAll);
  }
}

/** One socket's frames queued during the current turn. */
export class OutboundSocket {
  private chunks: Uint8Array[] = [];
  /** Bytes queued and not yet handed to the socket. */
  queuedBytes = 0;

  constructor(
    private readonly socket: Duplex,
    private readonly writer: FrameWriter,
    private readonly isOpen: () => boolean,
  ) {}

  /** Queues one binary message; it is written with the turn's other frames. */
  send(message: Uint8Array): void {
    if (this.chunks.length === 0) this.writer.schedule(this);
    for (const chunk of this.writer.chunksOf(message)) {
      this.chunks.push(chunk);
      this.queuedBytes += chunk.byteLength;
    }
  }

  /** Writes everything queued now, in one write (e.g. before a close frame must follow it). */
  flush(): void {
    if (this.chunks.length === 0) return;
    const chunks = this.chunks;
    const bytes = this.queuedBytes;
    this.chunks = [];
    this.queuedBytes = 0;
    if (this.socket.destroyed || !this.socket.writable || !this.isOpen()) return;
    if (chunks.length === 1) {
      this.socket.write(chunks[0]!);
    } else if (bytes <= COPY_LIMIT) {
      const joined = Buffer.allocUnsafe(bytes);
      let offset = 0;
      for (const chunk of chunks) {
        joined.set(chunk, offset);
        offset += chunk.byteLength;
      }
      this.socket.write(joined);
    } else {
      // Large frames are not copied: one writev of every chunk.
      this.socket.cork();
      for (const chunk of chunks) this.socket.write(chunk);
      this.socket.uncork();
    }
  }
}
