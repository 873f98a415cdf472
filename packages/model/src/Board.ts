import * as Y from 'yjs';
import type { BoardContext } from './BoardContext';
import { diagramsMap } from './boardSchema';
import type { DiagramData } from './DiagramData';
import type {
  AimParts,
  DiagramSnapshot,
  DiagramSummary,
  PdsaDecision,
  PdsaField,
} from './DiagramSnapshot';
import { deriveDiagram } from './deriveDiagram';
import {
  addDiagram,
  deleteDiagram,
  insertDiagram,
  type AddDiagramInput,
  type CreatedDiagram,
  type InsertDefaults,
} from './diagramOperations';
import {
  deleteMeasure,
  link,
  setAimPart,
  setMeasure,
  unlink,
  type LinkInput,
  type MeasureInput,
} from './driverOperations';
import { migrateBoard } from './migrations';
import type { LinkStrength } from './NodeKind';
import {
  addNode,
  addNodes,
  deleteSubtree,
  editText,
  moveNode,
  setNotes,
  setPerspective,
  setStrength,
  setText,
  type AddNodeInput,
  type MoveNodeInput,
  type TextEdit,
} from './nodeOperations';
import {
  addPdsaCycle,
  deletePdsaCycle,
  setPdsaDecision,
  setPdsaField,
  type AddPdsaInput,
} from './pdsaOperations';
import type { Perspective } from './Perspective';

/** Options for Board.open; inject ids and time for deterministic tests. */
export interface BoardOptions {
  readonly newId?: () => string;
  readonly now?: () => number;
}

/** What changed in one transaction, as reported to Board.observe listeners. */
export interface BoardChange {
  /** Diagrams whose content (or existence) changed. */
  readonly diagramIds: ReadonlySet<string>;
  /** The transaction origin passed to the operation (or by the sync provider for remote updates). */
  readonly origin: unknown;
  /** True when the change was made on this replica. */
  readonly local: boolean;
}

/**
 * A board: any number of fishbone and driver diagrams in one Y.Doc. Its methods are the only way to
 * change diagrams; each takes an optional transaction `origin`, so the app can scope a Y.UndoManager
 * (over `board.undoScope`) to its own edits. Reads return frozen snapshots.
 */
export class Board {
  readonly #ctx: BoardContext;

  private constructor(ctx: BoardContext) {
    this.#ctx = ctx;
  }

  /** Opens a board doc: migrates it to the current schema (refusing newer docs, unchanged) and wraps it. */
  static open(doc: Y.Doc, options: BoardOptions = {}): Board {
    migrateBoard(doc);
    return new Board({
      doc,
      newId: options.newId ?? (() => globalThis.crypto.randomUUID()),
      now: options.now ?? Date.now,
    });
  }

  /** The underlying doc (for sync providers and persistence, not for editing). */
  get doc(): Y.Doc {
    return this.#ctx.doc;
  }

