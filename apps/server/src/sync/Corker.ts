/** Something holding corked output until the end of the turn. */
export interface Corked {
  uncork(): void;
}

/**
 * Coalesces the frames sent to a socket during one event-loop turn into one write: the first
 * send of a turn corks the socket and registers here; one microtask at the end of the turn
 * uncorks them all. One per registry.
 */
export class Corker {
  private corked: Corked[] = [];
  private readonly uncorkAll = () => {
    const corked = this.corked;
    this.corked = [];
    for (const item of corked) item.uncork();
  };

  add(item: Corked): void {
    if (this.corked.length === 0) queueMicrotask(this.uncorkAll);
    this.corked.push(item);
  }
}
