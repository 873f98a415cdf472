import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Board, diagramToJson, diagramToMarkdown, type Perspective } from '@qi/model';
import { perspectiveSuitsRole, type PatientDataPolicy, type Role } from '@qi/protocol';
import { ImportError, itemCount, readDiagramFile, withoutPatientDataIn } from './diagramImport';

const WARN: PatientDataPolicy = { mode: 'warn', hospitalNumberPatterns: [] };

function importer(role: Role, perspective: Perspective) {
  return {
    mayGivePerspective: (p: unknown) => perspectiveSuitsRole(role, p),
    author: { perspective },
  };
}

/** A fishbone with a patient's cause and a staff cause, saved as JSON and Markdown. */
function saved() {
  const board = Board.open(new Y.Doc());
  const who = { authorId: 'sam', perspective: 'staff:nurse' } as const;
  const { diagramId, rootId } = board.addDiagram({ kind: 'fishbone', text: 'Late discharge', ...who });
  const people = board.addNode({ diagramId, parentId: rootId, text: 'People', ...who });
  board.addNode({
    diagramId,
    parentId: people,
    text: 'Nobody explains my tablets',
    authorId: 'pat',
    perspective: 'patient',
  });
  board.addNode({ diagramId, parentId: people, text: 'Rota gaps', notes: 'NHS 943 476 5919', ...who });
  const snapshot = board.getDiagram(diagramId)!;
  return { json: diagramToJson(snapshot), md: diagramToMarkdown(snapshot) };
}

describe('readDiagramFile', () => {
  it('reads a saved JSON or Markdown diagram; a facilitator keeps every perspective', () => {
    const { json, md } = saved();
    for (const [name, text] of [
      ['late-discharge.json', json],
      ['late-discharge.md', md],
    ] as const) {
      const found = readDiagramFile(name, text, importer('facilitator', 'staff:QI lead'), WARN);
      expect(found.data.kind).toBe('fishbone');
      expect(found.data.root.text).toBe('Late discharge');
      expect(itemCount(found.data)).toBe(3);
      expect(found.relabelled).toBe(0);
      const cause = found.data.root.children[0]!.children[0]!;
      expect(cause.perspective).toBe('patient');
      expect(cause.authorId).toBeUndefined();
    }
  });

  it('gives items of a perspective the importer does not speak for their own, and says how many', () => {
    const found = readDiagramFile('d.json', saved().json, importer('contributor', 'staff:'), WARN);
    expect(found.relabelled).toBe(1);
    const [cause, gaps] = found.data.root.children[0]!.children;
    expect(cause!.perspective).toBe('staff:');
    expect(gaps!.perspective).toBe('staff:nurse');
    const patient = readDiagramFile('d.json', saved().json, importer('patient', 'carer'), WARN);
    expect(patient.relabelled).toBe(3);
  });

  it('counts text that looks like patient data, and removes it on request', () => {
    const found = readDiagramFile('d.md', saved().md, importer('facilitator', 'staff:'), WARN);
    expect(found.patientData).toBe(1);
    const clean = withoutPatientDataIn(found.data, WARN);
    expect(clean.root.children[0]!.children[1]!.notes).not.toMatch(/943/);
    expect(clean.root.children[0]!.children[1]!.text).toBe('Rota gaps');
  });

  it('says plainly what is wrong with a file that is no diagram, or one the board would refuse', () => {
    const who = importer('facilitator', 'staff:');
    const read = (name: string, text: string) => () => readDiagramFile(name, text, who, WARN);
    expect(read('x.json', '{"format":"something else"}')).toThrow(ImportError);
    expect(read('x.md', '- no heading')).toThrow(/could not be read as a diagram: .*line 1/);
    expect(read('x.md', `# Fishbone: ${'x'.repeat(600)}`)).toThrow(
      /could not be added: .*limit is 500/,
    );
    expect(read('x.json', 'x'.repeat(600 * 1024))).toThrow(/too big/);
  });
});
