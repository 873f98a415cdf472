/**
 * What a room hands the fan-out to hear what other server processes did on its board.
 * Everything arriving here was accepted elsewhere; updates were durably stored there first.
 */
export interface RemoteBoardListener {
  /** Document updates another process stored: applied and broadcast locally, never stored again. */
  remoteUpdates(updates: readonly Uint8Array[]): void;
  /** An awareness update from the clients of process `peer`. */
  remoteAwareness(update: Uint8Array, peer: string): void;
  /** Process `peer` is gone (its heartbeat expired): its clients' awareness states are removed. */
  peerGone(peer: string): void;
  /** Another process started serving the board and asks for the awareness states held here. */
  awarenessQueried(): void;
  /** Updates may have been missed (trimmed stream, lost connection): catch up from storage. */
  resync(): void;
}

/**
 * The seam between the sync core and other server processes serving the same boards.
 * `LocalFanout` (one process) does nothing; `scaleout/RedisFanout` crosses processes.
 */
export interface Fanout {
  /** True when other processes may serve the same boards (compaction then reads storage). */
  readonly shared: boolean;
  /** Updates of one board this process just stored durably, in order. */
  publishUpdates(boardId: string, updates: readonly Uint8Array[]): void;
  /** An awareness update taken from this process's clients (including removals). */
  publishAwareness(boardId: string, update: Uint8Array): void;
  /**
   * Starts delivering the board's remote traffic to `listener`. Resolves once the position is
   * taken, so a storage load that starts afterwards misses nothing; rejects if that fails.
   */
  subscribe(boardId: string, listener: RemoteBoardListener): Promise<void>;
  unsubscribe(boardId: string, listener: RemoteBoardListener): void;
  /**
   * Runs `task` if this process holds the board's compaction lease (one process at a time);
   * resolves false without running it when another process holds it.
   */
  withCompactionLease(boardId: string, task: () => Promise<void>): Promise<boolean>;
  /** Resolves when the fan-out can deliver; rejects otherwise. For /ready. */
  ping(): Promise<void>;
  /** Sends what is queued and releases connections (after the rooms closed). */
  close(): Promise<void>;
}

/** One process: nothing to cross, compaction needs no lease. */
export class LocalFanout implements Fanout {
  readonly shared = false;
  publishUpdates(): void {}
  publishAwareness(): void {}
  async subscribe(): Promise<void> {}
  unsubscribe(): void {}
  async withCompactionLease(_boardId: string, task: () => Promise<void>): Promise<boolean> {
    await task();
    return true;
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}
