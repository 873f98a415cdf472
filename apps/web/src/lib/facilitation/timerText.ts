/** Minutes and seconds, as a countdown shows them: `4:05`, `0:09`, `12:00`. */
export function clockText(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The same in words, for screen readers: "4 minutes 5 seconds left". */
export function spokenTime(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  if (seconds || !minutes) parts.push(`${seconds} second${seconds === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** Remaining times (ms) at which the timer is announced: not every second, only milestones. */
export const ANNOUNCE_AT = [10 * 60_000, 5 * 60_000, 2 * 60_000, 60_000, 30_000, 10_000];

/**
 * What to announce when the remaining time moved from `before` to `after` (one tick), or null:
 * crossing a milestone, or reaching the end.
 */
export function timerAnnouncement(before: number, after: number): string | null {
  if (before > 0 && after <= 0) return 'Time is up.';
  const crossed = ANNOUNCE_AT.find((mark) => before > mark && after <= mark);
  return crossed === undefined ? null : `${spokenTime(crossed)} left.`;
}
