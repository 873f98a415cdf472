import { isRole, MAX_ROLE_LABEL_LENGTH, type AwarenessUser } from '@qi/protocol';
import { MAX_NAME_LENGTH } from './localUser';

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
/** Shown for a person whose colour is missing or malformed. */
export const FALLBACK_COLOUR = '#4b5563';

/**
 * Another client's `user` field, made safe to show: awareness comes from any browser on the
 * board, so the name is cut to length and the colour must be a plain `#rrggbb`.
 * Returns undefined when there is no usable name.
 */
export function readAwarenessUser(value: unknown): AwarenessUser | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, color, role, label } = value as Partial<Record<keyof AwarenessUser, unknown>>;
  if (typeof name !== 'string' || name.trim() === '') return undefined;
  return {
    name: name.trim().slice(0, MAX_NAME_LENGTH),
    color: typeof color === 'string' && HEX_COLOUR.test(color) ? color : FALLBACK_COLOUR,
    ...(isRole(role) ? { role } : {}),
    ...(typeof label === 'string' && label.trim()
      ? { label: label.trim().slice(0, MAX_ROLE_LABEL_LENGTH) }
      : {}),
  };
}
