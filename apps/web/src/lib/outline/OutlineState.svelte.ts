/* eslint-disable svelte/prefer-svelte-reactivity -- `collapsed` is replaced whole ($state.raw), never mutated in place; other sets are local to one call. */
import {
  allowedChildKinds,
  NODE_KIND_LABELS,
  type DiagramSnapshot,
  type NodeSnapshot,
} from '@qi/model';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { frozenRefusal, nodeCommands, READ_ONLY_MESSAGE } from '$lib/diagrams/nodeCommands';
import type { PatientDataVerdict } from '$lib/guard/checkPatientData';
import { FieldGuard } from '$lib/guard/FieldGuard.svelte';
import { boardPolicy } from '$lib/guard/patientDataPolicy';
import { describeChanges } from './describeChanges';
import { spokenText } from './describeNode';
import {
  KeptDrafts,
  keptDraftState,
  unlockedMessage,
  type KeptDraft,
  type KeptDraftState,
} from './KeptDrafts.svelte';
import { OutlineFollowing } from './OutlineFollowing.svelte';

/** The keys of a keyboard event the outline looks at (so tests need no DOM). */
export interface KeyInput {
  readonly key: string;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
}

/** Where a node sits in its tree, for aria-level, aria-posinset and aria-setsize. */
export interface NodePlace {
  readonly level: number;
  readonly position: number;
  readonly setSize: number;
}

/** What a person sees of an outline, kept when the board is opened again (RefusalRecovery). */
export interface OutlineView {
  readonly current: string | null;
  readonly active: Readonly<Record<string, string>>;
  readonly collapsed: ReadonlySet<string>;
  /** Keyboard focus was in the outline. */
  readonly focused: boolean;
  /** Words kept from a locked board, not saved yet. */
  readonly kept?: readonly KeptDraft[];
}

/**
 * The outline twin's behaviour: one WAI-ARIA tree per diagram, with a roving focus, collapse and
 * expand, editing in place, and the same keys as the canvas to add, move and remove nodes. Every
 * edit goes through the model with this tab's origin, so undo takes back only this person's work.
 * Changes made by others are turned into polite announcements; they never move the focus.
 */
export class OutlineState {
  /** Node id with tabindex 0 in each diagram's tree. */
  active = $state<Record<string, string>>({});
  /** Collapsed node ids (local to this tab). */
  collapsed = $state.raw<ReadonlySet<string>>(new Set());
  /** Node being edited, and its text so far. */
  editing = $state<{ diagramId: string; nodeId: string; isNew: boolean } | null>(null);
  draft = $state('');
  /** Text of the polite live region. */
  announcement = $state('');
  /** Bumped when the view should move DOM focus to the active item (after this person's actions only). */
  focusTick = $state(0);
  /** Diagram whose tree should take focus on the next focusTick. */
  focusDiagram = $state<string | null>(null);
  /** The diagram open in this outline: the one last worked in, or the followed person's. */
  current = $state<string | null>(null);
  /** Bumped when the view should bring `current` into sight (following someone). */
  showTick = $state(0);
  /** Keyboard focus is in one of the trees or their tools (kept by the view). */
  hasFocus = false;
  /** Words typed when the board turned read-only, kept (not saved) until they can be. */
  readonly kept = new KeptDrafts();
  /** Whom this outline follows (set by the page), and whether this person paused it. */
  readonly following = new OutlineFollowing();

  /** The item being edited as it was when editing began (what a kept draft is measured from). */
  #editBase: Pick<KeptDraft, 'base' | 'kind' | 'diagramTitle'> | null = null;

  readonly #diagrams: BoardDiagrams;
  readonly #stop: () => void;
  readonly #guard = new FieldGuard(
    () => (this.editing ? this.draft : ''),
    () => boardPolicy(this.#diagrams.board.doc, this.#diagrams.deploymentPatientData),
  );

