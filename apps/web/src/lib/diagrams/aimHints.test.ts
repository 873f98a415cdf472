import { describe, expect, it } from 'vitest';
import { aimHints, aimSentence } from './aimHints';

const measurable = {
  what: 'Reduce falls',
  howMuch: 'by 30%',
  forWhom: 'for patients on Ward 7',
  byWhen: 'by March 2027',
};

describe('aimHints', () => {
  it('has nothing to say about a specific, measurable aim', () => {
    expect(aimHints(measurable)).toEqual([]);
  });

  it('asks for a number when “how much” has none', () => {
    const hints = aimHints({ ...measurable, howMuch: 'a lot' });
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/number/);
  });

  it('asks for a date when “by when” has none', () => {
    expect(aimHints({ ...measurable, byWhen: 'soon' })[0]).toMatch(/date/);
    expect(aimHints({ ...measurable, byWhen: 'by next spring' })).toEqual([]);
  });

  it('asks for every missing part of an empty aim', () => {
    expect(aimHints({ what: '', howMuch: '', forWhom: '', byWhen: '' })).toHaveLength(4);
  });
});

describe('aimSentence', () => {
  it('joins the parts in reading order, skipping blanks', () => {
    expect(aimSentence({ ...measurable, forWhom: ' ' })).toBe('Reduce falls by 30% by March 2027');
  });
});
