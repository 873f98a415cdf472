import type * as Y from 'yjs';
import { perspectiveSuitsRole } from '@qi/protocol';
import type { BoardSession } from '$lib/board/BoardSession.svelte';
import { STORE_ORIGIN } from '$lib/canvas/bindStoreToDoc';
import { recordsMap } from '$lib/canvas/boardDocLayout';
import { loadAuthorId } from '$lib/identity/authorId';
import { perspectiveFor, perspectivesFor } from '$lib/identity/perspective';
import { createDiagram, takePendingDiagram } from '$lib/templates/NewDiagramState.svelte';
import { BoardDiagrams } from './BoardDiagrams.svelte';

/**
 * Opens the diagrams of a session's board once its first content has arrived (the model must not
 * migrate an empty doc before the server's copy is in), then adds a diagram chosen on the home
 * page for this new board, if any. Undo covers this person's canvas edits too (the canvas binding
 * writes them with STORE_ORIGIN; remote changes arrive with the provider's origin).
 */
export async function openBoardDiagrams(session: BoardSession): Promise<BoardDiagrams> {
  await session.canvasReady;
  const staffLabel = session.access?.label ?? '';
  // One undo history for this person's diagram and canvas edits (never anyone else's).
  const diagrams = new BoardDiagrams(
    session.doc,
    {
      authorId: loadAuthorId(localStorage),
      perspective: perspectiveFor(localStorage, session.role, staffLabel),
    },
    {
      scope: [recordsMap(session.doc) as unknown as Y.AbstractType<unknown>],
      origins: [STORE_ORIGIN],
    },
  );
  // Observers, and participants while the board is locked: the runes of the session decide.
  diagrams.readOnlyWhen = () => !session.canEdit;
  diagrams.perspectiveChoices = perspectivesFor(session.role, staffLabel);
  diagrams.mayGivePerspective = (perspective) => perspectiveSuitsRole(session.role, perspective);
  const pending = takePendingDiagram(sessionStorage, session.boardId);
  if (pending)
    diagrams.edit((board, origin) => createDiagram(board, pending, diagrams.author, origin));
  return diagrams;
}
