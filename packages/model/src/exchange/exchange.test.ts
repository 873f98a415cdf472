import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../Board';
import type { DiagramData, NodeData } from '../DiagramData';
import type { DiagramSnapshot } from '../DiagramSnapshot';
import { UnsupportedVersionError, ValidationError } from '../ModelError';
import { randomDiagram } from '../testing/randomDiagram';
import { testSources } from '../testing/seededRandom';
import { csvField, diagramToCsv } from './diagramToCsv';
import { diagramToData, diagramToJson } from './diagramToData';
import { diagramToMarkdown } from './diagramToMarkdown';
import { fishboneToDriver } from './fishboneToDriver';
import { markdownToData } from './markdownToData';
import { parseDiagramJson } from './parseDiagramJson';

const who = { authorId: 'u1', perspective: 'staff:physio' } as const;

function fallsDriver(): { board: Board; diagram: DiagramSnapshot } {
  const board = Board.open(new Y.Doc(), testSources('x'));
  const { diagramId, rootId } = board.addDiagram({
    kind: 'driver',
    text: 'Fewer falls, with harm',
    ...who,
    aim: {
      what: 'Falls with harm',
      howMuch: '30% fewer',
      forWhom: 'Older inpatients on ward 7',
      byWhen: 'March 2027',
    },
  });
  const p = board.addNode({
    diagramId,
    parentId: rootId,
    text: 'Safe environment',
    ...who,
    notes: 'Line one\nLine two',
  });
  const p2 = board.addNode({
    diagramId,
    parentId: rootId,
    text: 'Patients, "engaged", in their own safety',
    authorId: 'pat',
    perspective: 'patient',
  });
  const s = board.addNode({ diagramId, parentId: p, text: 'Call bell in reach', ...who });
  const c = board.addNode({
    diagramId,
    parentId: s,
    text: '=Bay checklist, every shift',
    authorId: 'c',
    perspective: 'carer',
  });
  board.link({ diagramId, from: s, to: p2, strength: 'weak' });
  board.setMeasure({
    diagramId,
    type: 'outcome',
    name: 'Falls per 1,000 bed days',
    definition: 'Datix falls ÷ occupied bed days × 1,000, monthly',
  });
  board.setMeasure({
    diagramId,
    type: 'process',
    name: 'Checklist done',
    definition: '% of shifts, weekly audit',
    attachedTo: c,
  });
  board.setMeasure({ diagramId, type: 'balancing', name: 'Restraint use', definition: '' });
  const pdsa = board.addPdsaCycle({
    diagramId,
    changeIdeaId: c,
    authorId: 'u1',
    fields: { objective: 'Try on bay A', predictions: 'Fewer unwitnessed falls' },
  });
  board.setPdsaDecision(diagramId, pdsa, 'adapt');
  return { board, diagram: board.getDiagram(diagramId)! };
}

/** Content without ids or times, to compare a diagram with its re-imported copy. */
function content(d: DiagramSnapshot | DiagramData): unknown {
  const data = 'nodes' in d ? diagramToData(d) : d;
  const ids = new Map<string, number>();
  const walk = (n: NodeData): unknown => {
    ids.set(n.id ?? '', ids.size);
    return {
      kind: n.kind,
      text: n.text,
      notes: n.notes ?? '',
      perspective: n.perspective,
      children: n.children.map(walk),
    };
  };
  const root = walk(data.root);
  const ref = (id: string | null) => (id === null ? null : ids.get(id));
  return {
    kind: data.kind,
    root,
    aim: data.aim,
    links: data.links
      .map((l) => [ref(l.from), ref(l.to), l.strength])
      .sort((a, b) => String(a).localeCompare(String(b))),
    measures: data.measures.map((m) => ({ ...m, attachedTo: ref(m.attachedTo) })),
    pdsa: data.pdsaCycles.map((p) => ({
      ...p,
      changeIdeaId: ref(p.changeIdeaId),
      authorId: undefined,
    })),
  };
}

