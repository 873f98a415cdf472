import type { DiagramSnapshot, MeasureSnapshot, NodeSnapshot } from '../DiagramSnapshot';
import { AIM_PARTS } from '../DiagramSnapshot';
import { NODE_KIND_LABELS } from '../NodeKind';
import type { Perspective } from '../Perspective';
import {
  AIM_LABELS,
  DEFINITION_SEPARATOR,
  DIAGRAM_HEADINGS,
  escapeMarkup,
  inline,
  MEASURE_LABELS,
  SECTION,
} from './markdownSyntax';

function perspectiveTag(p: Perspective): string {
  if (p === 'patient' || p === 'carer') return ` _(${p})_`;
  const role = p.slice('staff:'.length);
  return role ? ` _(staff: ${escapeMarkup(role)})_` : '';
}

function measureLine(m: MeasureSnapshot): string {
  const definition = m.definition ? DEFINITION_SEPARATOR + inline(m.definition) : '';
  return `${MEASURE_LABELS[m.type]}: ${inline(m.name)}${definition}`;
}

/** Options for diagramToMarkdown. */
export interface MarkdownOptions {
  /** Dot-vote totals by node id (a closed vote's): items with dots say how many. */
  readonly votes?: ReadonlyMap<string, number>;
}

function votesTag(votes: ReadonlyMap<string, number> | undefined, nodeId: string): string {
  const dots = votes?.get(nodeId) ?? 0;
  return dots > 0 ? ` — **${dots} ${dots === 1 ? 'dot' : 'dots'}**` : '';
}

/**
 * A readable Markdown outline of a diagram (also the accessible text view): heading with the head,
 * the aim parts, the tree as a nested list with kind labels, perspectives, dot-vote totals when
 * given, and notes, process measures under their node, other measures in their own section.
 * Cross-links and PDSA records are left to JSON.
 */
export function diagramToMarkdown(diagram: DiagramSnapshot, options: MarkdownOptions = {}): string {
  const lines: string[] = [
    `# ${DIAGRAM_HEADINGS[diagram.kind]}: ${inline(diagram.root.text)}${perspectiveTag(diagram.root.perspective)}`,
  ];
  if (diagram.root.notes)
    lines.push('', ...diagram.root.notes.split(/\r?\n/).map((l) => `> ${escapeMarkup(l)}`));
  if (diagram.aim) {
    lines.push('', `## ${SECTION.aim}`, '');
    for (const part of AIM_PARTS) lines.push(`- ${AIM_LABELS[part]}: ${inline(diagram.aim[part])}`);
  }
  const processBy = new Map<string, MeasureSnapshot[]>();
  for (const m of diagram.measures) {
    if (m.type === 'process' && m.attachedTo)
      processBy.set(m.attachedTo, [...(processBy.get(m.attachedTo) ?? []), m]);
  }
  lines.push(
    '',
    `## ${diagram.kind === 'fishbone' ? SECTION.fishboneTree : SECTION.driverTree}`,
    '',
  );
  const visit = (n: NodeSnapshot, depth: number): void => {
    const pad = '  '.repeat(depth);
    lines.push(
      `${pad}- ${NODE_KIND_LABELS[n.kind]}: ${inline(n.text)}${perspectiveTag(n.perspective)}${votesTag(options.votes, n.id)}`,
    );
    if (n.notes) for (const l of n.notes.split(/\r?\n/)) lines.push(`${pad}  > ${escapeMarkup(l)}`);
    for (const m of processBy.get(n.id) ?? []) lines.push(`${pad}  - ${measureLine(m)}`);
    for (const c of n.children) visit(c, depth + 1);
  };
  for (const c of diagram.root.children) visit(c, 0);
  const others = diagram.measures.filter((m) => m.type !== 'process');
  if (others.length) {
    lines.push('', `## ${SECTION.measures}`, '');
    for (const m of others) lines.push(`- ${measureLine(m)}`);
  }
  return lines.join('\n') + '\n';
}
