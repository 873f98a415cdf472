import type { DiagramData, NodeData } from '../DiagramData';
import { DIAGRAM_FILE_FORMAT, DIAGRAM_FILE_VERSION } from '../DiagramData';
import { ModelError, UnsupportedVersionError, ValidationError } from '../ModelError';

type Json = Record<string, unknown>;

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(field, 'must be an object');
  }
  return value as Json;
}

function array(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new ValidationError(field, 'must be a list');
  return value;
}

function string(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  return value;
}

function optionalString(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : string(value, field);
}

function node(value: unknown, field: string, depth: number): NodeData {
  if (depth > 50) throw new ValidationError(field, 'is nested too deeply');
  const o = object(value, field);
  return {
    ...(o.id !== undefined ? { id: string(o.id, `${field}.id`) } : {}),
    kind: string(o.kind, `${field}.kind`) as NodeData['kind'],
    text: string(o.text, `${field}.text`),
    ...(o.notes !== undefined ? { notes: string(o.notes, `${field}.notes`) } : {}),
    ...(o.authorId !== undefined ? { authorId: string(o.authorId, `${field}.authorId`) } : {}),
    ...(o.perspective !== undefined
      ? { perspective: string(o.perspective, `${field}.perspective`) as NodeData['perspective'] }
      : {}),
    ...(typeof o.createdAt === 'number' ? { createdAt: o.createdAt } : {}),
    ...(o.strength === 'weak' || o.strength === 'strong' ? { strength: o.strength } : {}),
    children: array(o.children ?? [], `${field}.children`).map((c, i) =>
      node(c, `${field}.children[${i}]`, depth + 1),
    ),
  };
}

/**
 * Parses a diagram JSON export into diagram data, checking its shape. Throws ValidationError naming the
 * bad field, or UnsupportedVersionError for a file from a newer QI Board. Content rules (kinds per level,
 * text limits, references) are checked when the data is inserted into a board.
 */
export function parseDiagramJson(text: string): DiagramData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ValidationError('file', `is not valid JSON (${(e as Error).message})`);
  }
  const o = object(raw, 'file');
  if (o.format !== DIAGRAM_FILE_FORMAT)
    throw new ValidationError('format', `must be "${DIAGRAM_FILE_FORMAT}"`);
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1) {
    throw new ValidationError('version', 'must be a whole number');
  }
  if (o.version > DIAGRAM_FILE_VERSION) {
    throw new UnsupportedVersionError('diagram file', o.version, DIAGRAM_FILE_VERSION);
  }
  const kind = string(o.kind, 'kind');
  if (kind !== 'fishbone' && kind !== 'driver')
    throw new ValidationError('kind', 'must be fishbone or driver');
  const aim = o.aim === undefined || o.aim === null ? null : object(o.aim, 'aim');
  try {
    return {
      format: DIAGRAM_FILE_FORMAT,
      version: o.version,
      kind,
      root: node(o.root, 'root', 0),
      aim: aim && {
        what: optionalString(aim.what, 'aim.what') ?? '',
        howMuch: optionalString(aim.howMuch, 'aim.howMuch') ?? '',
        forWhom: optionalString(aim.forWhom, 'aim.forWhom') ?? '',
        byWhen: optionalString(aim.byWhen, 'aim.byWhen') ?? '',
      },
      links: array(o.links ?? [], 'links').map((l, i) => {
        const v = object(l, `links[${i}]`);
        return {
          from: string(v.from, `links[${i}].from`),
          to: string(v.to, `links[${i}].to`),
          strength: v.strength === 'weak' ? 'weak' : 'strong',
        };
      }),
      measures: array(o.measures ?? [], 'measures').map((m, i) => {
        const v = object(m, `measures[${i}]`);
        return {
          type: string(v.type, `measures[${i}].type`) as 'outcome',
          name: string(v.name, `measures[${i}].name`),
          definition: string(v.definition ?? '', `measures[${i}].definition`),
          attachedTo:
            v.attachedTo == null ? null : string(v.attachedTo, `measures[${i}].attachedTo`),
        };
      }),
      pdsaCycles: array(o.pdsaCycles ?? [], 'pdsaCycles').map((p, i) => {
        const v = object(p, `pdsaCycles[${i}]`);
        const decision = v.decision;
        return {
          changeIdeaId: string(v.changeIdeaId, `pdsaCycles[${i}].changeIdeaId`),
          cycle: typeof v.cycle === 'number' ? v.cycle : i + 1,
          decision:
            decision === 'adopt' || decision === 'adapt' || decision === 'abandon'
              ? decision
              : null,
          ...(v.authorId !== undefined
            ? { authorId: string(v.authorId, `pdsaCycles[${i}].authorId`) }
            : {}),
          fields: Object.fromEntries(
            Object.entries(object(v.fields ?? {}, `pdsaCycles[${i}].fields`)).map(([k, f]) => [
              k,
              string(f, `pdsaCycles[${i}].fields.${k}`),
            ]),
          ),
        };
      }),
    };
  } catch (e) {
    if (e instanceof ModelError) throw e;
    throw new ValidationError('file', (e as Error).message);
  }
}
