/** Rich text as tldraw stores it in shape props (a TipTap document). */
export interface RichTextDoc {
  type: string;
  content: unknown[];
}

/**
 * The plain text a canvas record shows: the paragraphs of a shape's `props.richText` (sticky
 * notes, text, labels) one per line, or its `props.text`; null for records without text.
 */
export function shapePlainText(record: unknown): string | null {
  if (!isObject(record) || record.typeName !== 'shape' || !isObject(record.props)) return null;
  const { richText, text } = record.props;
  if (isObject(richText) && Array.isArray(richText.content)) {
    return richText.content.map((block) => inlineText(block, 0)).join('\n');
  }
  return typeof text === 'string' ? text : null;
}

/** Plain text as tldraw rich text, one paragraph a line (what tldraw's `toRichText` makes). */
export function plainToRichText(text: string): RichTextDoc {
  return {
    type: 'doc',
    content: text
      .split('\n')
      .map((line) =>
        line
          ? { type: 'paragraph', content: [{ type: 'text', text: line }] }
          : { type: 'paragraph' },
      ),
  };
}

/** Stops at this depth: a record from another client cannot make it recurse forever. */
const MAX_DEPTH = 16;

function inlineText(node: unknown, depth: number): string {
  if (!isObject(node) || depth > MAX_DEPTH) return '';
  if (typeof node.text === 'string') return node.text;
  if (node.type === 'hardBreak') return '\n';
  return Array.isArray(node.content)
    ? node.content.map((child) => inlineText(child, depth + 1)).join('')
    : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
