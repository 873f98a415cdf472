import {
  Tldraw,
  useToasts,
  type Editor,
  type TLComponents,
  type TLAnyShapeUtilConstructor,
  type TLStore,
  type TLUiOverrides,
} from 'tldraw';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { useEffect, useMemo } from 'react';
import type { CanvasToasts } from './CanvasToasts';
import { BoardToolbar } from './SimpleToolbar';

/** tldraw's parts replaced: the toolbar follows the simpler view. */
const components: TLComponents = { Toolbar: BoardToolbar };

/** Fonts, icons and translations bundled with the app: tldraw fetches nothing from its CDN. */
const assetUrls = getAssetUrlsByImport();

/** Shows the canvas's messages (`CanvasToasts`) as tldraw toasts; renders nothing. */
function ToastBridge({ toasts }: { toasts: CanvasToasts }) {
  const { addToast } = useToasts();
  useEffect(
    () =>
      toasts.subscribe((title) => {
        addToast({ id: 'canvas-message', title, severity: 'info' });
      }),
    [toasts, addToast],
  );
  return null;
}

/**
 * The tldraw editor on a store that is already bound to the board. Kept thin on purpose: undo
 * and redo (buttons and keys) are handed to the person's own Yjs history, and when that refuses
 * a step (e.g. it would change a diagram the facilitator froze) a toast, announced politely,
 * says why.
 */
export function BoardCanvas(props: {
  store: TLStore;
  shapeUtils: readonly TLAnyShapeUtilConstructor[];
  onMount: (editor: Editor) => void;
  /** Undoes this person's last step; returns why not when it is refused, else null. */
  onUndo: () => string | null;
  onRedo: () => string | null;
  /** Messages from outside the React tree, shown as toasts. */
  toasts: CanvasToasts;
}) {
  const { onUndo, onRedo } = props;
  const overrides = useMemo<TLUiOverrides>(
    () => ({
      actions(_editor, actions, helpers) {
        const tell = (refusal: string | null) => {
          if (refusal)
            helpers.addToast({ id: 'undo-refused', title: refusal, severity: 'warning' });
        };
        actions['undo'] = { ...actions['undo']!, onSelect: () => tell(onUndo()) };
        actions['redo'] = { ...actions['redo']!, onSelect: () => tell(onRedo()) };
        return actions;
      },
    }),
    [onUndo, onRedo],
  );
  return (
    <Tldraw
      store={props.store}
      shapeUtils={props.shapeUtils}
      assetUrls={assetUrls}
      overrides={overrides}
      components={components}
      onMount={props.onMount}
    >
      <ToastBridge toasts={props.toasts} />
    </Tldraw>
  );
}
