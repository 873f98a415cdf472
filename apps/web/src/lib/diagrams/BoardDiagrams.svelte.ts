/* eslint-disable svelte/prefer-svelte-reactivity -- rune state here is replaced whole ($state.raw), never mutated in place; the other sets are plain listener lists. */
import * as Y from 'yjs';
import {
  Board,
  NOT_A_NOTE,
  canvasRecordAt,
  isNodePerspectiveAt,
  isNotePerspectiveKept,
  notePerspective,
  structureChangedBy,
  typeLocation,
  type DiagramSnapshot,
  type Perspective,
} from '@qi/model';
import type { PatientDataPolicy } from '@qi/protocol';
import { FROZEN_UNDO_MESSAGE, PERSPECTIVE_UNDO_MESSAGE, READ_ONLY_MESSAGE } from './nodeCommands';

/** Stack-item meta key: the diagrams whose structure an undo step changes. */
const STRUCTURE = 'qi:structure';
/** Stack-item meta key: the node perspectives an undo step would write back (from its deletions). */
const PERSPECTIVES = 'qi:perspectives';
/** Stack-item meta key: the sticky notes (record id, perspective) an undo step would write back. */
const NOTES = 'qi:notes';

/** A sticky note an undo step would write back: its record id and perspective. */
type DeletedNote = readonly [recordId: string, perspective: unknown];

type StackItem = Y.UndoManager['undoStack'][number];
type ChangedTypes = Parameters<typeof structureChangedBy>[0];

/** Who is editing in this tab: recorded on every node they add. */
export interface Author {
  readonly authorId: string;
  readonly perspective: Perspective;
}

/** More to put under this tab's undo, e.g. the canvas records and the origin its binding writes with. */
export interface AlsoUndo {
  readonly scope: readonly Y.AbstractType<unknown>[];
  readonly origins: readonly unknown[];
}

/** A change to the diagrams that came from someone else, for polite announcements. */
export interface RemoteChange {
  readonly before: ReadonlyMap<string, DiagramSnapshot>;
  readonly after: ReadonlyMap<string, DiagramSnapshot>;
  readonly diagramIds: ReadonlySet<string>;
}

/**
 * The diagrams of one open board as rune state, shared by the outline and the canvas. Every edit
 * made here carries this tab's `origin`, and `undo`/`redo` go through a Y.UndoManager tracking
 * only that origin, so they never take back a colleague's work.
 */
export class BoardDiagrams {
  readonly board: Board;
  /** Transaction origin of this tab's diagram edits. */
  readonly origin: symbol = Symbol('this-tab');
  readonly undoManager: Y.UndoManager;

  /** Snapshots by diagram id, oldest diagram first. */
  diagrams = $state.raw<ReadonlyMap<string, DiagramSnapshot>>(new Map());
  canUndo = $state(false);
  canRedo = $state(false);
  author = $state.raw<Author>({ authorId: 'unknown', perspective: 'staff:' });
  /**
   * Whether this person may not change the diagrams now (observers; participants while the board
   * is locked). Set once by the page (`openBoardDiagrams`: the session's `canEdit`); read through
   * `readOnly`, so it follows the lock as the runes it reads change.
   */
  readOnlyWhen: () => boolean = () => false;
  /** The deployment's patient-data policy once read (`boardPolicy` adds the board's own mode). */
  deploymentPatientData: PatientDataPolicy | null = null;
  /** Perspectives this person may speak from (their role decides): the outline offers these. */
  perspectiveChoices = $state.raw<Perspective[]>([]);
  /**
   * Whether this person may write a node perspective (the server's `perspectiveSuitsRole` for
   * their role; anything until set). An undo or redo that would write back another one is refused
   * here, so the server never has to refuse it.
   */
  mayGivePerspective: (perspective: unknown) => boolean = () => true;
  /**
   * Diagrams whose structure this person may not change (the facilitator froze them; empty for
   * facilitators). Structure commands refuse them here, so the refused change is never sent.
   */
  frozen = $state.raw<ReadonlySet<string>>(new Set());

