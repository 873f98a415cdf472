import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setPatientDataMode } from '@qi/model';
import type { PatientDataPolicy } from '@qi/protocol';
import { checkPatientData, matchedTexts, withoutPatientData } from './checkPatientData';
import { boardPolicy, parsePatientDataPolicy } from './patientDataPolicy';

const NHS = '943 476 5919';
const WARN: PatientDataPolicy = { mode: 'warn', hospitalNumberPatterns: [] };
const BLOCK: PatientDataPolicy = { mode: 'block', hospitalNumberPatterns: [] };

describe('checkPatientData', () => {
  it('holds text with an identifier and lets ordinary text through', () => {
    expect(checkPatientData(`Seen ${NHS}`, WARN).holds).toBe(true);
    expect(checkPatientData('10 falls in 2024, ward 7, 09:30', WARN)).toEqual({
      matches: [],
      mode: 'warn',
      holds: false,
    });
  });

  it('lets a kept identifier through in warn mode only', () => {
    const text = `Seen ${NHS}`;
    const kept = matchedTexts(text, checkPatientData(text, WARN).matches);
    expect(kept).toEqual([NHS]);
    expect(checkPatientData(`${text} today`, WARN, kept).holds).toBe(false);
    expect(checkPatientData(`${text} DOB 1/2/1950`, WARN, kept).matches[0]?.kind).toBe(
      'date-of-birth',
    );
    expect(checkPatientData(text, BLOCK, kept).holds).toBe(true);
  });

  it("uses the deployment's hospital-number patterns", () => {
    const policy = { mode: 'warn' as const, hospitalNumberPatterns: ['\\bRX\\d{6}\\b'] };
    expect(checkPatientData('seen as RX123456', policy).matches[0]?.kind).toBe('hospital-number');
    expect(checkPatientData('seen as RX123456', WARN).holds).toBe(false);
  });
});

describe('withoutPatientData', () => {
  it('removes every identifier, even one kept in warn mode', () => {
    expect(withoutPatientData(`Mr B ${NHS} waited`, WARN)).toBe('Mr B [removed] waited');
    expect(withoutPatientData('10 falls in 2024', WARN)).toBe('10 falls in 2024');
  });
});

describe('boardPolicy', () => {
  it('takes the stricter of the deployment and the board', () => {
    const doc = new Y.Doc();
    expect(boardPolicy(doc, null)).toEqual(WARN);
    expect(boardPolicy(doc, BLOCK).mode).toBe('block');
    setPatientDataMode(doc, 'block');
    expect(boardPolicy(doc, { mode: 'warn', hospitalNumberPatterns: ['K\\d+'] })).toEqual({
      mode: 'block',
      hospitalNumberPatterns: ['K\\d+'],
    });
  });

  it('reads a policy answer, dropping patterns that are not regular expressions', () => {
    expect(
      parsePatientDataPolicy({ mode: 'block', hospitalNumberPatterns: ['K\\d+', '(', 3] }),
    ).toEqual({ mode: 'block', hospitalNumberPatterns: ['K\\d+'] });
    expect(parsePatientDataPolicy(null)).toEqual(WARN);
  });
});
