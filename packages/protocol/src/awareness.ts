import type { Role } from './roles';

/**
 * A person's identity as shown to others: cursor label, presence list. On the wire the server
 * writes this field itself, from the connection's token (role) and join parameters (name, label,
 * colour): whatever a client puts in `user` is replaced before anyone else sees it.
 */
export interface AwarenessUser {
  name: string;
  /** CSS colour, `#rrggbb`. */
  color: string;
  /** From the token; set by the server. */
  role?: Role;
  /** Optional staff role label from the join form, e.g. "ward nurse". */
  label?: string;
}

/** A cursor in tldraw page coordinates, with the page it is on. */
export interface AwarenessCursor {
  x: number;
  y: number;
  pageId?: string;
}

/**
 * What a person is looking at: the centre of their view in tldraw page coordinates, the zoom
 * and the page. Others follow it ("bring everyone here", or following one person).
 */
export interface AwarenessCamera {
  x: number;
  y: number;
  z: number;
  pageId?: string;
}

/** A short-lived reaction, shown to everyone for a few seconds. */
export interface AwarenessReaction {
  /** One of REACTIONS. */
  kind: string;
  /** Sender's clock (ms), so the same reaction twice is two reactions. */
  at: number;
}

/** The local awareness state each client publishes (y-protocols awareness, JSON). */
export interface AwarenessState {
  user: AwarenessUser;
  cursor?: AwarenessCursor | null;
  camera?: AwarenessCamera | null;
  /** The person raised their hand. */
  hand?: boolean;
  reaction?: AwarenessReaction | null;
  /** The diagram open in this person's outline; followers' outlines open it too. */
  outlineDiagramId?: string | null;
}

/** Reactions people can send: the button's label, a symbol, and how others hear it. */
export const REACTIONS = {
  agree: { label: 'Agree', symbol: '👍', words: 'agrees' },
  clap: { label: 'Applause', symbol: '👏', words: 'applauds' },
  question: { label: 'Question', symbol: '❓', words: 'has a question' },
  heart: { label: 'Love it', symbol: '❤️', words: 'loves this' },
} as const;
export type ReactionKind = keyof typeof REACTIONS;

/**
 * Presence colours. Each is dark enough for white text on it and for a 3:1 contrast against
 * the white canvas (WCAG 1.4.11). The server gives a connection without a valid colour one of these.
 */
export const PRESENCE_COLOURS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
] as const;