  constructor(diagrams: BoardDiagrams) {
    this.#diagrams = diagrams;
    this.#stop = diagrams.onRemoteChange(({ before, after, diagramIds }) => {
      const messages = describeChanges(before, after, diagramIds);
      if (messages.length > 0) this.announce(messages.join(' '));
    });
  }

  destroy(): void {
    this.#stop();
  }

  /** The diagrams shown, in board order. */
  get diagrams(): DiagramSnapshot[] {
    return this.#diagrams.list;
  }

  /** This outline's view, to be given to the one that replaces it (`restore`). */
  get view(): OutlineView {
    const { current, active, collapsed, hasFocus } = this;
    return { current, active: { ...active }, collapsed, focused: hasFocus, kept: this.kept.list };
  }

  /** Opens a view taken from an earlier outline; focus returns to its item if it was there. */
  restore(view: OutlineView): void {
    this.current = view.current;
    this.active = { ...view.active };
    this.collapsed = view.collapsed;
    if (view.kept) this.kept.list = view.kept;
    if (view.focused && view.current) this.#requestFocus(view.current);
  }

  /**
   * Marks the diagram this person moved into as the open one (published to followers). Moving
   * into another diagram than the followed person's pauses following here, and says so.
   */
  open(diagramId: string): void {
    if (this.current === diagramId) return;
    this.current = diagramId;
    if (!this.following.opened(diagramId)) return;
    const name = this.following.name;
    this.announce(
      `Stopped following ${name} in the outline, so you can read here. Choose “Follow ${name} again” to go back.`,
    );
  }

  /**
   * Opens the diagram a followed person has open, bringing it into sight without moving focus.
   * Called again whenever anyone's presence changes: only a move of theirs opens anything, and
   * not while following is paused here.
   */
  show(diagramId: string): void {
    if (!this.#diagrams.diagrams.has(diagramId) || !this.following.leaderAt(diagramId)) return;
    if (this.current === diagramId) return;
    this.current = diagramId;
    this.showTick += 1;
  }

  /** After a pause: open the followed person's diagram again and put focus in it. */
  resumeFollowing(): void {
    const leader = this.following.resume();
    const diagram = leader ? this.#diagram(leader) : undefined;
    const name = this.following.name;
    if (!diagram) return this.announce(`Following ${name} again.`);
    this.current = diagram.id;
    this.showTick += 1;
    this.#requestFocus(diagram.id);
    this.announce(`Following ${name} again: ${spokenText(diagram.root.text)} is open.`);
  }

  /** True while the facilitator has frozen the diagram's structure for this person. */
  isFrozen(diagramId: string): boolean {
    return this.#diagrams.isFrozen(diagramId);
  }

  /** True while this person may read but not change the diagrams (observer, locked board). */
  get readOnly(): boolean {
    return this.#diagrams.readOnly;
  }

  /**
   * Closes the edit field when the board turned read-only under it (the facilitator locked it).
   * What was typed cannot be saved now, so it is kept (`kept`) and shown; focus stays on the item.
   */
  leaveEditIfReadOnly(): void {
    const editing = this.editing;
    if (!editing || !this.readOnly) return;
    this.editing = null;
    const kept = this.kept.get(editing.diagramId, editing.nodeId);
    const from = kept ?? this.#editBase;
    // Measured from the item as editing began, so words survive its removal meanwhile too.
    if (from && (this.draft !== from.base || kept)) {
      const { base, kind, diagramTitle } = from;
      const draft = { ...editing, base, kind, diagramTitle, text: this.draft };
      this.kept.keep(draft);
      const then =
        this.keptState(draft) === 'gone'
          ? 'the item was removed, so they are shown for you to copy.'
          : 'when the board is open again, press Enter on this item to carry on.';
      this.announce(`Changes are paused, so your words are not saved yet. They are kept: ${then}`);
    } else {
      this.announce('Changes are paused. You can still move around and read.');
    }
    this.#requestFocus(editing.diagramId);
  }

  /** Says what became of the kept drafts now the board is open again (nothing when none). */
  offerKeptDrafts(): void {
    if (this.readOnly) return;
    const message = unlockedMessage(this.kept.list, (d) => this.keptState(d));
    if (message) this.announce(message);
  }

  /** Whether a kept draft's item is still there as it was, changed by someone, or gone. */
  keptState(draft: KeptDraft): KeptDraftState {
    return keptDraftState(draft, this.#diagrams.diagrams);
  }

  /** Lets go of a kept draft (this person chose to); focus goes back to its diagram. */
  discardKept(diagramId: string, nodeId: string): void {
    this.kept.drop(diagramId, nodeId);
    this.announce('Your unsaved words were let go.');
    if (this.#diagram(diagramId)) this.#requestFocus(diagramId);
  }

  /** The node that holds the roving tabindex in a diagram's tree (its head when none was chosen). */
  activeId(diagram: DiagramSnapshot): string {
    const chosen = this.active[diagram.id];
    return chosen && this.#visible(diagram).some((n) => n.id === chosen) ? chosen : diagram.root.id;
  }

  /** The items shown, in order (a flat tree: level and position come from aria attributes). */
  rows(diagram: DiagramSnapshot): NodeSnapshot[] {
    return this.#visible(diagram);
  }

  isExpanded(node: NodeSnapshot): boolean | undefined {
    if (node.children.length === 0) return undefined;
    return !this.collapsed.has(node.id);
  }

  /** Level (head = 1), position among siblings and number of siblings. */
  place(diagram: DiagramSnapshot, node: NodeSnapshot): NodePlace {
    const parent = node.parentId ? diagram.nodes.find((n) => n.id === node.parentId) : undefined;
    const siblings = parent ? parent.children : [node];
    return {
      level: node.depth + 1,
      position: siblings.findIndex((s) => s.id === node.id) + 1,
      setSize: siblings.length,
    };
  }

  /** Puts the roving focus on a node (e.g. when it is clicked). */
  focus(diagramId: string, nodeId: string): void {
    this.active[diagramId] = nodeId;
  }

  /** Handles a key on a tree item that is not being edited. Returns true when the key was used. */
  keydown(diagramId: string, input: KeyInput): boolean {
    const diagram = this.#diagram(diagramId);
    if (!diagram) return false;
    const id = this.activeId(diagram);
    const node = diagram.nodes.find((n) => n.id === id)!;
    const visible = this.#visible(diagram);
    const index = visible.findIndex((n) => n.id === id);
    const command = input.ctrlKey || input.metaKey;
    // Read-only: the arrows still move and read; a key that would change something says why not.
    if (this.readOnly && isChangeKey(input, command)) {
      this.announce(READ_ONLY_MESSAGE);
      return true;
    }

    if (command && input.key.toLowerCase() === 'z') {
      if (input.shiftKey) this.redo(diagramId);
      else this.undo(diagramId);
      return true;
    }
    if (command && input.key.toLowerCase() === 'y') {
      this.redo(diagramId);
      return true;
    }
    if (input.altKey && (input.key === 'ArrowUp' || input.key === 'ArrowDown')) {
      this.moveAlong(diagramId, id, input.key === 'ArrowUp' ? -1 : 1);
      return true;
    }
    switch (input.key) {
      case 'ArrowDown':
        return this.#moveFocus(diagramId, visible[index + 1]);
      case 'ArrowUp':
        return this.#moveFocus(diagramId, visible[index - 1]);
      case 'Home':
        return this.#moveFocus(diagramId, visible[0]);
      case 'End':
        return this.#moveFocus(diagramId, visible[visible.length - 1]);
      case 'ArrowRight':
        if (this.isExpanded(node) === false) this.#setCollapsed(node.id, false);
        else if (node.children.length > 0) this.#moveFocus(diagramId, node.children[0]);
        return true;
      case 'ArrowLeft':
        if (this.isExpanded(node)) this.#setCollapsed(node.id, true);
        else if (node.parentId)
          this.#moveFocus(
            diagramId,
            diagram.nodes.find((n) => n.id === node.parentId),
          );
        return true;
      case 'Enter':
      case 'F2':
        this.startEdit(diagramId, id);
        return true;
      case 'Insert':
        this.addChild(diagramId, id);
        return true;
      case 'Delete':
      case 'Backspace':
        this.remove(diagramId, id);
        return true;
      default:
        return false;
    }
  }

  /** The patient-data check of the edit field: while it holds, the text is not saved. */
  get patientData(): PatientDataVerdict {
    return this.#guard.verdict;
  }

  /** Replaces what looks like patient data in the edit field with "[removed]"; back to the field. */
  removePatientData(): void {
    this.draft = this.#guard.removed();
    if (this.editing) this.#requestFocus(this.editing.diagramId);
  }

  /** Warn mode: the person keeps what looks like patient data (saved as usual); back to the field. */
  keepPatientData(): void {
    this.#guard.keep();
    if (this.editing) this.#requestFocus(this.editing.diagramId);
  }

  /** Handles a key in the edit field. Returns true when the key was used. */
  editKeydown(input: KeyInput): boolean {
    const editing = this.editing;
    if (!editing) return false;
    // Nothing is saved while patient data shows; Tab moves on to the warning's buttons.
    if (this.patientData.holds) return input.key === 'Enter' || input.key === 'Escape';
    if (input.key === 'Escape') {
      this.finishEdit();
      return true;
    }
    if (input.key === 'Enter' && !input.shiftKey) {
      this.commitEdit();
      this.addSibling(editing.diagramId, editing.nodeId);
      return true;
    }
    if (input.key === 'Tab' && !input.shiftKey) {
      this.commitEdit();
      this.addChild(editing.diagramId, editing.nodeId);
      return true;
    }
    if (input.key === 'Tab' && input.shiftKey) {
      this.commitEdit({ keepEditing: true });
      this.outdent(editing.diagramId, editing.nodeId);
      return true;
    }
    return false;
  }

  /** Opens a node's edit field; words kept from a locked board come back in it, to be saved. */
  startEdit(diagramId: string, nodeId: string, isNew = false): void {
    if (this.readOnly) return this.announce(READ_ONLY_MESSAGE);
    const node = this.#diagram(diagramId)?.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    const kept = this.kept.get(diagramId, nodeId);
    // "Carry on writing" may name an item inside a branch closed since: open the way to it.
    for (let up = node.parentId; up; up = this.#parentOf(diagramId, up)) {
      this.#setCollapsed(up, false);
    }
    this.active[diagramId] = nodeId;
    const diagramTitle = this.#diagram(diagramId)!.root.text;
    this.#editBase = { base: node.text, kind: node.kind, diagramTitle };
    this.editing = { diagramId, nodeId, isNew: kept?.isNew ?? isNew };
    this.draft = kept?.text ?? node.text;
    this.#guard.forget();
    this.#requestFocus(diagramId);
    if (!kept) return;
    const since =
      node.text === kept.base ? '' : ` Meanwhile someone changed it to ${spokenText(node.text)}.`;
    this.announce(
      `Your unsaved words are back in the edit field.${since} Press Enter to save them.`,
    );
  }

  /** Saves the edit field into the model (one undo step) and, unless asked, leaves edit mode. */
  commitEdit(options: { keepEditing?: boolean } = {}): void {
    const editing = this.editing;
    if (!editing || this.patientData.holds) return;
    // Locked before the field closed: nothing may be sent, so the words are kept instead.
    if (this.readOnly) return this.leaveEditIfReadOnly();
    const diagram = this.#diagram(editing.diagramId);
    if (diagram) nodeCommands.setText(this.#diagrams, diagram, editing.nodeId, this.draft);
    this.kept.drop(editing.diagramId, editing.nodeId);
    if (!options.keepEditing) {
      this.editing = null;
      this.#requestFocus(editing.diagramId);
    }
  }

  /** Leaves edit mode keeping what was typed; a new node left empty is removed again. */
  finishEdit(): void {
    const editing = this.editing;
    if (!editing || this.patientData.holds) return;
    if (this.readOnly) return this.leaveEditIfReadOnly();
    this.commitEdit();
    const node = this.#diagram(editing.diagramId)?.nodes.find((n) => n.id === editing.nodeId);
    if (editing.isNew && node && !node.text.trim()) this.remove(editing.diagramId, editing.nodeId);
  }

  /** Adds an empty sibling after a node and edits it; on the head, adds a child instead. */
  addSibling(diagramId: string, nodeId: string): void {
    this.#afterAdd(diagramId, nodeId, 'addSibling');
  }

  /** Adds an empty child at the end of a node's children and edits it. */
  addChild(diagramId: string, nodeId: string): void {
    this.#afterAdd(diagramId, nodeId, 'addChild');
  }

  /** Moves a node up a level, to just after its parent, when its kind may sit there. */
  outdent(diagramId: string, nodeId: string): void {
    const diagram = this.#diagram(diagramId);
    if (!diagram) return;
    const result = nodeCommands.outdent(this.#diagrams, diagram, nodeId);
    if (result.message) this.announce(result.message);
    if (result.ok) this.#requestFocus(diagramId);
  }

  /**
   * Moves a node one place up or down among its siblings; past the first or last sibling, into
   * the neighbouring branch (e.g. a cause to the next category), like dragging it there.
   */
  moveAlong(diagramId: string, nodeId: string, direction: -1 | 1): void {
    const diagram = this.#diagram(diagramId);
    const node = diagram?.nodes.find((n) => n.id === nodeId);
    const parent = diagram?.nodes.find((n) => n.id === node?.parentId);
    if (!diagram || !node || !parent) return;
    const frozen = frozenRefusal(this.#diagrams, diagramId);
    if (frozen) return this.announce(frozen.message);
    const siblings = parent.children;
    const at = siblings.findIndex((s) => s.id === nodeId);
    const target = at + direction;
    if (target >= 0 && target < siblings.length) {
      // Placing after the sibling before the target spot.
      const others = siblings.filter((s) => s.id !== nodeId);
      const after = target === 0 ? null : others[target - 1]!.id;
      this.#diagrams.editStructure(diagramId, (board, origin) =>
        board.moveNode({ diagramId, nodeId, parentId: parent.id, after }, origin),
      );
      this.announce(`Moved to ${target + 1} of ${siblings.length}.`);
    } else {
      const grandparent = diagram.nodes.find((n) => n.id === parent.parentId);
      const uncles = grandparent?.children ?? [];
      const uncle = uncles[uncles.findIndex((u) => u.id === parent.id) + direction];
      if (!uncle || !allowedChildKinds(uncle.kind).includes(node.kind)) {
        this.announce(direction < 0 ? 'Already first.' : 'Already last.');
        return;
      }
      const last = uncle.children[uncle.children.length - 1];
      const after = direction > 0 ? null : (last?.id ?? null);
      this.#diagrams.editStructure(diagramId, (board, origin) =>
        board.moveNode({ diagramId, nodeId, parentId: uncle.id, after }, origin),
      );
      this.#setCollapsed(uncle.id, false);
      this.announce(`Moved under ${spokenText(uncle.text)}.`);
    }
    this.#requestFocus(diagramId);
  }

  /** Removes a node and everything under it (undo brings it back); the head stays. */
  remove(diagramId: string, nodeId: string): void {
    const diagram = this.#diagram(diagramId);
    if (!diagram) return;
    const visible = this.#visible(diagram);
    const index = visible.findIndex((n) => n.id === nodeId);
    const node = visible[index];
    const below = new Set(node ? descendants(node) : []);
    const next =
      visible.slice(index + 1).find((n) => !below.has(n.id)) ?? visible[index - 1] ?? diagram.root;
    const result = nodeCommands.remove(this.#diagrams, diagram, nodeId);
    this.announce(result.message!);
    if (!result.ok) return;
    if (this.editing?.nodeId === nodeId) this.editing = null;
    this.kept.drop(diagramId, nodeId);
    this.active[diagramId] = next.id;
    this.#requestFocus(diagramId);
  }

  undo(diagramId: string): void {
    if (!this.#diagrams.undoManager.canUndo()) return this.announce('Nothing of yours to undo.');
    const refused = this.#diagrams.undo();
    if (refused) return this.announce(refused);
    this.announce('Undone.');
    this.#requestFocus(diagramId);
  }

  redo(diagramId: string): void {
    if (!this.#diagrams.undoManager.canRedo()) return this.announce('Nothing to redo.');
    const refused = this.#diagrams.redo();
    if (refused) return this.announce(refused);
    this.announce('Redone.');
    this.#requestFocus(diagramId);
  }

  /** Says something through the polite live region. */
  announce(message: string): void {
    // A repeat of the same words must still be read out: change the text each time.
    this.announcement = this.announcement === message ? `${message}\u00a0` : message;
  }

  /** Label for a kind in the visible outline ("Cause", "Primary driver"). */
  kindLabel(node: NodeSnapshot): string {
    return NODE_KIND_LABELS[node.kind];
  }

  toggle(nodeId: string): void {
    this.#setCollapsed(nodeId, !this.collapsed.has(nodeId));
  }

  #afterAdd(diagramId: string, nodeId: string, command: 'addSibling' | 'addChild'): void {
    const diagram = this.#diagram(diagramId);
    if (!diagram) return;
    const result = nodeCommands[command](this.#diagrams, diagram, nodeId);
    if (!result.ok) return this.announce(result.message);
    if (command === 'addChild') this.#setCollapsed(nodeId, false);
    this.startEdit(diagramId, result.nodeId, true);
    this.#requestFocus(diagramId);
  }

  #diagram(id: string): DiagramSnapshot | undefined {
    return this.#diagrams.diagrams.get(id);
  }

  /** Nodes a sighted person can see, in order: collapsed branches hide their children. */
  #visible(diagram: DiagramSnapshot): NodeSnapshot[] {
    const out: NodeSnapshot[] = [];
    const walk = (node: NodeSnapshot) => {
      out.push(node);
      if (!this.collapsed.has(node.id)) for (const child of node.children) walk(child);
    };
    walk(diagram.root);
    return out;
  }

  #moveFocus(diagramId: string, node: NodeSnapshot | undefined): boolean {
    if (node) {
      this.active[diagramId] = node.id;
      this.#requestFocus(diagramId);
    }
    return true;
  }

  #parentOf(diagramId: string, nodeId: string): string | null {
    return this.#diagram(diagramId)?.nodes.find((n) => n.id === nodeId)?.parentId ?? null;
  }

  #setCollapsed(nodeId: string, collapsed: boolean): void {
    if (this.collapsed.has(nodeId) === collapsed) return;
    const next = new Set(this.collapsed);
    if (collapsed) next.add(nodeId);
    else next.delete(nodeId);
    this.collapsed = next;
  }

  #requestFocus(diagramId: string): void {
    this.focusDiagram = diagramId;
    this.focusTick++;
  }
}

/** Keys of `keydown` that change the diagram (everything but moving, opening and closing). */
function isChangeKey(input: KeyInput, command: boolean | undefined): boolean {
  if (command) return ['z', 'y'].includes(input.key.toLowerCase());
  if (input.altKey) return input.key === 'ArrowUp' || input.key === 'ArrowDown';
  return ['Enter', 'F2', 'Insert', 'Delete', 'Backspace'].includes(input.key);
}

function descendants(node: NodeSnapshot): string[] {
  return node.children.flatMap((c) => [c.id, ...descendants(c)]);
}
