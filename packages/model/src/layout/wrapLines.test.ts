import { describe, expect, it } from 'vitest';
import { wrapLines } from './wrapLines';

describe('wrapLines', () => {
  it('breaks between words, never inside one that fits a line', () => {
    expect(wrapLines('Porters not told the patient is ready to go to theatre', 28)).toEqual([
      'Porters not told the patient',
      'is ready to go to theatre',
    ]);
    expect(wrapLines('Porters', 7)).toEqual(['Porters']);
    expect(wrapLines('Call Porters', 8)).toEqual(['Call', 'Porters']);
  });

  it('cuts only a word longer than a line, into line-long pieces', () => {
    expect(wrapLines('a Pneumonoultramicroscopic b', 10)).toEqual([
      'a',
      'Pneumonoul',
      'tramicrosc',
      'opic b',
    ]);
  });

  it('keeps paragraphs and every word, with no line over the limit', () => {
    const text = 'Night staff\nfewer  than  planned on three nights of the week and more';
    const lines = wrapLines(text, 12);
    expect(lines[0]).toBe('Night staff');
    expect(lines.every((line) => line.length <= 12)).toBe(true);
    expect(lines.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
  });

  it('gives an empty text one empty line', () => {
    expect(wrapLines('', 28)).toEqual(['']);
  });
});
