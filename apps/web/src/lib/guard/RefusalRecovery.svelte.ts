import type { Editor } from 'tldraw';
import { CloseCode, type AwarenessCamera } from '@qi/protocol';
import type { BoardSession } from '$lib/board/BoardSession.svelte';
import { refusalMessage, type RefusalMessage } from '$lib/access/refusalMessage';
import { currentCamera, showCamera } from '$lib/canvas/bindCamera';

/**
 * Recovers a board page after the server refused a change as patient data (4422). This
 * device's copy still holds the refused text, so it is dropped (document and IndexedDB copy)
 * and the board is opened again from the server; the person keeps their view and is told why.
 */
export class RefusalRecovery {
  /** Bumped when the board must be opened again: the page's session effect depends on it. */
  generation = $state(0);
  /** Why the board was reloaded, in plain words, until dismissed. */
  notice = $state<RefusalMessage | null>(null);

  /** The view of the last editor that went away (the refusal unmounts the canvas). */
  #lastView: AwarenessCamera | null = null;
  #restoring = false;
  #recovering: BoardSession | null = null;

  /** Call as an editor goes away: a recovery puts the next editor's view where this one was. */
  leave(editor: Editor): void {
    this.#lastView = currentCamera(editor);
  }

  /** Takes over a session refused for patient data (else does nothing); true when it did. */
  recover(session: BoardSession): boolean {
    const refusal = session.refusal;
    if (refusal?.code !== CloseCode.patientIdentifier || this.#recovering === session) return false;
    this.#recovering = session;
    this.#restoring = true;
    this.notice = refusalMessage(refusal.code, refusal.reason);
    void session.discardLocalCopy().then(() => {
      this.generation++;
    });
    return true;
  }

  /** Puts a newly mounted editor's view back where the person was before the reload. */
  restoreView(editor: Editor): void {
    if (!this.#restoring) return;
    this.#restoring = false;
    if (this.#lastView) showCamera(editor, this.#lastView);
  }

  dismiss(): void {
    this.notice = null;
  }
}
