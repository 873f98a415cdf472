import type * as Y from 'yjs';
import type { Editor, TLRecord, TLShape, TLShapeId } from 'tldraw';
import {
  facilitationMap,
  readPatientDataMode,
  redactPatientIdentifiers,
  type PatientDataMode,
  type PatientIdentifierMatch,
} from '@qi/model';
import type { PatientDataPolicy } from '@qi/protocol';
import { checkPatientData, matchedTexts, withoutPatientData } from './checkPatientData';
import { combinePolicy } from './patientDataPolicy';
import { plainToRichText, shapePlainText } from './shapeText';

/** A canvas shape this person wrote that holds what looks like patient data. */
export interface FlaggedShape {
  id: TLShapeId;
  /** Names the shape for the alert: its kind and the start of its text, identifiers removed. */
  label: string;
  matches: PatientIdentifierMatch[];
}

/** How long a preview of a shape's text is in its label. */
const PREVIEW_LENGTH = 32;

/**
 * Watches the sticky notes and text this person writes on the canvas (which sync as they type)
 * for patient identifiers: `flagged` drives an alert naming the shape, `remove` strips them.
 * In block mode `holdRecord` tells the store binding to keep such a record out of the board
 * document until it is clean, so it never reaches the server (which would refuse it, 4422).
 */
export class NoteGuard {
  flagged = $state<FlaggedShape[]>([]);
  /** The board's own mode (from its facilitation map). */
  #boardMode = $state<PatientDataMode>('warn');

  #editor: Editor | null = null;
  /** Identifier texts the person chose to keep, per shape (warn mode); not rendered. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read only by #check, never by a view
  #kept = new Map<TLShapeId, string[]>();
  #stop: () => void;

  /** `deployment` answers the deployment's policy (null until read). */
  constructor(
    doc: Y.Doc,
    private readonly deployment: () => PatientDataPolicy | null,
  ) {
    const map = facilitationMap(doc);
    const read = () => {
      this.#boardMode = readPatientDataMode(doc);
    };
    read();
    map.observe(read);
    this.#stop = () => map.unobserve(read);
  }

  /** The policy in force: the stricter of the deployment's and the board's mode. */
  get policy(): PatientDataPolicy {
    return combinePolicy(this.deployment(), this.#boardMode);
  }

  get mode(): PatientDataMode {
    return this.policy.mode;
  }

  /** For the store binding: true while a record must stay on this device (block mode). */
  readonly holdRecord = (record: TLRecord): boolean => {
    const policy = this.policy;
    if (policy.mode !== 'block') return false;
    const text = shapePlainText(record);
    return text !== null && checkPatientData(text, policy).holds;
  };

  /** Follows this person's canvas edits (and others' changes to shapes it flagged); returns the stop. */
  bind(editor: Editor): () => void {
    this.#editor = editor;
    const stop = editor.store.listen(
      ({ changes, source }) => {
        // Others' notes are not this person's to fix; a remote change only clears a flag.
        const mine = source === 'user';
        for (const record of Object.values(changes.added)) if (mine) this.#check(record);
        for (const [, record] of Object.values(changes.updated)) {
          if (mine || this.#isFlagged(record.id)) this.#check(record);
        }
        for (const record of Object.values(changes.removed)) this.#unflag(record.id as TLShapeId);
      },
      { source: 'all', scope: 'document' },
    );
    return () => {
      stop();
      if (this.#editor === editor) this.#editor = null;
    };
  }

  /** Replaces what looks like patient data in the shape's text with "[removed]". */
  remove(id: TLShapeId): void {
    const shape = this.#editor?.getShape(id);
    const text = shape && shapePlainText(shape);
    if (!shape || text === null || text === undefined) return this.#unflag(id);
    const { matches } = checkPatientData(text, { ...this.policy, mode: 'block' });
    if (matches.length === 0) return this.#unflag(id);
    const redacted = redactPatientIdentifiers(text, matches);
    const props =
      'richText' in shape.props ? { richText: plainToRichText(redacted) } : { text: redacted };
    this.#editor!.updateShape({ id, type: shape.type, props } as Partial<TLShape> &
      Pick<TLShape, 'id' | 'type'>);
  }

  /** Warn mode: the person keeps what looks like patient data in this shape. */
  keep(id: TLShapeId): void {
    const shape = this.#editor?.getShape(id);
    const text = shape ? shapePlainText(shape) : null;
    const flagged = this.flagged.find((f) => f.id === id);
    if (text !== null && flagged) {
      this.#kept.set(id, [...(this.#kept.get(id) ?? []), ...matchedTexts(text, flagged.matches)]);
    }
    this.#unflag(id);
  }

  destroy(): void {
    this.#stop();
  }

  #check(record: TLRecord): void {
    const text = shapePlainText(record);
    if (text === null) return;
    const id = record.id as TLShapeId;
    const policy = this.policy;
    const { matches } = checkPatientData(text, policy, this.#kept.get(id));
    if (matches.length === 0) return this.#unflag(id);
    const kind = (record as TLShape).type === 'note' ? 'Sticky note' : 'Text on the canvas';
    const preview = withoutPatientData(text, policy).replace(/\s+/g, ' ').trim();
    const label = `${kind} “${preview.length > PREVIEW_LENGTH ? `${preview.slice(0, PREVIEW_LENGTH)}…` : preview}”`;
    const entry: FlaggedShape = { id, label, matches };
    const at = this.flagged.findIndex((f) => f.id === id);
    this.flagged = at < 0 ? [...this.flagged, entry] : this.flagged.with(at, entry);
  }

  #isFlagged(id: string): boolean {
    return this.flagged.some((f) => f.id === id);
  }

  #unflag(id: TLShapeId): void {
    if (this.#isFlagged(id)) this.flagged = this.flagged.filter((f) => f.id !== id);
  }
}
