import { Tldraw, type Editor, type TLStore } from 'tldraw';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';

/** Fonts, icons and translations bundled with the app: tldraw fetches nothing from its CDN. */
const assetUrls = getAssetUrlsByImport();

/** The tldraw editor on a store that is already bound to the board. Kept thin on purpose. */
export function BoardCanvas(props: { store: TLStore; onMount: (editor: Editor) => void }) {
  return <Tldraw store={props.store} assetUrls={assetUrls} onMount={props.onMount} />;
}
