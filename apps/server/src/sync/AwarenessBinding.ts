import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { AwarenessUser } from '@qi/protocol';
import { BadMessageError } from './wire';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** An awareness update of one entry: `clientId`'s state `json` at `clock`. */
function oneEntry(clientId: number, clock: number, json: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, json);
  return encoding.toUint8Array(encoder);
}

/**
 * The awareness-binding rule for one connection (PROTOCOL.md, "Awareness"): it publishes exactly
 * one client id, its own: the first id it publishes that no other live connection owns — or that
 * one owned by a connection made with the same invite link, which is how a client that
 * reconnected (after a network change, or to show a new display name) takes its id back before
 * the server has seen its old socket close. Entries
 * for any other id are dropped before the board's AwarenessTable sees them (a stock client's
 * echoes of others' states were never taken anyway, so honest clients lose nothing). In its own
 * entry the `user` field is replaced by the identity the server bound at the upgrade (name and
 * colour from the join parameters, role from the token), so names cannot be spoofed.
 */
export class AwarenessBinding {
  private clientId: number | null = null;
  /** Clock of the last own non-null state `filter` let through, or null. */
  private lastClock: number | null = null;

  constructor(
    readonly user: AwarenessUser,
    /** The invite link the connection came through; absent: no takeover of a stale id. */
    readonly linkId?: string,
  ) {}

  /**
   * True when `other` came through the same invite link. Taking over its id shows this
   * connection's own bound identity, never the other's: nobody's name can be borrowed.
   */
  private isSameLink(other: unknown): boolean {
    return (
      other instanceof AwarenessBinding && this.linkId !== undefined && other.linkId === this.linkId
    );
  }

  /** The client id this connection owns, once it published one. */
  get boundClientId(): number | null {
    return this.clientId;
  }

  /**
   * Returns `update` reduced to this connection's own entry with the bound `user`, or null when
   * nothing of it may be applied. `ownerOf` says which connection owns a client id now (null for
   * none; a connection exposes its binding as `options.awareness`); `self` is this connection.
   * Throws BadMessageError if the update is malformed.
   */
  filter(
    update: Uint8Array,
    self: object,
    ownerOf: (clientId: number) => object | null,
  ): Uint8Array | null {
    // Others' entries (a stock client's echoes, most of what a busy board receives) are
    // skipped over without allocating anything.
    const decoder = decoding.createDecoder(update);
    let ownClock = -1;
    let ownStart = 0;
    let ownEnd = 0;
    try {
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(decoder);
        const clock = decoding.readVarUint(decoder);
        const length = decoding.readVarUint(decoder);
        const start = decoder.pos;
        decoder.pos += length;
        if (decoder.pos > update.length) throw new RangeError('state past the end');
        if (this.clientId === null && !isNull(update, start, length)) {
          const owner = ownerOf(clientId);
          const ownerBinding = (owner as { options?: { awareness?: unknown } } | null)?.options
            ?.awareness;
          if (owner === null || owner === self || this.isSameLink(ownerBinding)) {
            this.clientId = clientId;
          }
        }
        if (clientId === this.clientId) {
          ownClock = clock;
          ownStart = start;
          ownEnd = decoder.pos;
        }
      }
    } catch (error) {
      throw new BadMessageError('malformed awareness update', { cause: error });
    }
    if (decoding.hasContent(decoder))
      throw new BadMessageError('trailing bytes in awareness update');
    if (ownClock < 0 || this.clientId === null) return null;
    const removed = isNull(update, ownStart, ownEnd - ownStart);
    this.lastClock = removed ? null : ownClock;
    const json = removed ? 'null' : this.rewrite(update.subarray(ownStart, ownEnd));
    return oneEntry(this.clientId, ownClock, json);
  }

  /**
   * When the board removed this connection's client id at a clock not below the state just
   * filtered (the client reconnected after the server dropped its old connection), the state
   * would be ignored as stale forever: returns the removal to send back to this client, which
   * then re-publishes with a newer clock (y-protocols: a client never accepts its own removal).
   * `removedClock` gives the clock of a removed id, or null if the id is live or unknown.
   */
  staleNotice(removedClock: (clientId: number) => number | null): Uint8Array | null {
    if (this.clientId === null || this.lastClock === null) return null;
    const removedAt = removedClock(this.clientId);
    if (removedAt === null || removedAt < this.lastClock) return null;
    return oneEntry(this.clientId, removedAt, 'null');
  }

  /** The state's JSON with `user` replaced by the bound identity. */
  private rewrite(state: Uint8Array): string {
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(state));
    } catch (error) {
      throw new BadMessageError('awareness state is not JSON', { cause: error });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) value = {};
    // The parsed object is ours alone: the bound identity replaces `user` in place.
    (value as Record<string, unknown>).user = this.user;
    return JSON.stringify(value);
  }
}

/** The `length` bytes at `start` of `bytes` are the JSON `null` (a removed state). */
function isNull(bytes: Uint8Array, start: number, length: number): boolean {
  return (
    length === 4 &&
    bytes[start] === 0x6e &&
    bytes[start + 1] === 0x75 &&
    bytes[start + 2] === 0x6c &&
    bytes[start + 3] === 0x6c
  );
}