  /** The shared type to give Y.UndoManager: `new Y.UndoManager(board.undoScope, { trackedOrigins })`. */
  get undoScope(): Y.AbstractType<unknown> {
    return diagramsMap(this.#ctx.doc) as unknown as Y.AbstractType<unknown>;
  }

  #run<T>(origin: unknown, fn: (ctx: BoardContext) => T): T {
    let result!: T;
    this.#ctx.doc.transact(() => {
      result = fn(this.#ctx);
    }, origin ?? null);
    return result;
  }

  /** The diagrams on the board, oldest first. */
  listDiagrams(): DiagramSummary[] {
    const out: DiagramSummary[] = [];
    diagramsMap(this.#ctx.doc).forEach((record) => {
      const d = deriveDiagram(record);
      if (d) out.push({ id: d.id, kind: d.kind, title: d.root.text, createdAt: d.createdAt });
    });
    return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  /** The derived, frozen snapshot of one diagram, or undefined if it does not exist. */
  getDiagram(diagramId: string): DiagramSnapshot | undefined {
    const record = diagramsMap(this.#ctx.doc).get(diagramId);
    return record instanceof Y.Map ? deriveDiagram(record) : undefined;
  }

  /** Calls `listener` after every transaction that changes diagrams (local or remote). Returns unsubscribe. */
  observe(listener: (change: BoardChange) => void): () => void {
    const map = diagramsMap(this.#ctx.doc);
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void => {
      const ids = new Set<string>();
      for (const e of events) {
        const first = e.path[0];
        if (typeof first === 'string') ids.add(first);
        else if (e instanceof Y.YMapEvent) for (const k of e.keysChanged) ids.add(String(k));
      }
      listener({ diagramIds: ids, origin: tr.origin, local: tr.local });
    };
    map.observeDeep(handler);
    return () => map.unobserveDeep(handler);
  }

  /** Creates a diagram with its head (effect or aim). */
  addDiagram(input: AddDiagramInput, origin?: unknown): CreatedDiagram {
    return this.#run(origin, (ctx) => addDiagram(ctx, input));
  }

  /** Writes a whole diagram from plain data (import, template, conversion) with fresh ids. */
  insertDiagram(data: DiagramData, defaults: InsertDefaults, origin?: unknown): CreatedDiagram {
    return this.#run(origin, (ctx) => insertDiagram(ctx, data, defaults));
  }

  /** Deletes a diagram. */
  deleteDiagram(diagramId: string, origin?: unknown): void {
    this.#run(origin, (ctx) => deleteDiagram(ctx, diagramId));
  }

  /** Adds a node under a live parent; returns the new id. */
  addNode(input: AddNodeInput, origin?: unknown): string {
    return this.#run(origin, (ctx) => addNode(ctx, input));
  }

  /**
   * Adds many nodes to one diagram in one transaction, each after its parent's last child;
   * validates them all before writing any. Returns their ids.
   */
  addNodes(
    diagramId: string,
    inputs: readonly Omit<AddNodeInput, 'diagramId' | 'after'>[],
    origin?: unknown,
  ): string[] {
    return this.#run(origin, (ctx) => addNodes(ctx, diagramId, inputs));
  }

  /** Replaces a node's text (only the changed span is rewritten). */
  setText(diagramId: string, nodeId: string, text: string, origin?: unknown): void {
    this.#run(origin, (ctx) => setText(ctx, diagramId, nodeId, text));
  }

  /** Applies one keystroke-sized edit to a node's text. */
  editText(diagramId: string, nodeId: string, edit: TextEdit, origin?: unknown): void {
    this.#run(origin, (ctx) => editText(ctx, diagramId, nodeId, edit));
  }

  /** Replaces a node's notes. */
  setNotes(diagramId: string, nodeId: string, notes: string, origin?: unknown): void {
    this.#run(origin, (ctx) => setNotes(ctx, diagramId, nodeId, notes));
  }

  /** Sets a node's perspective (patient, carer or staff role). */
  setPerspective(
    diagramId: string,
    nodeId: string,
    perspective: Perspective,
    origin?: unknown,
  ): void {
    this.#run(origin, (ctx) => setPerspective(ctx, diagramId, nodeId, perspective));
  }

  /** Sets the strength of a node's edge to its parent. */
  setStrength(diagramId: string, nodeId: string, strength: LinkStrength, origin?: unknown): void {
    this.#run(origin, (ctx) => setStrength(ctx, diagramId, nodeId, strength));
  }

  /** Moves a node (re-parent and/or re-order). */
  moveNode(input: MoveNodeInput, origin?: unknown): void {
    this.#run(origin, (ctx) => moveNode(ctx, input));
  }

  /** Deletes a node with its subtree and everything referring to it. */
  deleteNode(diagramId: string, nodeId: string, origin?: unknown): void {
    this.#run(origin, (ctx) => deleteSubtree(ctx, diagramId, nodeId));
  }

  /** Adds or re-weights a driver-diagram cross-link. */
  link(input: LinkInput, origin?: unknown): void {
    this.#run(origin, (ctx) => link(ctx, input));
  }

  /** Removes a driver-diagram cross-link. */
  unlink(diagramId: string, from: string, to: string, origin?: unknown): void {
    this.#run(origin, (ctx) => unlink(ctx, diagramId, from, to));
  }

  /** Creates or updates a measure; returns its id. */
  setMeasure(input: MeasureInput, origin?: unknown): string {
    return this.#run(origin, (ctx) => setMeasure(ctx, input));
  }

  /** Deletes a measure. */
  deleteMeasure(diagramId: string, measureId: string, origin?: unknown): void {
    this.#run(origin, (ctx) => deleteMeasure(ctx, diagramId, measureId));
  }

  /** Replaces one part of a driver diagram's aim. */
  setAimPart(diagramId: string, part: keyof AimParts, text: string, origin?: unknown): void {
    this.#run(origin, (ctx) => setAimPart(ctx, diagramId, part, text));
  }

  /** Adds the next PDSA cycle for a change idea; returns its id. */
  addPdsaCycle(input: AddPdsaInput, origin?: unknown): string {
    return this.#run(origin, (ctx) => addPdsaCycle(ctx, input));
  }

  /** Replaces one text field of a PDSA cycle. */
  setPdsaField(
    diagramId: string,
    pdsaId: string,
    field: PdsaField,
    text: string,
    origin?: unknown,
  ): void {
    this.#run(origin, (ctx) => setPdsaField(ctx, diagramId, pdsaId, field, text));
  }

  /** Records a PDSA cycle's act decision. */
  setPdsaDecision(
    diagramId: string,
    pdsaId: string,
    decision: PdsaDecision | null,
    origin?: unknown,
  ): void {
    this.#run(origin, (ctx) => setPdsaDecision(ctx, diagramId, pdsaId, decision));
  }

  /** Deletes a PDSA cycle record. */
  deletePdsaCycle(diagramId: string, pdsaId: string, origin?: unknown): void {
    this.#run(origin, (ctx) => deletePdsaCycle(ctx, diagramId, pdsaId));
  }
}
