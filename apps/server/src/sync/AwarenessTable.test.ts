import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AwarenessTable } from './AwarenessTable';
import { BadMessageError } from './wire';

type Entry = [clientId: number, clock: number, json: string];

function update(...entries: Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

function read(bytes: Uint8Array | null): Entry[] {
  if (!bytes) return [];
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  return Array.from({ length: count }, () => [
    decoding.readVarUint(decoder),
    decoding.readVarUint(decoder),
    decoding.readVarString(decoder),
  ]);
}

describe('AwarenessTable', () => {
  it('takes newer clocks, drops stale ones, and forwards the input itself when all are new', () => {
    const table = new AwarenessTable();
    const owner = {};
    const ids = new Set<number>();
    const first = update([1, 1, '{"a":1}'], [2, 4, '{"b":2}']);
    expect(table.apply(first, owner, ids)).toBe(first);
    expect(table.size).toBe(2);
    expect([...ids]).toEqual([1, 2]);
    expect(table.apply(update([1, 1, '{"a":9}']), owner, ids)).toBeNull();
    // Mixed: only the new entry is forwarded, re-encoded from its original bytes.
    expect(read(table.apply(update([1, 1, '{}'], [2, 5, '{"b":3}']), owner, ids))).toEqual([
      [2, 5, '{"b":3}'],
    ]);
    expect(read(table.encodeAll())).toEqual([
      [1, 1, '{"a":1}'],
      [2, 5, '{"b":3}'],
    ]);
  });

  it('takes a null state at an equal clock as a removal', () => {
    const table = new AwarenessTable();
    const ids = new Set<number>();
    table.apply(update([7, 3, '{}']), {}, ids);
    expect(read(table.apply(update([7, 3, 'null']), {}, ids))).toEqual([[7, 3, 'null']]);
    expect(table.size).toBe(0);
    expect(table.encodeAll()).toBeNull();
    expect(ids.size).toBe(0);
  });

  it('removes only what an owner still owns, with clock + 1', () => {
    const table = new AwarenessTable();
    const a = {};
    const b = {};
    const aIds = new Set<number>();
    const bIds = new Set<number>();
    table.apply(update([1, 1, '{}'], [2, 1, '{}']), a, aIds);
    table.apply(update([2, 2, '{}']), b, bIds);
    expect(read(table.removeOwnedBy(a, aIds))).toEqual([[1, 2, 'null']]);
    expect(read(table.encodeAll())).toEqual([[2, 2, '{}']]);
    expect(table.removeOwnedBy(a, aIds)).toBeNull();
  });

  it('refuses invalid JSON in a taken entry without changing anything; ignores it in a stale one', () => {
    const table = new AwarenessTable();
    const ids = new Set<number>();
    table.apply(update([1, 5, '{}']), {}, ids);
    expect(() => table.apply(update([2, 1, '{}'], [3, 1, '{oops']), {}, ids)).toThrow(
      BadMessageError,
    );
    expect(read(table.encodeAll())).toEqual([[1, 5, '{}']]);
    expect(table.apply(update([1, 4, '{oops']), {}, ids)).toBeNull();
  });

  it('refuses truncated updates and trailing bytes', () => {
    const table = new AwarenessTable();
    const good = update([1, 1, '{}']);
    expect(() => table.apply(good.subarray(0, good.length - 1), {}, new Set())).toThrow(
      BadMessageError,
    );
    expect(() => table.apply(new Uint8Array([...good, 0]), {}, new Set())).toThrow(BadMessageError);
    expect(table.size).toBe(0);
  });
});
