import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import {
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type Editor,
  type TLRecord,
} from 'tldraw';
import 'tldraw/tldraw.css';
import './diagramShape/diagramShape.css';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import type { WorkshopGetter } from '$lib/workshop/workshopContext';
import { BoardCanvas } from './BoardCanvas';
import { bindPresence } from './bindPresence';
import { bindStoreToDoc } from './bindStoreToDoc';
import { BoxNotices } from './diagramShape/BoxNotices';
import { DiagramShapeUtil } from './diagramShape/DiagramShapeUtil';
import { keepFrozenBoxes } from './diagramShape/keepFrozenBoxes';
import { oneBoxPerDiagram } from './diagramShape/oneBoxPerDiagram';
import { CanvasToasts } from './CanvasToasts';
import { syncDiagramShapes } from './diagramShape/syncDiagramShapes';
import { labelSliderThumbs } from './labelSliderThumbs';

/** Records `perspective` in the meta of every shape this person creates (not remote ones). */
function markPerspective(editor: Editor, perspective: string): void {
  editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
    source === 'user' ? { ...shape, meta: { ...shape.meta, perspective } } : shape,
  );
}

/** What the canvas needs from an open board. */
export interface CanvasSource {
  doc: Y.Doc;
  awareness: Awareness;
  /** Observers: the editor is read-only (the server drops their changes anyway). */
  readOnly?: boolean;
  /**
   * Calls `apply` now and whenever the editor must become read-only or editable again (a
   * locked board); returns the function that stops watching.
   */
  watchReadOnly?: (apply: (readOnly: boolean) => void) => () => void;
  /** Called with the mounted editor (e.g. to publish and follow views); returns its cleanup. */
  onEditor?: (editor: Editor) => () => void;
  /**
   * Whose view this person's shapes carry (`patient`, `staff:<role>`): recorded as
   * `meta.perspective` on every shape they create.
   */
  perspective?: string | null;
  /** The board's diagrams; drawn as diagram shapes, and the undo history of this person. */
  diagrams: BoardDiagrams;
  /** The page's workshop state, for dot voting on the diagrams' boxes. */
  workshop?: WorkshopGetter;
  /** True for a record that must stay on this device for now (patient data in block mode). */
  holdRecord?: (record: TLRecord) => boolean;
}

declare global {
  interface Window {
    /** The mounted editor, for browser tests and debugging from the console. */
    qiEditor?: Editor;
    /** The board's diagrams in this tab, for browser tests and benchmarks. */
    qiDiagrams?: BoardDiagrams;
  }
}

/**
 * Mounts the tldraw canvas for one board into `target` as a React island, bound to the board's
 * Y.Doc (shapes), awareness (cursors) and diagrams (one diagram shape each). Undo and redo on
 * the canvas go to the person's own history (BoardDiagrams), which never undoes a colleague.
 * Returns the function that unmounts and unbinds it.
 */
export function mountCanvas(target: HTMLElement, source: CanvasSource): () => void {
  const notices = new BoxNotices();
  const toasts = new CanvasToasts();
  const shapeUtils = [
    ...defaultShapeUtils,
    DiagramShapeUtil.configure({
      source: source.diagrams,
      workshop: source.workshop ?? null,
      notices,
    }),
  ];
  const store = createTLStore({ shapeUtils, bindingUtils: defaultBindingUtils });
  // On the store before the editor exists, so it runs before the editor's own delete handlers
  // (which let go of the shape's selection and bindings).
  const stopKeeping = keepFrozenBoxes(store.sideEffects, source.diagrams, (diagramId, text) =>
    notices.say(diagramId, text),
  );
  const stopCopies = oneBoxPerDiagram(
    store.sideEffects,
    (id) => store.remove([id]),
    (text) => toasts.say(text),
  );
  const unbindDoc = bindStoreToDoc(store, source.doc, { hold: source.holdRecord });
  const unbindPresence = bindPresence(store, source.awareness, target);
  const stopLabelling = labelSliderThumbs(target);
  let stopShapes: (() => void) | undefined;
  let stopReadOnly: (() => void) | undefined;
  let stopEditorHook: (() => void) | undefined;
  const root = createRoot(target);
  root.render(
    createElement(BoardCanvas, {
      store,
      shapeUtils,
      onUndo: () => source.diagrams.undo(),
      onRedo: () => source.diagrams.redo(),
      toasts,
      onMount: (editor: Editor) => {
        window.qiEditor = editor;
        if (source.readOnly) editor.updateInstanceState({ isReadonly: true });
        stopReadOnly?.();
        stopEditorHook?.();
        stopEditorHook = source.onEditor?.(editor);
        stopReadOnly = source.watchReadOnly?.((readOnly) =>
          editor.updateInstanceState({ isReadonly: readOnly || !!source.readOnly }),
        );
        if (source.perspective) markPerspective(editor, source.perspective);
        window.qiDiagrams = source.diagrams;
        stopShapes?.();
        stopShapes = syncDiagramShapes(editor, source.doc, source.diagrams);
      },
    }),
  );
  return () => {
    stopEditorHook?.();
    stopReadOnly?.();
    stopShapes?.();
    stopKeeping();
    stopCopies();
    stopLabelling();
    unbindPresence();
    unbindDoc();
    root.unmount();
    if (window.qiEditor?.store === store) {
      delete window.qiEditor;
      delete window.qiDiagrams;
    }
  };
}
