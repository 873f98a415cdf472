/**
 * Short notices for diagrams' boxes on one canvas (why a box stays when someone tried to delete
 * it), by diagram id: each box shows and announces its own in its status line (DiagramView).
 */
export class BoxNotices {
  #texts = new Map<string, string>();
  #listeners = new Set<() => void>();

  /** Shows `text` on the diagram's box until it is cleared or replaced. */
  say(diagramId: string, text: string): void {
    if (this.#texts.get(diagramId) === text) return;
    this.#texts.set(diagramId, text);
    this.#notify();
  }

  /** Takes the diagram's notice away (the person moved on). */
  clear(diagramId: string): void {
    if (this.#texts.delete(diagramId)) this.#notify();
  }

  /** The diagram's notice, or '' when it has none. */
  get(diagramId: string): string {
    return this.#texts.get(diagramId) ?? '';
  }

  /** Calls `listener` whenever a notice changes (React's useSyncExternalStore). Returns unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
