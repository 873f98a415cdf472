import type * as Y from 'yjs';
import { facilitationMap } from '@qi/model';
import { failureText, type WorkshopParts } from './workshopBackend';

/**
 * What a silent round and a dot vote share: they follow the facilitation map, run requests with
 * a busy flag and a readable error, announce politely, and (facilitators) poll progress while open.
 */
export abstract class WorkshopActivity {
  /** The last failed request's message, for an alert; '' when none. */
  error = $state('');
  /** Polite announcement of what just happened. */
  announcement = $state('');
  busy = $state(false);

  protected readonly parts: WorkshopParts;
  /** False during the first read: what was already there when the page opened is not news. */
  protected settled = false;
  #poll: ReturnType<typeof setInterval> | null = null;
  #stop: () => void = () => {};

  constructor(parts: WorkshopParts) {
    this.parts = parts;
  }

  get canLead(): boolean {
    return this.parts.canLead;
  }

  get canTakePart(): boolean {
    return this.parts.canTakePart;
  }

  destroy(): void {
    this.#stop();
    this.stopPolling();
  }

  /** Calls `read` now and after every change of the facilitation map (call once, at the end of the subclass's constructor). */
  protected observe(doc: Y.Doc, read: () => void): void {
    const map = facilitationMap(doc);
    map.observe(read);
    this.#stop = () => map.unobserve(read);
    read();
    this.settled = true;
  }

  /** Runs one request; a failure becomes `error`. Returns true when it succeeded. */
  protected async run(action: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = '';
    try {
      await action();
      return true;
    } catch (error) {
      this.error = failureText(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Refreshes now and every `pollMs` until stopPolling (or destroy). */
  protected startPolling(refresh: () => Promise<void>): void {
    this.stopPolling();
    void refresh();
    this.#poll = setInterval(() => void refresh(), this.parts.pollMs);
  }

  protected stopPolling(): void {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
  }
}
