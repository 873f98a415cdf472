import type { AimParts, MeasureType } from '../DiagramSnapshot';
import type { DiagramKind } from '../NodeKind';

/** Shared vocabulary of the Markdown outline format, so writer and reader cannot drift apart. */
export const DIAGRAM_HEADINGS: Readonly<Record<DiagramKind, string>> = {
  fishbone: 'Fishbone',
  driver: 'Driver diagram',
};

/** Section headings of the Markdown outline. */
export const SECTION = {
  aim: 'Aim',
  measures: 'Measures',
  fishboneTree: 'Causes',
  driverTree: 'Drivers',
} as const;

/** Labels of the aim parts in the Aim section. */
export const AIM_LABELS: Readonly<Record<keyof AimParts, string>> = {
  what: 'What',
  howMuch: 'How much',
  forWhom: 'For whom',
  byWhen: 'By when',
};

/** Labels of measure items. */
export const MEASURE_LABELS: Readonly<Record<MeasureType, string>> = {
  outcome: 'Outcome measure',
  process: 'Process measure',
  balancing: 'Balancing measure',
};

/** Separates a measure's name from its operational definition. */
export const DEFINITION_SEPARATOR = ' — ';

/**
 * Escapes text so Markdown renderers show it as typed: `&`, `<` and `>` become entities, so a node
 * containing markup stays text.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Reverses escapeMarkup(). */
export function unescapeMarkup(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Encodes text for one Markdown line: markup escaped, line breaks become `<br>`. */
export function inline(text: string): string {
  return escapeMarkup(text).replace(/\r?\n/g, '<br>');
}

/** Reverses inline(). */
export function uninline(text: string): string {
  return unescapeMarkup(text.replace(/<br>/g, '\n'));
}
