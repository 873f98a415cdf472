import type { ReactionKind } from '@qi/protocol';

/** What an activity icon stands for: a raised hand or one of the reactions. */
export type ActivityIconKind = 'hand' | ReactionKind;

/**
 * Line drawings (24×24, stroked in the text colour) for a raised hand and the reactions, shown
 * instead of emoji: emoji need a colour-emoji font that headless browsers and locked-down
 * desktops lack, ignore high-contrast colours, and screen readers name them inconsistently.
 * Plain path data, so a React view could draw the same icons.
 */
export const ACTIVITY_ICONS: Record<ActivityIconKind, readonly string[]> = {
  hand: [
    'M5.5 15V7.4a1.9 1.9 0 0 1 3.8 0V11',
    'M9.3 11V4.4a1.9 1.9 0 0 1 3.8 0V11',
    'M13.1 11V5.9a1.9 1.9 0 0 1 3.8 0V11.5',
    'M16.9 10a1.9 1.9 0 0 1 3.8 0v4a7.5 7.5 0 0 1-7.5 7.5h-1.4a6 6 0 0 1-4.6-2.2l-3.6-4.4a1.6 1.6 0 0 1 2.4-2.1L5.5 15',
  ],
  agree: [
    'M3 10h4v11H3z',
    'M7 10l4-7a2 2 0 0 1 3 2l-1 5h5.5a2 2 0 0 1 2 2.4l-1.4 6.8a2 2 0 0 1-2 1.8H7',
  ],
  clap: [
    'M8 8.5l4 1.5-3.2 9.7-4.4-1.6z',
    'M16 8.5l-4 1.5 3.2 9.7 4.4-1.6z',
    'M6.3 13.2 3.8 11.4',
    'M17.7 13.2l2.5-1.8',
    'M12 2v3',
    'M7.5 3.5 9 6',
    'M16.5 3.5 15 6',
  ],
  question: [
    'M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0z',
    'M9.1 9a3 3 0 0 1 5.8 1c0 2-2.9 2.5-2.9 4',
    'M12 17.5h.01',
  ],
  heart: [
    'M12 20.5s-8.5-4.8-8.5-10.7A4.6 4.6 0 0 1 12 7.2a4.6 4.6 0 0 1 8.5 2.6c0 5.9-8.5 10.7-8.5 10.7z',
  ],
};
