import { describe, expect, it } from 'vitest';
import { checkPatientData, matchedTexts } from './checkPatientData';

const NHS = '943 476 5919';

describe('checkPatientData', () => {
  it('holds text with an identifier and lets ordinary text through', () => {
    expect(checkPatientData(`Seen ${NHS}`, 'warn').holds).toBe(true);
    expect(checkPatientData('10 falls in 2024, ward 7, 09:30', 'warn')).toEqual({
      matches: [],
      mode: 'warn',
      holds: false,
    });
  });

  it('lets a kept identifier through in warn mode only', () => {
    const text = `Seen ${NHS}`;
    const kept = matchedTexts(text, checkPatientData(text, 'warn').matches);
    expect(kept).toEqual([NHS]);
    expect(checkPatientData(`${text} today`, 'warn', kept).holds).toBe(false);
    expect(checkPatientData(`${text} DOB 1/2/1950`, 'warn', kept).matches[0]?.kind).toBe(
      'date-of-birth',
    );
    expect(checkPatientData(text, 'block', kept).holds).toBe(true);
  });
});
