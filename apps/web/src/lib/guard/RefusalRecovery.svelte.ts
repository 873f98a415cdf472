import { untrack } from 'svelte';
import type { Editor } from 'tldraw';
import { CloseCode, type AwarenessCamera } from '@qi/protocol';
import type { BoardSession } from '$lib/board/BoardSession.svelte';
import { refusalMessage, type RefusalMessage } from '$lib/access/refusalMessage';
import { currentCamera, showCamera } from '$lib/canvas/bindCamera';
import type { OutlineState, OutlineView } from '$lib/outline/OutlineState.svelte';

/**
 * Recovers a board page after the server refused a change as patient data (4422). This
 * device's copy still holds the refused text, so it is dropped (document and IndexedDB copy)
 * and the board is opened again from the server; the person keeps their view and is told why.
 */
export class RefusalRecovery {
  /** The page's board session (`keepSession`); a fresh one after a recovery. */
  session = $state<BoardSession | null>(null);
  /** Why the board was reloaded, in plain words, until dismissed. */
  notice = $state<RefusalMessage | null>(null);

  /** Bumped when the board must be opened again: the session effect depends on it. */
  #generation = $state(0);
  #recovering: BoardSession | null = null;
  // The views of the canvas and outline that went away (the reload replaces both).
  readonly #camera = new KeptView<AwarenessCamera>();
  readonly #outline = new KeptView<OutlineView>();

  /**
   * Keeps a session open while the calling component lives (call as it initialises): `open`
   * makes one, again when what it reads changes and after each recovery from a 4422.
   */
  keepSession(open: () => BoardSession): void {
    $effect(() => {
      if (this.#generation < 0) return; // read, so a recovery opens a fresh session
      const opened = open();
      this.session = opened;
      return () => {
        opened.destroy();
        untrack(() => {
          if (this.session === opened) this.session = null;
        });
      };
    });
    $effect(() => {
      if (this.session?.refusal) this.#recover(this.session);
    });
  }

  /** True from a refusal for patient data until the board is open again: not "unavailable". */
  get recovering(): boolean {
    return this.session?.refusal?.code === CloseCode.patientIdentifier;
  }

  /** Call as an editor goes away: a recovery puts the next editor's view where this one was. */
  leave(editor: Editor): void {
    this.#camera.leave(currentCamera(editor));
  }

  /** Puts a newly mounted editor's view back where the person was before the reload. */
  restoreView(editor: Editor): void {
    const camera = this.#camera.take();
    if (camera) showCamera(editor, camera);
  }

  /** Call as an outline goes away: a recovery reopens the next one where this one was. */
  leaveOutline(outline: OutlineState): void {
    this.#outline.leave(outline.view);
  }

  /** Gives a new outline the open diagram, items and focus of the one before the reload. */
  restoreOutline(outline: OutlineState): void {
    const view = this.#outline.take();
    if (view) outline.restore(view);
  }

  dismiss(): void {
    this.notice = null;
  }

  /** Takes over a session refused for patient data (else does nothing). */
  #recover(session: BoardSession): void {
    const refusal = session.refusal;
    if (refusal?.code !== CloseCode.patientIdentifier || this.#recovering === session) return;
    this.#recovering = session;
    this.#camera.arm();
    this.#outline.arm();
    this.notice = refusalMessage(refusal.code, refusal.reason);
    void session.discardLocalCopy().then(() => {
      this.#generation++;
    });
  }
}

/** One view kept across a recovery: the last one left, handed once to the next after `arm`. */
class KeptView<T> {
  #last: T | null = null;
  #armed = false;

  leave(view: T): void {
    this.#last = view;
  }

  arm(): void {
    this.#armed = true;
  }

  take(): T | null {
    if (!this.#armed) return null;
    this.#armed = false;
    return this.#last;
  }
}
