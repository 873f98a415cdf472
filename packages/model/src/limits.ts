import { ValidationError } from './ModelError';

/** Maximum lengths (in UTF-16 code units) of every text the model stores. */
export const LIMITS = {
  nodeText: 500,
  notes: 5000,
  aimPart: 300,
  measureName: 200,
  measureDefinition: 2000,
  pdsaField: 5000,
  authorId: 200,
} as const;

/** Throws a ValidationError naming `field` unless `value` is a string of at most `max` characters. */
export function checkText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  if (value.length > max) {
    throw new ValidationError(field, `is ${value.length} characters; the limit is ${max}`);
  }
  return value;
}

/** Like checkText, but also refuses an empty or blank string. */
export function checkNonEmpty(field: string, value: unknown, max: number): string {
  const text = checkText(field, value, max);
  if (text.trim() === '') throw new ValidationError(field, 'must not be empty');
  return text;
}
