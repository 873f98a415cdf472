import type { BoardSession } from '$lib/board/BoardSession.svelte';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { WorkshopState } from './WorkshopState.svelte';

/** The workshop state of an open board page: its link token, role, author and presence. */
export function openWorkshop(session: BoardSession, diagrams: BoardDiagrams): WorkshopState {
  return new WorkshopState({
    doc: session.doc,
    boardId: session.boardId,
    token: session.access?.token ?? null,
    role: session.role,
    author: () => ({ ...diagrams.author, name: session.access?.name }),
    diagrams,
    awareness: session.provider.awareness,
    patientData: () => session.patientData,
  });
}
