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

/** A client typing into a server copy one change per update, the server applying what passes. */
function typist(setup: (doc: Y.Doc) => void = () => {}) {
  const server = new Y.Doc();
  const client = new Y.Doc();
  setup(client);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return {
    server,
    client,
    /** Makes one change on the client; returns the guard's verdict and applies it when null. */
    send(edit: (doc: Y.Doc) => void, patterns: string[] = []) {
      const vector = Y.encodeStateVector(server);
      edit(client);
      const update = Y.encodeStateAsUpdate(client, vector);
      const found = patientIdentifierIn(server, Y.decodeUpdate(update), patterns);
      if (!found) Y.applyUpdate(server, update);
      return found;
    },
  };
}

/** A node-like nested text: `nodes.n1.text`, as the model stores node text. */
function nodeText(doc: Y.Doc): Y.Text {
  return (doc.getMap('nodes').get('n1') as Y.Map<unknown>).get('text') as Y.Text;
}

function withNode(text: string) {
  return (doc: Y.Doc) => {
    const node = new Y.Map<unknown>();
    doc.getMap('nodes').set('n1', node);
    node.set('text', new Y.Text(text));
  };
}

describe('patientIdentifierIn, key by key', () => {
  it('refuses an NHS number typed one key per update at the completing key', () => {
    const t = typist(withNode('Patient '));
    const verdicts = [...NHS].map((ch) =>
      t.send((d) => nodeText(d).insert(nodeText(d).length, ch)),
    );
    expect(verdicts.slice(0, -1).every((v) => v === null)).toBe(true);
    expect(verdicts.at(-1)?.kind).toBe('nhs-number');
    // The refused key never reached the server's copy.
    expect(nodeText(t.server).toString()).toBe(`Patient ${NHS.slice(0, -1)}`);
  });

  it('refuses a number completed in the middle of existing text, and a cued date of birth', () => {
    const t = typist(withNode('id 9434765919 here'));
    expect(t.send((d) => nodeText(d).delete(12, 1))).toBeNull(); // deleting the last digit
    expect(t.send((d) => nodeText(d).insert(12, '9'))?.kind).toBe('nhs-number');
    const dob = typist(withNode('DOB 12/03/19'));
    expect(dob.send((d) => nodeText(d).insert(12, '5'))).toBeNull(); // "12/03/195" is no date
    expect(dob.send((d) => nodeText(d).insert(13, '6'))?.kind).toBe('date-of-birth');
  });

  it('accepts ordinary typing, invalid check digits and edits beside an identifier already held', () => {
    const t = typist(withNode(''));
    for (const ch of 'Falls on ward 7: 12 in March 2024, call 0161 496 0000')
      expect(t.send((d) => nodeText(d).insert(nodeText(d).length, ch))).toBeNull();
    const invalid = typist(withNode('943 476 591'));
    expect(invalid.send((d) => nodeText(d).insert(11, '8'))).toBeNull(); // wrong check digit
    // An identifier held before block mode was turned on does not freeze the rest of the text.
    const held = typist(withNode(`${NHS} was seen`));
    expect(held.send((d) => nodeText(d).insert(nodeText(d).length, ' today'))).toBeNull();
  });

  it('never refuses deletions, even one that joins digits into a valid number', () => {
    const t = typist(withNode('943 476 59x19'));
    expect(t.send((d) => nodeText(d).delete(10, 1))).toBeNull();
    expect(nodeText(t.server).toString()).toBe(NHS);
    expect(t.send((d) => nodeText(d).delete(0, NHS.length))).toBeNull();
  });

  it('checks a replaced selection against the text that results', () => {
    const t = typist(withNode('943 476 5910'));
    expect(
      t.send((d) =>
        d.transact(() => {
          nodeText(d).delete(11, 1);
          nodeText(d).insert(11, '9');
        }),
      )?.kind,
    ).toBe('nhs-number');
  });

  it('lets a map value keep an identifier it already holds, refusing a new one', () => {
    const note = (text: string, x: number) => ({ type: 'note', x, props: { text } });
    const t = typist((d) => d.getMap('tldraw').set('shape:a', note(`${NHS}`, 0)));
    expect(t.send((d) => d.getMap('tldraw').set('shape:a', note(`${NHS}`, 50)))).toBeNull();
    expect(
      t.send((d) => d.getMap('tldraw').set('shape:a', note(`${NHS} DOB 1.2.1950`, 50)))?.kind,
    ).toBe('date-of-birth');
    const other = typist((d) => d.getMap('tldraw').set('shape:a', note(NHS, 0)));
    expect(other.send((d) => d.getMap('tldraw').set('shape:b', note(NHS, 0)))?.kind).toBe(
      'nhs-number',
    );
  });

  it('refuses a new node whose new text holds an identifier, and a text typed as pieces', () => {
    const t = typist();
    expect(t.send(withNode(`Seen ${NHS}`))?.kind).toBe('nhs-number');
    const pieces = typist(withNode(''));
    // Two separate insertions in one update (the number only whole once both are placed).
    expect(
      pieces.send((d) =>
        d.transact(() => {
          nodeText(d).insert(0, '5919');
          nodeText(d).insert(0, '943 476 ');
        }),
      )?.kind,
    ).toBe('nhs-number');
  });

  it('checks hospital-number patterns on the resulting text', () => {
    const t = typist(withNode('K123456'));
    expect(t.send((d) => nodeText(d).insert(7, '7'), ['\\bK\\d{7}\\b'])?.kind).toBe(
      'hospital-number',
    );
  });
});
