import { describe, expect, it } from 'vitest';
import { findTemplate, TEMPLATES, templatesOfKind } from './templates';

describe('template registry', () => {
  it('has unique ids and every kind', () => {
    const ids = TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(TEMPLATES.map((t) => t.kind))).toEqual(
      new Set(['fishbone', 'driver', 'pdsa', 'board-starter', 'canvas-starter']),
    );
    expect(findTemplate('fishbone-6ms')?.name).toMatch(/6 Ms/);
    expect(findTemplate('nope')).toBeUndefined();
    expect(templatesOfKind('canvas-starter')).toHaveLength(5);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))(
    '%s has a plain-language description',
    (_, t) => {
      expect(t.name.length).toBeGreaterThan(3);
      const sentences = t.description.split(/(?<=[.!?])\s+/);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      // Short sentences and words keep it readable for patient partners.
      for (const s of sentences) expect(s.split(/\s+/).length).toBeLessThanOrEqual(35);
      expect(t.description).not.toMatch(/\b(SPC|PDSA|RCA|KPI|MDT)\b/);
    },
  );
});
