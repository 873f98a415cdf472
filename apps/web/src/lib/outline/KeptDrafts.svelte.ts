import type { DiagramSnapshot, NodeKind } from '@qi/model';
import { kindName, spokenText } from './describeNode';

/** Words typed in an outline edit field that could not be saved: the board turned read-only. */
export interface KeptDraft {
  readonly diagramId: string;
  readonly nodeId: string;
  /** What the person had typed. */
  readonly text: string;
  /** The item's saved text when the words were kept (to tell if someone changed it since). */
  readonly base: string;
  readonly kind: NodeKind;
  /** The diagram's title then, to name it if it is deleted meanwhile. */
  readonly diagramTitle: string;
  /** The item was new (an empty one left unwritten is removed, as when editing ends). */
  readonly isNew: boolean;
}

/** Where a kept draft stands: still waiting, its item changed by someone, or its item gone. */
export type KeptDraftState = 'same' | 'changed' | 'gone';

/**
 * This tab's kept drafts, one per diagram and item. They live only here (never in the board
 * document: nothing may be sent while the board is locked) until saved or let go.
 */
export class KeptDrafts {
  list = $state.raw<readonly KeptDraft[]>([]);

  get(diagramId: string, nodeId: string): KeptDraft | undefined {
    return this.list.find((d) => d.diagramId === diagramId && d.nodeId === nodeId);
  }

  keep(draft: KeptDraft): void {
    this.list = [...this.#without(draft.diagramId, draft.nodeId), draft];
  }

  drop(diagramId: string, nodeId: string): void {
    if (this.get(diagramId, nodeId)) this.list = this.#without(diagramId, nodeId);
  }

  #without(diagramId: string, nodeId: string): KeptDraft[] {
    return this.list.filter((d) => d.diagramId !== diagramId || d.nodeId !== nodeId);
  }
}

/** How a kept draft's item stands in the diagrams as they are now. */
export function keptDraftState(
  draft: KeptDraft,
  diagrams: ReadonlyMap<string, DiagramSnapshot>,
): KeptDraftState {
  const node = diagrams.get(draft.diagramId)?.nodes.find((n) => n.id === draft.nodeId);
  if (!node) return 'gone';
  return node.text === draft.base ? 'same' : 'changed';
}

/** What to say when the board opens again with kept drafts: carry on, or copy what has no home. */
export function unlockedMessage(
  drafts: readonly KeptDraft[],
  stateOf: (draft: KeptDraft) => KeptDraftState,
): string {
  const gone = drafts.filter((d) => stateOf(d) === 'gone');
  const waiting = drafts.length - gone.length;
  const said: string[] = [];
  if (waiting === 1) {
    const d = drafts.find((d) => !gone.includes(d))!;
    said.push(
      `Changes are open again. Your words for the ${kindName(d)} ${spokenText(d.base)} are kept: choose “Carry on writing”, then press Enter to save them.`,
    );
  } else if (waiting > 1) {
    said.push(
      `Changes are open again. ${waiting} pieces of your writing are kept: choose “Carry on writing” on each, then press Enter to save it.`,
    );
  }
  for (const d of gone) {
    said.push(
      `The ${kindName(d)} ${spokenText(d.base)} was removed meanwhile, so your words cannot go back there. They are kept for you to copy.`,
    );
  }
  return said.join(' ');
}
