import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { BadMessageError } from './wire';

interface Entry {
  clock: number;
  /** The entry's state as encoded on the wire (varString of JSON), or null once removed. */
  state: Uint8Array | null;
  /** The connection that last published this client id; only it may cause its removal. */
  owner: object | null;
}

interface ParsedEntry {
  clientId: number;
  clock: number;
  /** Offsets of the whole entry (id, clock, state) inside the update. */
  start: number;
  end: number;
  /** Offset where the state's varString starts. */
  stateStart: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The server's copy of a board's awareness (y-protocols semantics: an entry is taken when its
 * clock is newer, or equal with a null state). States stay as wire bytes: the server only needs
 * to forward them and to replay them to newcomers, never to read a cursor. Each taken state
 * is JSON-validated once so a malformed one never reaches other clients.
 */
export class AwarenessTable {
  private readonly entries = new Map<number, Entry>();
  /** Number of client ids with a live (non-null) state. */
  private live = 0;

  get size(): number {
    return this.live;
  }

  /**
   * Applies an awareness update published by `owner`. Returns the update to forward to the
   * other connections (the input itself when every entry was taken), or null when nothing
   * was new. Throws BadMessageError, changing nothing, if the update is malformed. The ids of
   * the entries taken are added to `changed` when given. `checked`: the states' JSON is known
   * to be valid (the server wrote it), so it is not parsed again.
   */
  apply(
    update: Uint8Array,
    owner: object,
    ownedIds: Set<number>,
    changed?: Set<number> | null,
    checked = false,
  ): Uint8Array | null {
    const parsed = parse(update);
    const taken: ParsedEntry[] = [];
    const states: (Uint8Array | null)[] = [];
    for (const entry of parsed) {
      const current = this.entries.get(entry.clientId);
      const currentClock = current ? current.clock : 0;
      const stateBytes = update.subarray(entry.stateStart, entry.end);
      const isNull = stateIsNull(update, entry.stateStart);
      if (
        currentClock < entry.clock ||
        (currentClock === entry.clock && isNull && current !== undefined && current.state !== null)
      ) {
        taken.push(entry);
        // Copied: a view would pin the whole socket read buffer for as long as the state lives.
        states.push(isNull ? null : stateBytes.slice());
      }
    }
    // Only taken entries are JSON-validated: stale echoes (the stock provider re-sends every
    // remote change) are dropped unread. All validation happens before any mutation.
    for (let i = 0; i < taken.length && !checked; i++) {
      if (states[i] !== null) validateJson(states[i]!);
    }
    for (let i = 0; i < taken.length; i++) {
      const entry = taken[i]!;
      const state = states[i]!;
      const current = this.entries.get(entry.clientId);
      if (current?.state) this.live--;
      if (state) this.live++;
      this.entries.set(entry.clientId, { clock: entry.clock, state, owner: state ? owner : null });
      if (state) ownedIds.add(entry.clientId);
      else ownedIds.delete(entry.clientId);
      changed?.add(entry.clientId);
    }
    if (taken.length === 0) return null;
    if (taken.length === parsed.length) return update;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, taken.length);
    for (const entry of taken) {
      encoding.writeUint8Array(encoder, update.subarray(entry.start, entry.end));
    }
    return encoding.toUint8Array(encoder);
  }

