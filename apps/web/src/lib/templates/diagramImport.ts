import * as Y from 'yjs';
import {
  AIM_PARTS,
  Board,
  ModelError,
  markdownToData,
  parseDiagramJson,
  type AimParts,
  type DiagramData,
  type NodeData,
  type PdsaData,
  type Perspective,
} from '@qi/model';
import type { PatientDataPolicy } from '@qi/protocol';
import { checkPatientData, withoutPatientData } from '$lib/guard/checkPatientData';

/** Largest diagram file read for import (a saved diagram is a few kilobytes). */
export const IMPORT_MAX_BYTES = 512 * 1024;

/** Who is adding the diagram (`BoardDiagrams`): the perspectives they may give, and their own. */
export interface Importer {
  mayGivePerspective(perspective: unknown): boolean;
  readonly author: { readonly perspective: Perspective };
}

/** A saved diagram read for adding to this board. */
export interface DiagramImport {
  /** Ready for `insertDiagram`: items carry no author (they are the importer's now). */
  readonly data: DiagramData;
  /** Items whose perspective this person may not give, now carrying theirs. */
  readonly relabelled: number;
  /** Texts (items, notes, aim, measures, PDSA) that look like patient-identifiable data. */
  readonly patientData: number;
}

/** A file that cannot be added, with what to tell the person. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/**
 * Reads a diagram saved from QI Board (Data (JSON) or Text (Markdown); a hand-written outline
 * in the same Markdown shape too) for `importer` to add. Perspectives they may not give become
 * their own (the server refuses others: a member of staff cannot add words as a patient's);
 * authors and times are dropped, as the items are added now, by them. Throws an ImportError
 * saying what is wrong (the line, for Markdown).
 */
export function readDiagramFile(
  fileName: string,
  text: string,
  importer: Importer,
  policy: PatientDataPolicy,
): DiagramImport {
  if (text.length > IMPORT_MAX_BYTES) {
    throw new ImportError('This file is too big to be a saved diagram.');
  }
  let data: DiagramData;
  try {
    const json = /\.json$/i.test(fileName) || text.trimStart().startsWith('{');
    data = json ? parseDiagramJson(text) : markdownToData(text);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    throw new ImportError(`This file could not be read as a diagram: ${error.message}.`, {
      cause: error,
    });
  }
  let relabelled = 0;
  const own = (node: NodeData): NodeData => {
    const keeps = node.perspective === undefined || importer.mayGivePerspective(node.perspective);
    if (!keeps) relabelled++;
    return {
      id: node.id,
      kind: node.kind,
      text: node.text,
      notes: node.notes,
      perspective: keeps ? node.perspective : importer.author.perspective,
      strength: node.strength,
      children: node.children.map(own),
    };
  };
  const root = own(data.root);
  const pdsaCycles = data.pdsaCycles.map(({ authorId: _author, ...cycle }) => cycle);
  const imported = { ...data, root, pdsaCycles };
  // Written once into a scratch board: whatever the board would refuse (a text over its limit,
  // a link between the wrong columns) is said now, not when the person presses Add.
  const scratch = new Y.Doc();
  try {
    Board.open(scratch).insertDiagram(imported, {
      authorId: 'import',
      perspective: importer.author.perspective,
    });
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    throw new ImportError(`This diagram could not be added: ${error.message}.`, { cause: error });
  } finally {
    scratch.destroy();
  }
  let patientData = 0;
  mapTexts(imported, (t) => {
    if (t !== '' && checkPatientData(t, { ...policy, mode: 'block' }).holds) patientData++;
    return t;
  });
  return { data: imported, relabelled, patientData };
}

/** `data` with everything that looks like patient data replaced by "[removed]". */
export function withoutPatientDataIn(data: DiagramData, policy: PatientDataPolicy): DiagramData {
  return mapTexts(data, (text) => withoutPatientData(text, policy));
}

/** `data` with `clean` applied to every text a person wrote (items, notes, aim, measures, PDSA). */
function mapTexts(data: DiagramData, clean: (text: string) => string): DiagramData {
  const node = (n: NodeData): NodeData => ({
    ...n,
    text: clean(n.text),
    notes: n.notes === undefined ? undefined : clean(n.notes),
    children: n.children.map(node),
  });
  const aim = data.aim
    ? (Object.fromEntries(
        AIM_PARTS.map((part) => [part, clean(data.aim?.[part] ?? '')]),
      ) as Partial<AimParts>)
    : data.aim;
  return {
    ...data,
    root: node(data.root),
    aim,
    measures: data.measures.map((m) => ({
      ...m,
      name: clean(m.name),
      definition: clean(m.definition),
    })),
    pdsaCycles: data.pdsaCycles.map((p) => ({
      ...p,
      fields: Object.fromEntries(
        Object.entries(p.fields).map(([field, value]) => [field, clean(value ?? '')]),
      ) as PdsaData['fields'],
    })),
  };
}

/** How many items a diagram's data holds under its head. */
export function itemCount(data: DiagramData): number {
  const count = (n: NodeData): number => n.children.reduce((sum, c) => sum + 1 + count(c), 0);
  return count(data.root);
}