describe('JSON export and import', () => {
  it('round-trips everything through a board', () => {
    const { board, diagram } = fallsDriver();
    const json = diagramToJson(diagram);
    const { diagramId } = board.insertDiagram(parseDiagramJson(json), who);
    const copy = board.getDiagram(diagramId)!;
    expect(content(copy)).toEqual(content(diagram));
    expect(copy.nodes.map((n) => n.authorId)).toEqual(diagram.nodes.map((n) => n.authorId));
  });

  it('round-trips large random diagrams', () => {
    for (const kind of ['fishbone', 'driver'] as const) {
      const diagram = randomDiagram(kind, 200, 11);
      const board = Board.open(new Y.Doc());
      const copy = board.getDiagram(
        board.insertDiagram(parseDiagramJson(diagramToJson(diagram)), who).diagramId,
      )!;
      expect(content(copy)).toEqual(content(diagram));
    }
  });

  it('names the bad field and refuses newer files', () => {
    const data = JSON.parse(diagramToJson(fallsDriver().diagram));
    expect(() => parseDiagramJson(JSON.stringify({ ...data, version: 99 }))).toThrow(
      UnsupportedVersionError,
    );
    expect(() => parseDiagramJson('{nope')).toThrow(ValidationError);
    data.root.children[0].text = 42;
    try {
      parseDiagramJson(JSON.stringify(data));
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).field).toBe('root.children[0].text');
    }
    data.root.children[0].text = 'ok';
    data.root.children[0].kind = 'change';
    const { board } = fallsDriver();
    expect(() => board.insertDiagram(parseDiagramJson(JSON.stringify(data)), who)).toThrow(
      /root.children\[0\].kind/,
    );
  });
});

describe('Markdown outline', () => {
  it('reads as an outline and round-trips structure, text, perspectives, notes, aim and measures', () => {
    const { board, diagram } = fallsDriver();
    const md = diagramToMarkdown(diagram);
    expect(md).toContain('# Driver diagram: Fewer falls, with harm _(staff: physio)_');
    expect(md).toContain('- How much: 30% fewer');
    expect(md).toContain('    - Change idea: =Bay checklist, every shift _(carer)_');
    expect(md).toContain('      - Process measure: Checklist done — % of shifts, weekly audit');
    const copy = board.getDiagram(board.insertDiagram(markdownToData(md), who).diagramId)!;
    const strip = (d: DiagramSnapshot) => {
      const c = content(d) as Record<string, unknown>;
      return { ...c, links: [], pdsa: [] };
    };
    expect(strip(copy)).toEqual(strip(diagram));
    expect(diagramToMarkdown(copy)).toBe(md);
  });

  it('says the dots of a closed vote after voted items, and reads such an outline back without them', () => {
    const { board, diagram } = fallsDriver();
    const [first, second] = diagram.root.children;
    const votes = new Map([
      [first!.id, 3],
      [second!.id, 1],
      [diagram.root.id, 0],
    ]);
    const md = diagramToMarkdown(diagram, { votes });
    expect(md).toContain('- Primary driver: Safe environment _(staff: physio)_ — **3 dots**\n');
    expect(md).toContain(' — **1 dot**\n');
    expect(md.match(/\*\*\d+ dots?\*\*/g)).toHaveLength(2);
    const copy = board.getDiagram(board.insertDiagram(markdownToData(md), who).diagramId)!;
    expect(diagramToMarkdown(copy)).toBe(diagramToMarkdown(diagram));
  });

  it('round-trips a fishbone with deep causes', () => {
    const diagram = randomDiagram('fishbone', 150, 5);
    const board = Board.open(new Y.Doc());
    const defaults = { authorId: 'u1', perspective: 'staff:' } as const;
    const copy = board.getDiagram(
      board.insertDiagram(markdownToData(diagramToMarkdown(diagram)), defaults).diagramId,
    )!;
    expect(diagramToMarkdown(copy)).toBe(diagramToMarkdown(diagram));
  });

  it('escapes markup so a node containing it stays text, and reads it back', () => {
    const board = Board.open(new Y.Doc());
    const { diagramId, rootId } = board.addDiagram({
      kind: 'fishbone',
      text: '<script>alert(1)</script> & <b>bold</b>',
      authorId: 'u1',
      perspective: 'staff:<i>nurse</i>',
    });
    board.addNode({
      diagramId,
      parentId: rootId,
      text: 'Line <br> one\nLine two &amp;',
      notes: '<img src=x onerror=alert(1)>',
      authorId: 'u1',
      perspective: 'carer',
    });
    const diagram = board.getDiagram(diagramId)!;
    const md = diagramToMarkdown(diagram);
    expect(md).not.toMatch(/<(script|b|i|img)\b/);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    const data = markdownToData(md);
    expect(data.root.text).toBe(diagram.root.text);
    expect(data.root.perspective).toBe('staff:<i>nurse</i>');
    expect(data.root.children[0]!.text).toBe('Line <br> one\nLine two &amp;');
    expect(data.root.children[0]!.notes).toBe('<img src=x onerror=alert(1)>');
  });

  it('accepts a hand-typed outline without labels', () => {
    const data = markdownToData(
      '# Fishbone: Late discharges\n\n- People\n  - Weekend cover\n    - Rota gaps\n- Methods\n',
    );
    expect(data.root.children.map((c) => [c.kind, c.text])).toEqual([
      ['category', 'People'],
      ['category', 'Methods'],
    ]);
    expect(data.root.children[0]!.children[0]!.children[0]!.kind).toBe('cause');
  });

  it('names the line of a bad outline', () => {
    expect(() => markdownToData('- no heading')).toThrow(/line 1/);
    expect(() => markdownToData('# Fishbone: x\n- a\n      - too deep')).toThrow(/line 3/);
  });
});

