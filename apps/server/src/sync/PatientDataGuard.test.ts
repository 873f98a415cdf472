import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { patientIdentifierIn } from './PatientDataGuard';

// 943 476 591 → check digit 9 under modulus 11 (sum 299, 299 mod 11 = 2, 11 − 2 = 9).
const NHS = '943 476 5919';

function updateOf(edit: (doc: Y.Doc) => void, base = new Y.Doc()) {
  const vector = Y.encodeStateVector(base);
  edit(base);
  return Y.decodeUpdate(Y.encodeStateAsUpdate(base, vector));
}

describe('patientIdentifierIn', () => {
  it('finds identifiers in strings, map values (nested) and JSON content', () => {
    const doc = new Y.Doc();
    expect(
      patientIdentifierIn(
        doc,
        updateOf((d) => d.getText('t').insert(0, NHS)),
        [],
      )?.kind,
    ).toBe('nhs-number');
    const nested = updateOf((d) => d.getMap('m').set('x', { a: [{ b: `born 1.2.1950` }] }));
    expect(patientIdentifierIn(doc, nested, [])?.kind).toBe('date-of-birth');
    const hospital = updateOf((d) => d.getArray('a').push(['K1234567']));
    expect(patientIdentifierIn(doc, hospital, [])).toBeNull();
    expect(patientIdentifierIn(doc, hospital, ['K\\d{7}'])?.kind).toBe('hospital-number');
  });

  it('ignores ordinary text and content the document already holds', () => {
    expect(
      patientIdentifierIn(
        new Y.Doc(),
        updateOf((d) => d.getText('t').insert(0, '10 falls in 2024, ward 7')),
        [],
      ),
    ).toBeNull();
    const held = new Y.Doc();
    const update = Y.encodeStateAsUpdate(
      (() => {
        const d = new Y.Doc();
        d.getText('t').insert(0, NHS);
        return d;
      })(),
    );
    Y.applyUpdate(held, update);
    expect(patientIdentifierIn(held, Y.decodeUpdate(update), [])).toBeNull();
  });
});
