import type { AimParts, MeasureType } from '../DiagramSnapshot';
import {
  DIAGRAM_FILE_FORMAT,
  DIAGRAM_FILE_VERSION,
  type DiagramData,
  type MeasureData,
} from '../DiagramData';
import { ValidationError } from '../ModelError';
import {
  defaultChildKind,
  NODE_KIND_LABELS,
  ROOT_KIND,
  type DiagramKind,
  type NodeKind,
} from '../NodeKind';
import { staffPerspective, type Perspective } from '../Perspective';
import {
  AIM_LABELS,
  DEFINITION_SEPARATOR,
  DIAGRAM_HEADINGS,
  MEASURE_LABELS,
  SECTION,
  unescapeMarkup,
  uninline,
} from './markdownSyntax';

interface MutableNode {
  id: string;
  kind: NodeKind;
  text: string;
  notes?: string;
  perspective?: Perspective;
  children: MutableNode[];
}

const PERSPECTIVE_TAG = /\s_\((patient|carer|staff: ([^)]*))\)_$/;
/** The dot-vote total diagramToMarkdown may end an item with: a result, not part of the item. */
const VOTES_TAG = / — \*\*\d+ dots?\*\*$/;

function splitPerspective(tagged: string): { text: string; perspective?: Perspective } {
  const text = tagged.replace(VOTES_TAG, '');
  const m = PERSPECTIVE_TAG.exec(text);
  if (!m) return { text };
  const tag = m[1]!;
  const perspective =
    tag === 'patient' || tag === 'carer' ? tag : staffPerspective(unescapeMarkup(m[2] ?? ''));
  return { text: text.slice(0, m.index), perspective };
}

function labelled<T extends string>(
  text: string,
  labels: Readonly<Record<T, string>>,
): [T, string] | undefined {
  for (const [key, label] of Object.entries(labels) as [T, string][]) {
    if (text.startsWith(`${label}: `)) return [key, text.slice(label.length + 2)];
    if (text === `${label}:`) return [key, ''];
  }
  return undefined;
}

function measure(type: MeasureType, rest: string, attachedTo: string | null): MeasureData {
  const at = rest.indexOf(DEFINITION_SEPARATOR);
  const name = at < 0 ? rest : rest.slice(0, at);
  const definition = at < 0 ? '' : rest.slice(at + DEFINITION_SEPARATOR.length);
  return { type, name: uninline(name), definition: uninline(definition), attachedTo };
}

/**
 * Reads a Markdown outline (as written by diagramToMarkdown, or typed by hand: `- ` items indented by two
 * spaces, kind labels optional) into diagram data. Throws ValidationError naming the line for bad input.
 */
export function markdownToData(markdown: string): DiagramData {
  const lines = markdown.split(/\r?\n/);
  let kind: DiagramKind | undefined;
  let root: MutableNode | undefined;
  let section = '';
  const aim: Record<keyof AimParts, string> = { what: '', howMuch: '', forWhom: '', byWhen: '' };
  const measures: MeasureData[] = [];
  const stack: MutableNode[] = [];
  let last: MutableNode | undefined;
  let nextId = 0;

  lines.forEach((line, i) => {
    const field = `line ${i + 1}`;
    if (!line.trim()) return;
    const h1 = /^# (.*)$/.exec(line);
    if (h1) {
      if (root) throw new ValidationError(field, 'only one diagram heading (#) is allowed');
      const found = labelled(h1[1]!, DIAGRAM_HEADINGS);
      kind = found?.[0] ?? 'fishbone';
      const { text, perspective } = splitPerspective(found?.[1] ?? h1[1]!);
      root = {
        id: `md${nextId++}`,
        kind: ROOT_KIND[kind],
        text: uninline(text),
        children: [],
        ...(perspective ? { perspective } : {}),
      };
      last = root;
      return;
    }
    if (!root || !kind)
      throw new ValidationError(field, 'the outline must start with a "# " heading');
    const h2 = /^## (.*)$/.exec(line);
    if (h2) {
      section = h2[1]!.trim();
      stack.length = 0;
      last = undefined;
      return;
    }
    const quote = /^(\s*)> ?(.*)$/.exec(line);
    if (quote) {
      const target = last ?? root;
      const note = unescapeMarkup(quote[2]!);
      target.notes = target.notes === undefined ? note : `${target.notes}\n${note}`;
      return;
    }
    const item = /^(\s*)[-*] (.*)$/.exec(line);
    if (!item) throw new ValidationError(field, 'expected a "- " list item');
    const depth = Math.floor(item[1]!.replace(/\t/g, '  ').length / 2);
    const body = item[2]!;
    if (section === SECTION.aim) {
      const part = labelled(body, AIM_LABELS);
      if (!part)
        throw new ValidationError(field, 'aim items are What, How much, For whom, By when');
      aim[part[0]] = uninline(part[1]);
      return;
    }
    const asMeasure = labelled(body, MEASURE_LABELS);
    if (asMeasure) {
      const owner = section === SECTION.measures ? null : (stack[depth - 1] ?? null);
      const attachedTo =
        asMeasure[0] === 'outcome'
          ? root.id
          : asMeasure[0] === 'balancing'
            ? null
            : (owner?.id ?? null);
      measures.push(measure(asMeasure[0], asMeasure[1], attachedTo));
      return;
    }
    if (depth > stack.length)
      throw new ValidationError(field, 'is indented more than one level below the item above');
    const parent = depth === 0 ? root : stack[depth - 1]!;
    const explicit = labelled(body, NODE_KIND_LABELS);
    const nodeKind = explicit?.[0] ?? defaultChildKind(parent.kind);
    if (!nodeKind) throw new ValidationError(field, `a ${parent.kind} takes no items under it`);
    const { text, perspective } = splitPerspective(explicit?.[1] ?? body);
    const node: MutableNode = {
      id: `md${nextId++}`,
      kind: nodeKind,
      text: uninline(text),
      children: [],
      ...(perspective ? { perspective } : {}),
    };
    parent.children.push(node);
    stack.length = depth;
    stack.push(node);
    last = node;
  });
  if (!root || !kind) throw new ValidationError('markdown', 'no "# " heading found');
  return {
    format: DIAGRAM_FILE_FORMAT,
    version: DIAGRAM_FILE_VERSION,
    kind,
    root,
    aim: kind === 'driver' ? aim : null,
    links: [],
    measures,
    pdsaCycles: [],
  };
}
