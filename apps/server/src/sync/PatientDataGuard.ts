import * as Y from 'yjs';
import { findPatientIdentifiers, type PatientIdentifierMatch } from '@qi/model';

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/** Stops walking nested values past this depth (a hostile ContentAny cannot make it recurse forever). */
const MAX_DEPTH = 32;

/**
 * The first patient identifier in the new content of a decoded update (strings of its fresh
 * ContentString, ContentAny and ContentJSON structs), or null. Content the document already has
 * (a reconnecting client's step 2) is not checked again.
 */
export function patientIdentifierIn(
  doc: Y.Doc,
  decoded: Decoded,
  hospitalNumberPatterns: readonly string[],
): PatientIdentifierMatch | null {
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    for (const text of stringsOf(struct.content)) {
      const [match] = findPatientIdentifiers(text, { hospitalNumberPatterns });
      if (match) return match;
    }
  }
  return null;
}

function stringsOf(content: Y.Item['content']): string[] {
  if (content instanceof Y.ContentString) return [content.str];
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    const out: string[] = [];
    for (const value of content.arr as unknown[]) collect(value, out, 0);
    return out;
  }
  return [];
}

function collect(value: unknown, out: string[], depth: number): void {
  if (typeof value === 'string') out.push(value);
  else if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return;
  else for (const inner of Object.values(value)) collect(inner, out, depth + 1);
}
