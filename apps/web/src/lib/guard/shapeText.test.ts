import { describe, expect, it } from 'vitest';
import { plainToRichText, shapePlainText } from './shapeText';

const note = (props: Record<string, unknown>) => ({ typeName: 'shape', type: 'note', props });

describe('shapePlainText', () => {
  it('reads rich text paragraphs, marks and breaks as plain lines', () => {
    const richText = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'NHS ' },
            { type: 'text', text: '943 476', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' 5919' },
          ],
        },
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }] },
      ],
    };
    expect(shapePlainText(note({ richText }))).toBe('NHS 943 476 5919\n\na\n');
  });

  it('reads plain text props and ignores records without text', () => {
    expect(shapePlainText(note({ text: 'old note' }))).toBe('old note');
    expect(shapePlainText(note({ w: 1 }))).toBeNull();
    expect(shapePlainText({ typeName: 'page', name: 'Page 1' })).toBeNull();
  });

  it('round-trips plain text through rich text', () => {
    const text = 'first\n\nthird [removed]';
    expect(shapePlainText(note({ richText: plainToRichText(text) }))).toBe(text);
  });
});
