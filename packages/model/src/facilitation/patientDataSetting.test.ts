import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { facilitationMap } from './Facilitation';
import {
  readPatientDataMode,
  setPatientDataMode,
  strictestPatientDataMode,
} from './patientDataSetting';

describe('patient-data setting', () => {
  it('reads warn by default and for malformed values, block once set', () => {
    const doc = new Y.Doc();
    expect(readPatientDataMode(doc)).toBe('warn');
    facilitationMap(doc).set('patientDataMode', { mode: 'block' });
    expect(readPatientDataMode(doc)).toBe('warn');
    setPatientDataMode(doc, 'block');
    expect(readPatientDataMode(doc)).toBe('block');
    setPatientDataMode(doc, 'warn');
    expect(readPatientDataMode(doc)).toBe('warn');
  });

  it('takes the stricter of the deployment and the board', () => {
    expect(strictestPatientDataMode('warn', 'warn')).toBe('warn');
    expect(strictestPatientDataMode(undefined, 'block')).toBe('block');
    expect(strictestPatientDataMode('block', 'warn')).toBe('block');
  });
});
