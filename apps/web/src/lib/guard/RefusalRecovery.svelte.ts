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

  #camera: AwarenessCamera | null = null;
  #recovering: BoardSession | null = null;

  /** Takes over a session refused for patient data (else does nothing); true when it did. */
  recover(session: BoardSession, editor: Editor | null): boolean {
    const refusal = session.refusal;
    if (refusal?.code !== CloseCode.patientIdentifier || this.#recovering === session) return false;
    this.#recovering = session;
    this.notice = refusalMessage(refusal.code, refusal.reason);
    this.#camera = editor ? currentCamera(editor) : null;
    void session.discardLocalCopy().then(() => {
      this.generation++;
    });
    return true;
  }

  /** Puts a newly mounted editor's view back where the person was before the reload. */
  restoreView(editor: Editor): void {
    if (!this.#camera) return;
    showCamera(editor, this.#camera);
    this.#camera = null;
  }

  dismiss(): void {
    this.notice = null;
  }
}
