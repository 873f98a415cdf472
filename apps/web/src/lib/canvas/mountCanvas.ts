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

/** What the canvas needs from an open board. */
export interface CanvasSource {
  doc: Y.Doc;
  awareness: Awareness;
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
