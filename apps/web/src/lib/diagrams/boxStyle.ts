import type { BoxKind } from '@qi/model';

/** Fill and border of each kind of box; borders keep 3:1 contrast on white (WCAG 1.4.11). */
export const BOX_STYLE: Readonly<Record<BoxKind, { fill: string; stroke: string }>> = {
  effect: { fill: '#fee2e2', stroke: '#b91c1c' },
  category: { fill: '#e0e7ff', stroke: '#3730a3' },
  cause: { fill: '#ffffff', stroke: '#4b5563' },
  aim: { fill: '#dcfce7', stroke: '#047857' },
  primary: { fill: '#e0e7ff', stroke: '#3730a3' },
  secondary: { fill: '#f3e8ff', stroke: '#6b21a8' },
  change: { fill: '#fef3c7', stroke: '#92400e' },
  measure: { fill: '#f3f4f6', stroke: '#4b5563' },
};
