import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  extendTimer,
  goToStep,
  isBoardLocked,
  pauseTimer,
  readFacilitation,
  resumeTimer,
  setAgenda,
  setBoardLock,
  setFollow,
  startTimer,
  stopTimer,
  timerRemainingMs,
} from './Facilitation';

describe('facilitation state', () => {
  it('reads defaults from an empty document', () => {
    expect(readFacilitation(new Y.Doc())).toEqual({
      timer: null,
      follow: null,
      agenda: [],
      currentStep: -1,
      lock: { board: false },
    });
  });

  it('counts down, pauses, resumes, extends and stops', () => {
    const doc = new Y.Doc();
    startTimer(doc, 60_000, 1_000);
    expect(timerRemainingMs(readFacilitation(doc).timer, 11_000)).toBe(50_000);
    pauseTimer(doc, 11_000);
    expect(timerRemainingMs(readFacilitation(doc).timer, 99_000)).toBe(50_000);
    extendTimer(doc, 60_000, 99_000);
    expect(timerRemainingMs(readFacilitation(doc).timer, 99_000)).toBe(110_000);
    resumeTimer(doc, 100_000);
    expect(timerRemainingMs(readFacilitation(doc).timer, 110_000)).toBe(100_000);
    extendTimer(doc, 30_000, 110_000);
    expect(timerRemainingMs(readFacilitation(doc).timer, 110_000)).toBe(130_000);
    expect(timerRemainingMs(readFacilitation(doc).timer, 999_000)).toBe(0);
    stopTimer(doc);
    expect(readFacilitation(doc).timer).toBeNull();
  });

  it('advances the agenda with the timer following the step', () => {
    const doc = new Y.Doc();
    setAgenda(doc, [
      { id: 'a', title: 'Agree the problem', minutes: 5 },
      { id: 'b', title: 'Silent brainstorm', minutes: 8 },
    ]);
    goToStep(doc, 1, true, 0);
    const state = readFacilitation(doc);
    expect(state.currentStep).toBe(1);
    expect(timerRemainingMs(state.timer, 0)).toBe(8 * 60_000);
    goToStep(doc, 7, false, 0);
    expect(readFacilitation(doc).currentStep).toBe(1);
  });

  it('locks, follows, and syncs to another document', () => {
    const doc = new Y.Doc();
    setBoardLock(doc, true);
    setFollow(doc, 42, 5);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(isBoardLocked(other)).toBe(true);
    expect(readFacilitation(other).follow).toEqual({ leaderClientId: 42, since: 5 });
    setFollow(doc, null, 6);
    expect(readFacilitation(doc).follow).toBeNull();
  });
});
