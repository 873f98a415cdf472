import * as Y from 'yjs';

/**
 * Name of the board document's root map holding facilitation state. Only facilitators may
 * change anything under it; the server refuses other roles' updates that touch it.
 */
export const FACILITATION_ROOT = 'facilitation';

/**
 * A countdown. Times are server-clock milliseconds (clients correct their own clock by the
 * measured offset before writing or reading). Running: `startedAt` set, ends at
 * `startedAt + durationMs`. Paused: `startedAt` null, `pausedRemainingMs` left.
 */
export interface TimerState {
  startedAt: number | null;
  durationMs: number;
  pausedRemainingMs: number | null;
}

/** One workshop step of the live agenda, with its planned minutes. */
export interface FacilitationStep {
  id: string;
  title: string;
  minutes: number;
}

/** The whole board refuses non-facilitators' changes while `board` is true. */
export interface LockState {
  board: boolean;
}

/**
 * "Bring everyone here": participants' views follow the awareness client `leaderClientId`
 * (whose camera is in its awareness state) from server time `since`.
 */
export interface FollowRequest {
  leaderClientId: number;
  since: number;
}

/** Everything facilitation shares through the board document. */
export interface FacilitationSnapshot {
  timer: TimerState | null;
  follow: FollowRequest | null;
  agenda: FacilitationStep[];
  /** Index into `agenda` of the step under way, or -1 before the first. */
  currentStep: number;
  lock: LockState;
}

/** The root map (created empty on first use). */
export function facilitationMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(FACILITATION_ROOT);
}

function isTimer(value: unknown): value is TimerState {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    (t.startedAt === null || typeof t.startedAt === 'number') &&
    typeof t.durationMs === 'number' &&
    (t.pausedRemainingMs === null || typeof t.pausedRemainingMs === 'number')
  );
}

function isStep(value: unknown): value is FacilitationStep {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.id === 'string' && typeof s.title === 'string' && typeof s.minutes === 'number';
}

/** Reads the state, tolerating absent or malformed entries (they read as their defaults). */
export function readFacilitation(doc: Y.Doc): FacilitationSnapshot {
  const map = facilitationMap(doc);
  const timer = map.get('timer');
  const agenda = map.get('agenda');
  const current = map.get('currentStep');
  const follow = map.get('follow') as Partial<FollowRequest> | null | undefined;
  const steps = Array.isArray(agenda) ? agenda.filter(isStep) : [];
  return {
    timer: isTimer(timer) ? timer : null,
    follow:
      follow && typeof follow.leaderClientId === 'number' && typeof follow.since === 'number'
        ? { leaderClientId: follow.leaderClientId, since: follow.since }
        : null,
    agenda: steps,
    currentStep:
      typeof current === 'number' && Number.isInteger(current) && current < steps.length
        ? Math.max(-1, current)
        : -1,
    lock: { board: isBoardLocked(doc) },
  };
}

/** True while the facilitator has locked the whole board. */
export function isBoardLocked(doc: Y.Doc): boolean {
  const lock = facilitationMap(doc).get('lock');
  return typeof lock === 'object' && lock !== null && (lock as LockState).board === true;
}

/** Milliseconds left at server time `now` (never below 0), or null without a timer. */
export function timerRemainingMs(timer: TimerState | null, now: number): number | null {
  if (!timer) return null;
  if (timer.startedAt === null) return Math.max(0, timer.pausedRemainingMs ?? timer.durationMs);
  return Math.max(0, timer.startedAt + timer.durationMs - now);
}

/** True while the timer counts down. */
export function timerRunning(timer: TimerState | null): boolean {
  return timer !== null && timer.startedAt !== null;
}

/** Starts a countdown of `durationMs` at server time `now`. */
export function startTimer(doc: Y.Doc, durationMs: number, now: number): void {
  const timer: TimerState = { startedAt: now, durationMs, pausedRemainingMs: null };
  facilitationMap(doc).set('timer', timer);
}

/** Pauses a running timer, keeping what is left. */
export function pauseTimer(doc: Y.Doc, now: number): void {
  const { timer } = readFacilitation(doc);
  if (!timer || timer.startedAt === null) return;
  const left = timerRemainingMs(timer, now) ?? 0;
  facilitationMap(doc).set('timer', { startedAt: null, durationMs: left, pausedRemainingMs: left });
}

/** Resumes a paused timer from what was left. */
export function resumeTimer(doc: Y.Doc, now: number): void {
  const { timer } = readFacilitation(doc);
  if (!timer || timer.startedAt !== null) return;
  startTimer(doc, timer.pausedRemainingMs ?? timer.durationMs, now);
}

/** Adds `ms` to a timer, running or paused (an ended one restarts with `ms`). */
export function extendTimer(doc: Y.Doc, ms: number, now: number): void {
  const { timer } = readFacilitation(doc);
  if (!timer) return;
  const left = timerRemainingMs(timer, now) ?? 0;
  if (timer.startedAt === null) {
    const paused = left + ms;
    facilitationMap(doc).set('timer', {
      startedAt: null,
      durationMs: paused,
      pausedRemainingMs: paused,
    });
  } else {
    startTimer(doc, left + ms, now);
  }
}

/** Removes the timer. */
export function stopTimer(doc: Y.Doc): void {
  facilitationMap(doc).delete('timer');
}

/** Locks or unlocks the whole board. */
export function setBoardLock(doc: Y.Doc, locked: boolean): void {
  const lock: LockState = { board: locked };
  facilitationMap(doc).set('lock', lock);
}

/** Replaces the agenda (and goes back before its first step). */
export function setAgenda(doc: Y.Doc, steps: readonly FacilitationStep[]): void {
  doc.transact(() => {
    const map = facilitationMap(doc);
    map.set(
      'agenda',
      steps.map(({ id, title, minutes }) => ({ id, title, minutes })),
    );
    map.set('currentStep', -1);
  });
}

/**
 * Moves to agenda step `index` (-1: before the first). With `followTimer`, the timer restarts
 * with that step's planned minutes at server time `now`.
 */
export function goToStep(doc: Y.Doc, index: number, followTimer: boolean, now: number): void {
  const { agenda } = readFacilitation(doc);
  const target = Math.max(-1, Math.min(index, agenda.length - 1));
  doc.transact(() => {
    facilitationMap(doc).set('currentStep', target);
    const step = agenda[target];
    if (followTimer && step) startTimer(doc, step.minutes * 60_000, now);
  });
}

/** Asks everyone to follow awareness client `leaderClientId`, or (null) ends the request. */
export function setFollow(doc: Y.Doc, leaderClientId: number | null, now: number): void {
  const map = facilitationMap(doc);
  if (leaderClientId === null) map.delete('follow');
  else map.set('follow', { leaderClientId, since: now } satisfies FollowRequest);
}
