/** Connection limits of the sync endpoint (from Config). */
export interface ConnectionLimits {
  maxConnectionsPerBoard: number;
  maxConnectionsPerAddress: number;
}

/**
 * Counts live sync connections per board and per client address, and refuses one more past
 * either limit. A slot is taken at the upgrade, before the token is checked, so unauthenticated
 * sockets count too (and cannot exhaust anything but their own address's share).
 */
export class ConnectionCounter {
  private readonly boards = new Map<string, number>();
  private readonly addresses = new Map<string, number>();

  constructor(private readonly limits: ConnectionLimits) {}

  /** Takes a slot; returns the function that frees it, or null if a limit is reached. */
  acquire(boardId: string, address: string): (() => void) | null {
    const onBoard = this.boards.get(boardId) ?? 0;
    const fromAddress = this.addresses.get(address) ?? 0;
    if (onBoard >= this.limits.maxConnectionsPerBoard) return null;
    if (fromAddress >= this.limits.maxConnectionsPerAddress) return null;
    this.boards.set(boardId, onBoard + 1);
    this.addresses.set(address, fromAddress + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      decrement(this.boards, boardId);
      decrement(this.addresses, address);
    };
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const count = (counts.get(key) ?? 1) - 1;
  if (count <= 0) counts.delete(key);
  else counts.set(key, count);
}
