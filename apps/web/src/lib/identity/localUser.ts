import type { AwarenessUser } from '@qi/protocol';

/**
 * Cursor and presence colours. Each is dark enough for white text on it and for a 3:1
 * contrast against the white canvas (WCAG 1.4.11).
 */
export const USER_COLOURS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
] as const;

const ADJECTIVES = ['Bright', 'Calm', 'Kind', 'Quick', 'Steady', 'Brave', 'Gentle', 'Clever'];
const ANIMALS = ['Otter', 'Robin', 'Badger', 'Hare', 'Heron', 'Fox', 'Owl', 'Wren', 'Seal'];

const STORAGE_KEY = 'qi-board:user';
/** Longest display name we keep; longer input is cut. */
export const MAX_NAME_LENGTH = 40;

/** The minimal slice of `Storage` this module uses, so tests can pass a Map-backed fake. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length) % items.length]!;
}

/** A friendly default name such as "Calm Heron", and a colour, for someone who has not chosen. */
export function generateUser(random: () => number = Math.random): AwarenessUser {
  return {
    name: `${pick(ADJECTIVES, random)} ${pick(ANIMALS, random)}`,
    color: pick(USER_COLOURS, random),
  };
}

/** Trims a typed name to something we can show; empty input gives undefined. */
export function cleanName(input: string): string | undefined {
  const name = input.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
  return name.length > 0 ? name : undefined;
}

/** This browser's user, created and saved on first use. */
export function loadUser(storage: KeyValueStorage): AwarenessUser {
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Partial<AwarenessUser>;
    const name = typeof saved?.name === 'string' ? cleanName(saved.name) : undefined;
    const color = USER_COLOURS.find((colour) => colour === saved?.color);
    if (name && color) return { name, color };
  } catch (_error) {
    // Unreadable saved data: start again with a fresh identity.
  }
  const user = generateUser();
  saveUser(storage, user);
  return user;
}

/** Saves this browser's user for next time. */
export function saveUser(storage: KeyValueStorage, user: AwarenessUser): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(user));
}
