import type { DiagramSnapshot, NodeSnapshot } from '../DiagramSnapshot';
import { NODE_KIND_LABELS } from '../NodeKind';

/** Options for diagramToCsv. */
export interface CsvOptions {
  /** Dot-vote totals by node id; adds a `votes` column when given. */
  readonly votes?: ReadonlyMap<string, number>;
}

/**
 * Escapes one CSV field (RFC 4180): quotes fields with commas, quotes or line breaks, doubling quotes.
 * Text starting with = + - @ (or a tab/CR) is prefixed with ' so spreadsheets do not run it as a formula.
 */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per live node, in outline order: path (outline number, head = 0), kind, text, perspective,
 * author, notes, and votes when given. Lines end in CRLF as spreadsheets expect.
 */
export function diagramToCsv(diagram: DiagramSnapshot, options: CsvOptions = {}): string {
  const header = ['path', 'kind', 'text', 'perspective', 'author', 'notes'];
  if (options.votes) header.push('votes');
  const rows: string[] = [header.join(',')];
  const visit = (n: NodeSnapshot, path: string): void => {
    const cells: (string | number)[] = [
      path,
      NODE_KIND_LABELS[n.kind],
      n.text,
      n.perspective,
      n.authorId,
      n.notes,
    ];
    if (options.votes) cells.push(options.votes.get(n.id) ?? 0);
    rows.push(cells.map(csvField).join(','));
    n.children.forEach((c, i) => visit(c, path === '0' ? `${i + 1}` : `${path}.${i + 1}`));
  };
  visit(diagram.root, '0');
  return rows.join('\r\n') + '\r\n';
}
