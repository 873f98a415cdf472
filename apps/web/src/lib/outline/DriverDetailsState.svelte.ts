import {
  linkTargetKind,
  ModelError,
  type DiagramSnapshot,
  type LinkStrength,
  type MeasureType,
  type NodeSnapshot,
} from '@qi/model';
import { frozenRefusal, type Editing } from '$lib/diagrams/nodeCommands';
import { kindName, spokenText } from './describeNode';

/** Plain words for each kind of measure, for the form and the list. */
export const MEASURE_TYPES: readonly { type: MeasureType; label: string; help: string }[] = [
  { type: 'outcome', label: 'Outcome measure', help: 'Tells us whether we reached the aim.' },
  {
    type: 'process',
    label: 'Process measure',
    help: 'Tells us whether a change is happening. It belongs to the item chosen in the outline.',
  },
  {
    type: 'balancing',
    label: 'Balancing measure',
    help: 'Checks that the change does not cause harm somewhere else.',
  },
];

/**
 * The driver diagram's extra parts, edited beside the outline: the family of measures (outcome,
 * process, balancing) and cross-links from the chosen item to further drivers (strong or weak).
 * Errors from the model are turned into plain words in `problem`.
 */
export class DriverDetailsState {
  type = $state<MeasureType>('outcome');
  name = $state('');
  definition = $state('');
  linkTarget = $state('');
  linkStrength = $state<LinkStrength>('strong');
  problem = $state('');
  /** Last thing done, for a polite status message. */
  done = $state('');

  readonly #editing: Editing;

  constructor(editing: Editing) {
    this.#editing = editing;
  }

  /** Adds the measure in the form; a process measure goes on `active` (a driver or change idea). */
  addMeasure(diagram: DiagramSnapshot, active: NodeSnapshot | undefined): boolean {
    this.problem = '';
    const name = this.name.trim();
    if (!name) return this.#fail('Give the measure a name.');
    if (this.type === 'process' && (!active || !active.parentId)) {
      return this.#fail('Choose a driver or change idea in the outline first.');
    }
    const attachedTo =
      this.type === 'process' ? active!.id : this.type === 'outcome' ? diagram.root.id : null;
    const ok = this.#try(() =>
      this.#editing.edit((board, origin) =>
        board.setMeasure(
          {
            diagramId: diagram.id,
            type: this.type,
            name,
            definition: this.definition.trim(),
            attachedTo,
          },
          origin,
        ),
      ),
    );
    if (ok) {
      this.done = `Added ${MEASURE_TYPES.find((m) => m.type === this.type)!.label.toLowerCase()} ${spokenText(name)}.`;
      this.name = '';
      this.definition = '';
    }
    return ok;
  }

  removeMeasure(diagram: DiagramSnapshot, measureId: string): void {
    const measure = diagram.measures.find((m) => m.id === measureId);
    if (!measure) return;
    if (this.#try(() => this.#editing.edit((b, o) => b.deleteMeasure(diagram.id, measureId, o))))
      this.done = `Removed measure ${spokenText(measure.name)}.`;
  }

  /** Items the chosen one may also link to: primary drivers from a secondary, secondary from a change idea. */
  linkTargets(diagram: DiagramSnapshot, active: NodeSnapshot | undefined): NodeSnapshot[] {
    const kind = active ? linkTargetKind(active.kind) : undefined;
    if (!active || !kind) return [];
    const linked = diagram.links.filter((l) => l.from === active.id).map((l) => l.to);
    return diagram.nodes.filter(
      (n) => n.kind === kind && n.id !== active.parentId && !linked.includes(n.id),
    );
  }

  addLink(diagram: DiagramSnapshot, active: NodeSnapshot | undefined): boolean {
    this.problem = '';
    const target = diagram.nodes.find((n) => n.id === this.linkTarget);
    if (!active || !target) return this.#fail('Choose what it also affects.');
    const frozen = frozenRefusal(this.#editing, diagram.id);
    if (frozen) return this.#fail(frozen.message);
    const ok = this.#try(() =>
      this.#editing.edit((board, origin) =>
        board.link(
          { diagramId: diagram.id, from: active.id, to: target.id, strength: this.linkStrength },
          origin,
        ),
      ),
    );
    if (ok) {
      this.done = `Linked ${kindName(active)} ${spokenText(active.text)} to ${spokenText(target.text)} (${this.linkStrength}).`;
      this.linkTarget = '';
    }
    return ok;
  }

  removeLink(diagram: DiagramSnapshot, from: string, to: string): void {
    const frozen = frozenRefusal(this.#editing, diagram.id);
    if (frozen) return void this.#fail(frozen.message);
    if (this.#try(() => this.#editing.edit((b, o) => b.unlink(diagram.id, from, to, o))))
      this.done = 'Removed the link.';
  }

  /** Marks the link from a node to its parent strong or weak (drawn solid or dashed). */
  setStrength(diagram: DiagramSnapshot, node: NodeSnapshot, strength: LinkStrength): void {
    const frozen = frozenRefusal(this.#editing, diagram.id);
    if (frozen) return void this.#fail(frozen.message);
    if (
      this.#try(() => this.#editing.edit((b, o) => b.setStrength(diagram.id, node.id, strength, o)))
    )
      this.done = `Marked the link ${strength}.`;
  }

  #fail(message: string): false {
    this.problem = message;
    return false;
  }

  #try(fn: () => unknown): boolean {
    try {
      fn();
      return true;
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      return this.#fail(error.message);
    }
  }
}
