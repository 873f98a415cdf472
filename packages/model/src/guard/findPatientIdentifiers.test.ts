import { describe, expect, it } from 'vitest';
import {
  findPatientIdentifiers,
  isValidNhsNumber,
  redactPatientIdentifiers,
} from './findPatientIdentifiers';

/** Completes nine digits into a valid NHS number, or undefined when the check digit would be 10. */
function withCheckDigit(nine: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return nine + String(check === 11 ? 0 : check);
}

function spaced(n: string, sep: string): string {
  return `${n.slice(0, 3)}${sep}${n.slice(3, 6)}${sep}${n.slice(6)}`;
}

const VALID = ['401023213', '943476591', '485777345', '123456789']
  .map(withCheckDigit)
  .filter((n): n is string => n !== undefined);

describe('isValidNhsNumber', () => {
  it('accepts numbers built with the modulus-11 algorithm', () => {
    expect(VALID.length).toBeGreaterThanOrEqual(3);
    for (const n of VALID) expect(isValidNhsNumber(n)).toBe(true);
  });

  it('rejects a wrong check digit, a check value of 10 and wrong lengths', () => {
    const n = VALID[0]!;
    const wrong = n.slice(0, 9) + String((Number(n[9]) + 1) % 10);
    expect(isValidNhsNumber(wrong)).toBe(false);
    // Find nine digits whose check value is 10: no tenth digit can make them valid.
    let nine = 100000000;
    while (withCheckDigit(String(nine)) !== undefined) nine++;
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`${nine}${d}`)).toBe(false);
    expect(isValidNhsNumber(n.slice(0, 9))).toBe(false);
    expect(isValidNhsNumber(`${n}1`)).toBe(false);
  });

  it('maps a check value of 11 to 0', () => {
    let nine = 100000000;
    while (!withCheckDigit(String(nine))?.endsWith('0')) nine++;
    expect(isValidNhsNumber(`${nine}0`)).toBe(true);
  });
});

describe('findPatientIdentifiers: NHS numbers', () => {
  it('finds valid numbers plain, 3-3-4 with spaces and with hyphens', () => {
    for (const n of VALID) {
      for (const form of [n, spaced(n, ' '), spaced(n, '-')]) {
        const text = `Patient ${form} fell twice`;
        const matches = findPatientIdentifiers(text);
        expect(matches).toHaveLength(1);
        expect(matches[0]).toMatchObject({ kind: 'nhs-number', index: 8, length: form.length });
        expect(matches[0]!.reason).toMatch(/NHS number/);
        expect(matches[0]!.reason).not.toMatch(/test-range/);
      }
    }
  });

  it('ignores 10 digits failing the check, and mixed separators', () => {
    const n = VALID[0]!;
    const wrong = n.slice(0, 9) + String((Number(n[9]) + 1) % 10);
    expect(findPatientIdentifiers(wrong)).toEqual([]);
    expect(findPatientIdentifiers(spaced(wrong, ' '))).toEqual([]);
    expect(findPatientIdentifiers(`${n.slice(0, 3)} ${n.slice(3, 6)}-${n.slice(6)}`)).toEqual([]);
  });

  it('flags the 999 test range, saying so', () => {
    let nine = 999000000;
    let n: string | undefined;
    while (!(n = withCheckDigit(String(nine)))) nine++;
    for (const form of [n, spaced(n, ' ')]) {
      const [match] = findPatientIdentifiers(`NHS ${form}`);
      expect(match?.kind).toBe('nhs-number');
      expect(match?.reason).toMatch(/test-range NHS number/);
    }
  });

  it('ignores 9- and 11-digit runs even when 10 of the digits would pass', () => {
    const n = VALID[0]!;
    expect(findPatientIdentifiers(n.slice(0, 9))).toEqual([]);
    expect(findPatientIdentifiers(`1${n}`)).toEqual([]);
    expect(findPatientIdentifiers(`${n}1`)).toEqual([]);
  });
});

describe('findPatientIdentifiers: dates of birth', () => {
  const cases: [string, string][] = [
    ['DOB 12/03/1950', '12/03/1950'],
    ['dob: 12/3/50', '12/3/50'],
    ['born 12.03.1950', '12.03.1950'],
    ['d.o.b. 1950-03-12', '1950-03-12'],
    ['D.O.B: 12-03-1950', '12-03-1950'],
    ['date of birth 12 March 1950', '12 March 1950'],
    ['born on 1st Mar 1950', '1st Mar 1950'],
    ['DOB March 12, 1950', 'March 12, 1950'],
    ['Mrs X, birthdate 12/03/1950, ward 7', '12/03/1950'],
  ];
  it.each(cases)('%s', (text, date) => {
    const matches = findPatientIdentifiers(text);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({
      kind: 'date-of-birth',
      index: text.indexOf(date),
      length: date.length,
    });
    expect(matches[0]!.reason).toMatch(/date of birth/);
  });
});

describe('findPatientIdentifiers: hospital numbers', () => {
  const options = { hospitalNumberPatterns: ['\\bRX[0-9]{6}\\b', '\\bH\\d{7}\\b'] };
  it('finds each configured pattern', () => {
    const text = 'Seen as RX123456 then H1234567.';
    const matches = findPatientIdentifiers(text, options);
    expect(matches.map((m) => [m.kind, text.slice(m.index, m.index + m.length)])).toEqual([
      ['hospital-number', 'RX123456'],
      ['hospital-number', 'H1234567'],
    ]);
  });
  it('finds none without configured patterns, and ignores empty matches', () => {
    expect(findPatientIdentifiers('RX123456')).toEqual([]);
    expect(findPatientIdentifiers('abc', { hospitalNumberPatterns: ['x*'] })).toEqual([]);
  });
});

describe('findPatientIdentifiers: ordinary text', () => {
  it.each([
    'Ward 10 and ward 7B',
    'Call ext 4455 or bleep 1234',
    'Phone 020 7946 0000',
    '10 falls in 2024',
    'Huddle at 09:30 and 14:45',
    '85% of patients screened within 6 hours',
    'Meeting on 12/03/2024',
    'Next review 12 March 2025',
    'Audit 2023-11-05 found 123 456 789 items',
    'Born in the USA playlist for the ward',
    'A newborn unit with 12345678901 rows',
    '',
  ])('%s', (text) => {
    expect(findPatientIdentifiers(text)).toEqual([]);
  });
});

describe('redactPatientIdentifiers', () => {
  it('replaces every match and keeps the rest of the text', () => {
    const n = spaced(VALID[0]!, ' ');
    const text = `Pt ${n}, DOB 12/03/1950, RX123456 fell`;
    const matches = findPatientIdentifiers(text, { hospitalNumberPatterns: ['RX\\d{6}'] });
    expect(matches).toHaveLength(3);
    expect(redactPatientIdentifiers(text, matches)).toBe(
      'Pt [removed], DOB [removed], [removed] fell',
    );
    expect(redactPatientIdentifiers('plain', [])).toBe('plain');
  });
});
