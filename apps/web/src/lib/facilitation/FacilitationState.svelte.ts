import type * as Y from 'yjs';
import {
  extendTimer,
  facilitationMap,
  frozenDiagramIds,
  goToStep,
  pauseTimer,
  readFacilitation,
  readPatientDataMode,
  resumeTimer,
  setAgenda,
  setBoardLock,
  setDiagramFrozen,
  startTimer,
  stopTimer,
  timerRemainingMs,
  timerRunning,
  type FacilitationSnapshot,
  type FacilitationStep,
  type PatientDataMode,
} from '@qi/model';
import type { Role } from '@qi/protocol';
import { measureClockOffset } from './serverClock';
import { timerAnnouncement } from './timerText';

/** How often a running timer's display is refreshed. */
const TICK_MS = 250;

/**
 * A board's facilitation state as runes: the shared timer, agenda and lock (read from the
 * board document, written only by facilitators — the server refuses anyone else), the time left
 * on this device's clock corrected to the server's, and what to announce to screen readers.
 */
export class FacilitationState {
  state = $state<FacilitationSnapshot>({
    timer: null,
    follow: null,
    agenda: [],
    currentStep: -1,
    lock: { board: false },
  });
  /** Diagrams whose structure the facilitator froze (replaced whole, never mutated). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole ($state.raw)
  frozen = $state.raw<ReadonlySet<string>>(new Set());
  /** The board's own patient-data mode, as the facilitator chose it. */
  patientDataMode = $state<PatientDataMode>('warn');
  /** Server time now (ms), refreshed while a timer runs. */
  now = $state(Date.now());
  /** Server clock minus this device's clock (ms), once measured. */
  offset = $state(0);
  /** The latest milestone to announce ("5 minutes left."), for a polite live region. */
  announcement = $state('');
  /** The timer reached zero while this page watched it (a gentle visual signal). */
  ended = $state(false);

  readonly remainingMs = $derived(timerRemainingMs(this.state.timer, this.now));
  readonly running = $derived(timerRunning(this.state.timer));
  readonly canControl: boolean;

  #tick: ReturnType<typeof setInterval> | null = null;
  #unobserve: () => void;

  constructor(
    private readonly doc: Y.Doc,
    role: Role,
    clockOffset: () => Promise<number> = () => measureClockOffset(),
  ) {
    this.canControl = role === 'facilitator';
    const map = facilitationMap(doc);
    const read = () => {
      this.state = readFacilitation(doc);
      this.frozen = frozenDiagramIds(doc);
      this.patientDataMode = readPatientDataMode(doc);
      this.#schedule();
    };
    map.observe(read);
    this.#unobserve = () => map.unobserve(read);
    read();
    clockOffset()
      .then((offset) => {
        this.offset = offset;
        this.now = this.serverNow();
      })
      .catch((error: unknown) => console.warn('Could not read the server clock', error));
  }

  /** Server time on this device's clock. */
  serverNow(): number {
    return Date.now() + this.offset;
  }

  start(minutes: number): void {
    this.#act(() => startTimer(this.doc, Math.round(minutes * 60_000), this.serverNow()));
  }

  pause(): void {
    this.#act(() => pauseTimer(this.doc, this.serverNow()));
  }

  resume(): void {
    this.#act(() => resumeTimer(this.doc, this.serverNow()));
  }

  extend(minutes: number): void {
    this.#act(() => extendTimer(this.doc, minutes * 60_000, this.serverNow()));
  }

  stop(): void {
    this.#act(() => stopTimer(this.doc));
  }

  setLocked(locked: boolean): void {
    this.#act(() => setBoardLock(this.doc, locked));
  }

  /** Freezes or unfreezes one diagram's structure. */
  setFrozen(diagramId: string, frozen: boolean): void {
    this.#act(() => setDiagramFrozen(this.doc, diagramId, frozen));
  }

  useAgenda(steps: readonly FacilitationStep[]): void {
    this.#act(() => setAgenda(this.doc, steps));
  }

  /** Moves to agenda step `index`; with `followTimer`, the timer restarts for that step. */
  goTo(index: number, followTimer: boolean): void {
    this.#act(() => goToStep(this.doc, index, followTimer, this.serverNow()));
  }

  destroy(): void {
    this.#unobserve();
    if (this.#tick) clearInterval(this.#tick);
    this.#tick = null;
  }

  /** Runs a facilitator's change on the board document (nobody else's: the server refuses them). */
  act(change: (doc: Y.Doc) => void): void {
    if (this.canControl) change(this.doc);
  }

  #act(change: () => void): void {
    this.act(() => change());
  }

  /** Ticks only while a timer runs; announces milestones as they are crossed. */
  #schedule(): void {
    this.ended = false;
    this.#refresh();
    const running = timerRunning(this.state.timer);
    if (running && !this.#tick) this.#tick = setInterval(() => this.#refresh(), TICK_MS);
    if (!running && this.#tick) {
      clearInterval(this.#tick);
      this.#tick = null;
    }
  }

  #refresh(): void {
    const before = timerRemainingMs(this.state.timer, this.now);
    this.now = this.serverNow();
    const after = timerRemainingMs(this.state.timer, this.now);
    if (before === null || after === null || !this.running) return;
    const said = timerAnnouncement(before, after);
    if (said) this.announcement = said;
    if (before > 0 && after <= 0) this.ended = true;
  }
}
