import { describe, expect, it } from 'vitest';
import { estimateTextSize } from './estimateTextSize';

describe('estimateTextSize', () => {
  const options = { charWidth: 8, lineHeight: 19, padding: 10 };

  it('sizes a box for the lines wrapLines gives', () => {
    const size = estimateTextSize('porters not told the patient is ready to go', 'cause', options);
    expect(size.height).toBe(2 * 19 + 20);
    expect(size.width).toBe(28 * 8 + 20);
  });

  it('gives capitals and wide letters more room, and bold heads more again', () => {
    const lower = estimateTextSize('porters', 'cause', options).width;
    const upper = estimateTextSize('PORTERS', 'cause', options).width;
    const wide = estimateTextSize('mmmmmmm', 'cause', options).width;
    expect(upper).toBeGreaterThan(lower);
    expect(wide).toBeGreaterThan(upper);
    expect(estimateTextSize('porters', 'effect', options).width).toBeGreaterThan(lower);
  });
});