describe('CSV', () => {
  it('writes one escaped row per node with votes when given', () => {
    const { diagram } = fallsDriver();
    const votes = new Map([[diagram.root.children[0]!.id, 3]]);
    const csv = diagramToCsv(diagram, { votes });
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('path,kind,text,perspective,author,notes,votes');
    expect(rows[1]).toBe('0,Aim,"Fewer falls, with harm",staff:physio,u1,,0');
    expect(rows[2]).toBe(
      '1,Primary driver,Safe environment,staff:physio,u1,"Line one\nLine two",3',
    );
    expect(csv).toContain('"Patients, ""engaged"", in their own safety",patient');
    expect(csv).toContain(`"'=Bay checklist, every shift"`);
    expect(diagramToCsv(diagram).split('\r\n')[0]).toBe('path,kind,text,perspective,author,notes');
    expect(csv.trimEnd().split('\r\n').length).toBe(diagram.nodes.length + 1);
  });

  it('escapes fields', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField(-1)).toBe('-1');
  });
});

describe('fishbone to driver diagram', () => {
  it('turns categories into primary drivers, causes into secondary drivers and the effect into a draft aim', () => {
    const board = Board.open(new Y.Doc());
    const { diagramId, rootId } = board.addDiagram({
      kind: 'fishbone',
      text: 'Patients fall at night',
      ...who,
    });
    const people = board.addNode({ diagramId, parentId: rootId, text: 'People', ...who });
    const tired = board.addNode({ diagramId, parentId: people, text: 'Tired staff', ...who });
    board.addNode({
      diagramId,
      parentId: tired,
      text: 'Long shifts',
      authorId: 'p',
      perspective: 'patient',
    });
    board.addNode({ diagramId, parentId: rootId, text: 'Environment', ...who });
    const driver = board.getDiagram(
      board.insertDiagram(fishboneToDriver(board.getDiagram(diagramId)!), who).diagramId,
    )!;
    expect(driver.kind).toBe('driver');
    expect(driver.root.text).toBe('Draft aim: reduce "Patients fall at night"');
    expect(driver.aim?.what).toBe('Patients fall at night');
    expect(
      driver.root.children.map((c) => [
        c.kind,
        c.text,
        c.children.map((s) => [s.kind, s.text, s.perspective]),
      ]),
    ).toEqual([
      [
        'primary',
        'People',
        [
          ['secondary', 'Tired staff', 'staff:physio'],
          ['secondary', 'Long shifts', 'patient'],
        ],
      ],
      ['primary', 'Environment', []],
    ]);
    expect(driver.root.children[0]!.children[1]!.notes).toContain('under "Tired staff"');
    expect(() => fishboneToDriver(driver)).toThrow(ValidationError);
  });
});