  /**
   * Removes the states `owner` published (those it still owns) and returns the awareness
   * update announcing the removals, or null if there were none.
   */
  removeOwnedBy(owner: object, ownedIds: Set<number>): Uint8Array | null {
    const removed: [number, number][] = [];
    for (const clientId of ownedIds) {
      const entry = this.entries.get(clientId);
      if (!entry || entry.owner !== owner || entry.state === null) continue;
      entry.clock += 1;
      entry.state = null;
      entry.owner = null;
      this.live--;
      removed.push([clientId, entry.clock]);
    }
    ownedIds.clear();
    if (removed.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, removed.length);
    for (const [clientId, clock] of removed) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, 'null');
    }
    return encoding.toUint8Array(encoder);
  }

  /** The clock at which `clientId`'s state was removed, or null if it is live or unknown. */
  removedClock(clientId: number): number | null {
    const entry = this.entries.get(clientId);
    return entry && entry.state === null ? entry.clock : null;
  }

  /** The connection that published `clientId`'s live state, or null if none has one now. */
  ownerOf(clientId: number): object | null {
    const entry = this.entries.get(clientId);
    return entry && entry.state !== null ? entry.owner : null;
  }

  /** The live states whose owner passes `keep`, as one awareness update; null if none. */
  encodeOwnedBy(keep: (owner: object) => boolean): Uint8Array | null {
    const encoder = encoding.createEncoder();
    let count = 0;
    const body = encoding.createEncoder();
    for (const [clientId, entry] of this.entries) {
      if (entry.state === null || entry.owner === null || !keep(entry.owner)) continue;
      count++;
      encoding.writeVarUint(body, clientId);
      encoding.writeVarUint(body, entry.clock);
      encoding.writeUint8Array(body, entry.state);
    }
    if (count === 0) return null;
    encoding.writeVarUint(encoder, count);
    encoding.writeUint8Array(encoder, encoding.toUint8Array(body));
    return encoding.toUint8Array(encoder);
  }

  /**
   * The current entries of `clientIds` (removed ones as `null`) as one awareness update, for a
   * tick of coalesced changes; null if none of them is known.
   */
  encodeEntries(clientIds: Iterable<number>): Uint8Array | null {
    const encoder = encoding.createEncoder();
    let count = 0;
    const body = encoding.createEncoder();
    for (const clientId of clientIds) {
      const entry = this.entries.get(clientId);
      if (!entry) continue;
      count++;
      encoding.writeVarUint(body, clientId);
      encoding.writeVarUint(body, entry.clock);
      if (entry.state) encoding.writeUint8Array(body, entry.state);
      else encoding.writeVarString(body, 'null');
    }
    if (count === 0) return null;
    encoding.writeVarUint(encoder, count);
    encoding.writeUint8Array(encoder, encoding.toUint8Array(body));
    return encoding.toUint8Array(encoder);
  }

  /** Every live state as one awareness update, for a newcomer or a query; null if none. */
  encodeAll(): Uint8Array | null {
    if (this.live === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, this.live);
    for (const [clientId, entry] of this.entries) {
      if (entry.state === null) continue;
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeUint8Array(encoder, entry.state);
    }
    return encoding.toUint8Array(encoder);
  }
}

function parse(update: Uint8Array): ParsedEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: ParsedEntry[] = [];
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const start = decoder.pos;
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const stateStart = decoder.pos;
      decoding.readVarUint8Array(decoder);
      entries.push({ clientId, clock, start, end: decoder.pos, stateStart });
    }
  } catch (error) {
    throw new BadMessageError('malformed awareness update', { cause: error });
  }
  if (decoding.hasContent(decoder)) throw new BadMessageError('trailing bytes in awareness update');
  return entries;
}

/** Throws BadMessageError unless `state` (a varString) holds valid UTF-8 JSON. */
function validateJson(state: Uint8Array): void {
  const decoder = decoding.createDecoder(state);
  try {
    JSON.parse(utf8.decode(decoding.readVarUint8Array(decoder)));
  } catch (error) {
    throw new BadMessageError('awareness state is not JSON', { cause: error });
  }
}

/** The varString at `offset` is exactly `null` (what y-protocols writes for a removed state). */
function stateIsNull(update: Uint8Array, offset: number): boolean {
  return (
    update[offset] === 4 &&
    update[offset + 1] === 0x6e &&
    update[offset + 2] === 0x75 &&
    update[offset + 3] === 0x6c &&
    update[offset + 4] === 0x6c
  );
}
