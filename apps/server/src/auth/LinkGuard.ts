import { CloseCode, type RefusalReason } from '@qi/protocol';
import type { Logger } from '../log';
import type { Links } from './Links';

type Close = (code: number, reason: RefusalReason) => void;

/**
 * Keeps live sync connections in step with their links: a revoke through this process closes
 * that link's connections at once, and every `recheckMs` each link in use is read again from
 * storage, so revocations made by another process and expiries close connections within that
 * interval. Connections are closed with 4401 and the reason (`link revoked`, `link expired`).
 */
export class LinkGuard {
  private readonly byLink = new Map<string, Set<Close>>();
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly links: Links,
    recheckMs: number,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.recheckAll(), recheckMs);
    this.timer.unref();
  }

  /** Watches one connection made with `linkId`; returns the function to call when it closes. */
  track(linkId: string, close: Close): () => void {
    let set = this.byLink.get(linkId);
    if (!set) this.byLink.set(linkId, (set = new Set()));
    set.add(close);
    return () => {
      set.delete(close);
      if (set.size === 0 && this.byLink.get(linkId) === set) this.byLink.delete(linkId);
    };
  }

  /** Closes every connection made with `linkId` (it was just revoked or expired). */
  closeLink(linkId: string, reason: RefusalReason): void {
    const set = this.byLink.get(linkId);
    if (!set) return;
    this.byLink.delete(linkId);
    this.log.info('link.closed_connections', { link: linkId, reason, connections: set.size });
    for (const close of set) close(CloseCode.unauthorized, reason);
  }

  /** Number of links with live connections (tests, metrics). */
  get size(): number {
    return this.byLink.size;
  }

  /** Reads every link in use again; closes the connections of those revoked or expired. */
  async recheckAll(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const linkId of [...this.byLink.keys()]) {
        const reason = await this.links.recheck(linkId);
        if (reason) this.closeLink(linkId, reason);
      }
    } catch (error) {
      // Storage trouble keeps connections open; the next round tries again.
      this.log.warn('link.recheck_failed', { error });
    } finally {
      this.checking = false;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