  #remoteListeners = new Set<(change: RemoteChange) => void>();
  #listeners = new Set<(local: boolean) => void>();
  #cleanups: (() => void)[] = [];

  /** Wraps `doc`; call only after the board's first sync (see @qi/model's Board.open). */
  constructor(doc: Y.Doc, author: Author, alsoUndo?: AlsoUndo) {
    this.author = author;
    this.board = Board.open(doc);
    this.undoManager = new Y.UndoManager([this.board.undoScope, ...(alsoUndo?.scope ?? [])], {
      trackedOrigins: new Set([this.origin, ...(alsoUndo?.origins ?? [])]),
      captureTimeout: 400,
    });
    this.diagrams = this.#read();
    this.#cleanups.push(
      this.board.observe((change) => {
        const before = this.diagrams;
        const after = this.#read(before, change.diagramIds);
        this.diagrams = after;
        for (const listener of this.#listeners) listener(change.local);
        // Announce only what came from other browsers (not this tab's edits or its undo).
        if (!change.local) {
          const event = { before, after, diagramIds: change.diagramIds };
          for (const listener of this.#remoteListeners) listener(event);
        }
      }),
    );
    const onStack = () => {
      this.canUndo = this.undoManager.canUndo();
      this.canRedo = this.undoManager.canRedo();
    };
    // Each undo step remembers whose structure it changes, so a frozen diagram's is never undone.
    const remember = (event: { stackItem: StackItem; changedParentTypes: ChangedTypes }) => {
      const before = (event.stackItem.meta.get(STRUCTURE) as Set<string> | undefined) ?? [];
      const ids = structureChangedBy(event.changedParentTypes);
      event.stackItem.meta.set(STRUCTURE, new Set([...before, ...ids]));
      // Undoing a deletion writes the deleted perspectives again, as this person.
      const deleted = deletedPerspectives(doc, event.stackItem.deletions);
      event.stackItem.meta.set(PERSPECTIVES, deleted.nodes);
      event.stackItem.meta.set(NOTES, deleted.notes);
    };
    this.undoManager.on('stack-item-added', remember);
    this.undoManager.on('stack-item-updated', remember);
    this.undoManager.on('stack-item-added', onStack);
    this.undoManager.on('stack-item-popped', onStack);
    this.undoManager.on('stack-cleared', onStack);
    this.#cleanups.push(() => this.undoManager.destroy());
  }

  /**
   * True while `edit` and undo change nothing, so this copy never diverges from the board (the
   * server drops the changes anyway); reactive wherever `readOnlyWhen` reads runes.
   */
  get readOnly(): boolean {
    return this.readOnlyWhen();
  }

  /** Diagrams in creation order. */
  get list(): DiagramSnapshot[] {
    return [...this.diagrams.values()];
  }

  /**
   * Runs edits as one transaction of this tab: one update on the wire, one redraw for everyone,
   * one undo step. When read-only, runs nothing and returns undefined.
   */
  edit<T>(fn: (board: Board, origin: symbol) => T): T {
    if (this.readOnly) return undefined as T;
    let result!: T;
    this.board.doc.transact(() => {
      result = fn(this.board, this.origin);
    }, this.origin);
    this.undoManager.stopCapturing();
    return result;
  }

  /** Sets the frozen diagrams and tells the views outside Svelte (the canvas) to redraw. */
  setFrozen(ids: ReadonlySet<string>): void {
    if (ids.size === this.frozen.size && [...ids].every((id) => this.frozen.has(id))) return;
    this.frozen = ids;
    for (const listener of this.#listeners) listener(false);
  }

  /** True while this person may not change the diagram's structure. */
  isFrozen(diagramId: string): boolean {
    return this.frozen.has(diagramId);
  }

  /**
   * Like `edit`, for a change to a diagram's structure (adding, removing, moving nodes, links):
   * runs nothing and returns undefined while that diagram is frozen for this person.
   */
  editStructure<T>(diagramId: string, fn: (board: Board, origin: symbol) => T): T | undefined {
    if (this.isFrozen(diagramId)) return undefined;
    return this.edit(fn);
  }

  /**
   * Takes back this tab's last diagram edit (never someone else's). Returns null when done, or,
   * changing nothing, why not: that edit changed the structure of a diagram now frozen for this
   * person, or undoing it would put back a node of a perspective this person does not speak for.
   */
  undo(): string | null {
    const refusal = this.#refusal(this.undoManager.undoStack);
    if (!refusal) this.undoManager.undo();
    return refusal;
  }

  /** Puts back the edit last undone in this tab; null when done, else why not (as `undo`). */
  redo(): string | null {
    const refusal = this.#refusal(this.undoManager.redoStack);
    if (!refusal) this.undoManager.redo();
    return refusal;
  }

  #refusal(stack: readonly StackItem[]): string | null {
    if (this.readOnly) return READ_ONLY_MESSAGE;
    const step = stack.at(-1);
    const ids = step?.meta.get(STRUCTURE) as Set<string> | undefined;
    if ([...(ids ?? [])].some((id) => this.isFrozen(id))) return FROZEN_UNDO_MESSAGE;
    const perspectives = (step?.meta.get(PERSPECTIVES) as unknown[] | undefined) ?? [];
    const notes = (step?.meta.get(NOTES) as DeletedNote[] | undefined) ?? [];
    // A note written back with the perspective it has now (undoing a move of someone's note) is
    // no perspective given anew: the server lets it pass, as here.
    const given = ([recordId, perspective]: DeletedNote) =>
      this.mayGivePerspective(perspective) ||
      isNotePerspectiveKept(this.board.doc, recordId, perspective);
    return perspectives.every(this.mayGivePerspective) && notes.every(given)
      ? null
      : PERSPECTIVE_UNDO_MESSAGE;
  }

  /** Calls `listener` for every change that came from another browser. Returns unsubscribe. */
  onRemoteChange(listener: (change: RemoteChange) => void): () => void {
    this.#remoteListeners.add(listener);
    return () => this.#remoteListeners.delete(listener);
  }

  /**
   * Calls `listener` after every change to the diagrams, saying whether it was made in this tab
   * (for views outside Svelte, e.g. React's useSyncExternalStore on the canvas). Returns unsubscribe.
   */
  subscribe(listener: (local: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#remoteListeners.clear();
    this.#listeners.clear();
  }

  #read(
    previous?: ReadonlyMap<string, DiagramSnapshot>,
    changed?: ReadonlySet<string>,
  ): Map<string, DiagramSnapshot> {
    const next = new Map<string, DiagramSnapshot>();
    for (const summary of this.board.listDiagrams()) {
      const kept = changed?.has(summary.id) ? undefined : previous?.get(summary.id);
      const snapshot = kept ?? this.board.getDiagram(summary.id);
      if (snapshot) next.set(summary.id, snapshot);
    }
    return next;
  }
}

/**
 * The node perspectives and sticky notes among the items a delete set removed (still held: the
 * undo manager keeps them).
 */
function deletedPerspectives(
  doc: Y.Doc,
  deletions: StackItem['deletions'],
): { nodes: unknown[]; notes: DeletedNote[] } {
  const nodes: unknown[] = [];
  const notes: DeletedNote[] = [];
  for (const [client, ranges] of deletions.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    for (const { clock, len } of ranges) {
      let index = Y.findIndexSS(structs, clock);
      for (; index < structs.length && structs[index]!.id.clock < clock + len; index++) {
        const item = structs[index];
        if (!(item instanceof Y.Item) || item.parentSub === null) continue;
        const parent = item.parent as Y.AbstractType<unknown>;
        // Only a node's perspective key or a root map's entry (a canvas record) can hold one.
        if (item.parentSub !== 'perspective' && parent._item !== null) continue;
        const at = [...typeLocation(parent), item.parentSub];
        if (isNodePerspectiveAt(at)) nodes.push(...item.content.getContent());
        const recordId = canvasRecordAt(at);
        if (recordId === null) continue;
        for (const record of item.content.getContent()) {
          const perspective = notePerspective(record);
          if (perspective !== NOT_A_NOTE) notes.push([recordId, perspective]);
        }
      }
    }
  }
  return { nodes, notes };
}
