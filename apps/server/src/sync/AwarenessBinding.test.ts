import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AwarenessBinding } from './AwarenessBinding';
import { BadMessageError } from './wire';

function update(...entries: [number, number, unknown][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

function read(bytes: Uint8Array): [number, number, unknown][] {
  const decoder = decoding.createDecoder(bytes);
  const entries: [number, number, unknown][] = [];
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    entries.push([
      decoding.readVarUint(decoder),
      decoding.readVarUint(decoder),
      JSON.parse(decoding.readVarString(decoder)),
    ]);
  }
  return entries;
}

const user = { name: 'Pat', color: '#7c3aed', role: 'patient' as const };
const self = {};
const nobody = () => null;

describe('AwarenessBinding', () => {
  it('binds the first id published and replaces the user field with the bound identity', () => {
    const binding = new AwarenessBinding(user);
    const out = binding.filter(
      update([7, 1, { user: { name: 'Dr Who', role: 'facilitator' }, cursor: { x: 1, y: 2 } }]),
      self,
      nobody,
    );
    expect(binding.boundClientId).toBe(7);
    expect(read(out!)).toEqual([[7, 1, { user, cursor: { x: 1, y: 2 } }]]);
  });

  it('drops entries for every other client id, echoes and forgeries alike', () => {
    const binding = new AwarenessBinding(user);
    binding.filter(update([7, 1, {}]), self, nobody);
    expect(binding.filter(update([8, 5, { user: { name: 'X' } }]), self, nobody)).toBeNull();
    const mixed = binding.filter(update([8, 6, null], [7, 2, { cursor: null }]), self, nobody);
    expect(read(mixed!)).toEqual([[7, 2, { cursor: null, user }]]);
    expect(read(binding.filter(update([7, 3, null]), self, nobody)!)).toEqual([[7, 3, null]]);
  });

  it('does not bind an id another live connection owns', () => {
    const binding = new AwarenessBinding(user);
    const other = {};
    expect(binding.filter(update([9, 4, {}]), self, () => other)).toBeNull();
    expect(binding.boundClientId).toBeNull();
    expect(read(binding.filter(update([10, 1, 'odd']), self, nobody)!)).toEqual([
      [10, 1, { user }],
    ]);
  });

  it('lets a connection of the same link take back an id after reconnecting', () => {
    const stale = { options: { awareness: new AwarenessBinding(user, 'linkAAAAAAAAAAAA') } };
    const again = new AwarenessBinding(user, 'linkAAAAAAAAAAAA');
    expect(read(again.filter(update([9, 5, {}]), self, () => stale)!)).toEqual([[9, 5, { user }]]);
    const otherLink = new AwarenessBinding(user, 'linkBBBBBBBBBBBB');
    expect(otherLink.filter(update([9, 6, {}]), self, () => stale)).toBeNull();
    // A new display name reconnects too; what others see is the new connection's identity.
    const renamed = { ...user, name: 'Pat R' };
    const afterRename = new AwarenessBinding(renamed, 'linkAAAAAAAAAAAA');
    expect(read(afterRename.filter(update([9, 7, { user }]), self, () => stale)!)).toEqual([
      [9, 7, { user: renamed }],
    ]);
  });

  it('tells a reconnected client its state was removed, so it re-publishes newer', () => {
    const binding = new AwarenessBinding(user, 'linkAAAAAAAAAAAA');
    binding.filter(update([9, 5, {}]), self, nobody);
    expect(binding.staleNotice(() => null)).toBeNull();
    expect(binding.staleNotice(() => 4)).toBeNull();
    expect(read(binding.staleNotice(() => 6)!)).toEqual([[9, 6, null]]);
  });

  it('throws BadMessageError on malformed input', () => {
    const binding = new AwarenessBinding(user);
    expect(() => binding.filter(new Uint8Array([1, 5]), self, nobody)).toThrow(BadMessageError);
    const notJson = new Uint8Array([1, 1, 1, 3, 0x7b, 0x7b, 0x7b]);
    expect(() => binding.filter(notJson, self, nobody)).toThrow(BadMessageError);
  });
});
