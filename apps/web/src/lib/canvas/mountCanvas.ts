import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type Editor } from 'tldraw';
import 'tldraw/tldraw.css';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { BoardCanvas } from './BoardCanvas';
import { bindPresence } from './bindPresence';
import { bindStoreToDoc } from './bindStoreToDoc';
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
   * Whose view this person's shapes carry (`patient`, `staff:<role>`): recorded as
   * `meta.perspective` on every shape they create.
   */
  perspective?: string | null;
}

declare global {
  interface Window {
    /** The mounted editor, for browser tests and debugging from the console. */
    qiEditor?: Editor;
  }
}

/**
 * Mounts the tldraw canvas for one board into `target` as a React island, bound to the board's
 * Y.Doc (shapes) and awareness (cursors). Returns the function that unmounts and unbinds it.
 */
export function mountCanvas(target: HTMLElement, source: CanvasSource): () => void {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
  const unbindDoc = bindStoreToDoc(store, source.doc);
  const unbindPresence = bindPresence(store, source.awareness, target);
  const stopLabelling = labelSliderThumbs(target);
  const root = createRoot(target);
  root.render(
    createElement(BoardCanvas, {
      store,
      onMount: (editor: Editor) => {
        window.qiEditor = editor;
        if (source.readOnly) editor.updateInstanceState({ isReadonly: true });
        if (source.perspective) markPerspective(editor, source.perspective);
      },
    }),
  );
  return () => {
    stopLabelling();
    unbindPresence();
    unbindDoc();
    root.unmount();
    if (window.qiEditor?.store === store) delete window.qiEditor;
  };
}
