import { describe, expect, it } from 'vitest';
import { clockText, spokenTime, timerAnnouncement } from './timerText';
import { measureClockOffset } from './serverClock';

describe('timer text', () => {
  it('shows and says the time left', () => {
    expect(clockText(245_000)).toBe('4:05');
    expect(clockText(8_100)).toBe('0:09');
    expect(clockText(-5)).toBe('0:00');
    expect(spokenTime(61_000)).toBe('1 minute 1 second');
    expect(spokenTime(300_000)).toBe('5 minutes');
    expect(spokenTime(0)).toBe('0 seconds');
  });

  it('announces milestones and the end, not every second', () => {
    expect(timerAnnouncement(300_400, 299_900)).toBe('5 minutes left.');
    expect(timerAnnouncement(299_900, 298_900)).toBeNull();
    expect(timerAnnouncement(30_100, 29_900)).toBe('30 seconds left.');
    expect(timerAnnouncement(400, 0)).toBe('Time is up.');
    expect(timerAnnouncement(0, 0)).toBeNull();
  });
});

describe('measureClockOffset', () => {
  it('keeps the sample with the shortest round trip', async () => {
    // Device clock: 1000, 1100 | 2000, 2010 | 3000, 3050. Server is 5000 ms ahead.
    const ticks = [1000, 1100, 2000, 2010, 3000, 3050];
    const clock = () => ticks.shift()!;
    const answers = [6050, 7005, 8025];
    const offset = await measureClockOffset(async () => ({ now: answers.shift()! }), 3, clock);
    expect(offset).toBe(5000);
  });
});
