import type { Awareness } from 'y-protocols/awareness';
import type { Editor, TLPageId } from 'tldraw';
import type { AwarenessCamera } from '@qi/protocol';

/** Longest gap between two view broadcasts while the view moves (ms). */
const CAMERA_INTERVAL_MS = 100;

/** The centre of the editor's view in page coordinates, its zoom and page. */
export function currentCamera(editor: Editor): AwarenessCamera {
  const { center } = editor.getViewportPageBounds();
  return {
    x: Math.round(center.x),
    y: Math.round(center.y),
    z: Math.round(editor.getZoomLevel() * 1000) / 1000,
    pageId: editor.getCurrentPageId(),
  };
}

/**
 * Publishes this person's view as `camera` in their awareness state (so others can follow it),
 * at most every CAMERA_INTERVAL_MS while it moves. Returns the function that stops.
 */
export function publishCamera(editor: Editor, awareness: Awareness): () => void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const publish = () => {
    pending = undefined;
    const camera = currentCamera(editor);
    const key = JSON.stringify(camera);
    if (key === last) return;
    last = key;
    awareness.setLocalStateField('camera', camera);
  };
  const stop = editor.store.listen(
    () => {
      pending ??= setTimeout(publish, CAMERA_INTERVAL_MS);
    },
    { scope: 'session' },
  );
  publish();
  return () => {
    stop();
    if (pending !== undefined) clearTimeout(pending);
  };
}

/** Moves the editor's view to show what `camera` shows: the same centre, zoom and page. */
export function showCamera(editor: Editor, camera: AwarenessCamera): void {
  const pageId = camera.pageId as TLPageId | undefined;
  if (pageId && pageId !== editor.getCurrentPageId() && editor.getPage(pageId)) {
    editor.setCurrentPage(pageId);
  }
  const { w, h } = editor.getViewportScreenBounds();
  const z = camera.z > 0 ? camera.z : 1;
  editor.setCamera({ x: -camera.x + w / (2 * z), y: -camera.y + h / (2 * z), z });
}

/**
 * True when the editor shows the same page, centre (within 2 page units) and zoom as `camera`
 * (what `currentCamera` read): the view has not been moved since.
 */
function sameView(a: AwarenessCamera, b: AwarenessCamera): boolean {
  return (
    a.pageId === b.pageId &&
    Math.abs(a.x - b.x) <= 2 &&
    Math.abs(a.y - b.y) <= 2 &&
    Math.abs(a.z - b.z) <= 0.002
  );
}

/**
 * Shows the followed person's views (`show`, null: following nobody) and calls `movedAway` when this
 * person moves their own view while following (pans, zooms, changes page), as other
 * whiteboards stop following then. A followed view is shown only when it changed, so a
 * presence update that repeats it does not pull this view back. A resized window shows the
 * followed view again instead. Returns `show` (call it with each followed view) and `stop`.
 */
export function followViews(
  editor: Editor,
  movedAway: () => void,
): { show(camera: AwarenessCamera | null): void; stop(): void } {
  let shown: AwarenessCamera | null = null;
  let placed: AwarenessCamera | null = null;
  let screen = { w: 0, h: 0 };
  const resized = () => {
    const { w, h } = editor.getViewportScreenBounds();
    return w !== screen.w || h !== screen.h;
  };
  const place = (camera: AwarenessCamera) => {
    showCamera(editor, camera);
    placed = currentCamera(editor);
    const { w, h } = editor.getViewportScreenBounds();
    screen = { w, h };
  };
  const stopListening = editor.store.listen(
    () => {
      if (!shown || !placed) return;
      if (resized()) return place(shown);
      if (sameView(currentCamera(editor), placed)) return;
      shown = placed = null;
      movedAway();
    },
    { scope: 'session' },
  );
  return {
    show(camera) {
      if (!camera) {
        shown = placed = null;
        return;
      }
      // The same view published again (every presence change repeats it): nothing moved.
      if (
        shown &&
        shown.x === camera.x &&
        shown.y === camera.y &&
        shown.z === camera.z &&
        shown.pageId === camera.pageId
      ) {
        return;
      }
      shown = camera;
      place(camera);
    },
    stop: stopListening,
  };
}
