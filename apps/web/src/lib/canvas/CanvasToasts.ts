/**
 * Short messages for the canvas's toasts (tldraw's, announced politely), from code outside its
 * React tree (store side effects): BoardCanvas shows each `say` as a toast.
 */
export class CanvasToasts {
  #listeners = new Set<(text: string) => void>();

  /** Shows `text` as a toast (replacing the one shown before). */
  say(text: string): void {
    for (const listener of this.#listeners) listener(text);
  }

  /** Calls `listener` with every message; returns the function that stops. */
  subscribe(listener: (text: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
