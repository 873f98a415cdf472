import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The `d` field of an updates entry: `varUint count`, then each update as `varUint8Array`. */
export function encodeUpdates(updates: readonly Uint8Array[]): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, updates.length);
  for (const update of updates) encoding.writeVarUint8Array(encoder, update);
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Inverse of `encodeUpdates`; throws on a malformed field. */
export function decodeUpdates(data: Uint8Array): Uint8Array[] {
  const decoder = decoding.createDecoder(data);
  const count = decoding.readVarUint(decoder);
  const updates: Uint8Array[] = [];
  for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
  return updates;
}
