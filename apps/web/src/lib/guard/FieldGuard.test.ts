import { describe, expect, it } from 'vitest';
import type { PatientDataPolicy } from '@qi/protocol';
import { FieldGuard } from './FieldGuard.svelte';

const NHS = '943 476 5919';

describe('FieldGuard', () => {
  it('holds a field with an NHS number until removed, or kept in warn mode only', () => {
    let text = `Mr B ${NHS} waited`;
    let policy: PatientDataPolicy = { mode: 'warn', hospitalNumberPatterns: [] };
    const guard = new FieldGuard(
      () => text,
      () => policy,
    );
    expect(guard.verdict).toMatchObject({ holds: true, mode: 'warn' });
    expect(guard.removed()).toBe('Mr B [removed] waited');
    guard.keep();
    expect(guard.verdict.holds).toBe(false);
    // The board now blocks: nothing kept counts.
    policy = { mode: 'block', hospitalNumberPatterns: [] };
    expect(guard.verdict).toMatchObject({ holds: true, mode: 'block' });
    text = guard.removed();
    expect(guard.verdict.holds).toBe(false);
    // The deployment's hospital-number patterns count too.
    policy = { mode: 'block', hospitalNumberPatterns: ['RX\\d{6}'] };
    text = 'Seen as RX123456';
    expect(guard.verdict.matches[0]?.kind).toBe('hospital-number');
  });
});
