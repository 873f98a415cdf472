import { randomBytes } from 'node:crypto';
import { CloseCode, joinPath, RefusalReason, TOKEN_PARAM, type Role } from '@qi/protocol';
import type { LinkRecord, Storage } from '../storage/Storage';
import type { CapabilityTokens } from './CapabilityTokens';

/** A token that opens a board: its verified link. */
export interface Access {
  ok: true;
  link: LinkRecord;
}

/** Why a token does not open a board: HTTP status, WebSocket close code and reason. */
export interface Denial {
  ok: false;
  status: 401 | 403;
  closeCode: typeof CloseCode.unauthorized | typeof CloseCode.forbidden;
  reason: RefusalReason;
}

function deny(reason: RefusalReason): Denial {
  return reason === RefusalReason.wrongBoard
    ? { ok: false, status: 403, closeCode: CloseCode.forbidden, reason }
    : { ok: false, status: 401, closeCode: CloseCode.unauthorized, reason };
}

/** A link with its token and absolute join URL. */
export interface IssuedLink {
  link: LinkRecord;
  token: string;
  url: string;
}

/**
 * Invite links: minting (a stored link plus a token signed from it), checking a token against
 * a board (signature, board, expiry, revocation), listing and revoking. The one place that
 * decides whether a token opens a board, for the sync upgrade and the links API alike.
 */
export class Links {
  constructor(
    private readonly storage: Storage,
    private readonly tokens: CapabilityTokens,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates and stores a link; `expiresInSeconds` absent means it never expires. */
  async mint(
    origin: string,
    boardId: string,
    role: Role,
    expiresInSeconds?: number,
  ): Promise<IssuedLink> {
    const createdAt = this.now();
    const link: LinkRecord = {
      id: randomBytes(12).toString('base64url'),
      boardId,
      role,
      createdAt,
      expiresAt: expiresInSeconds === undefined ? null : createdAt + expiresInSeconds * 1000,
      revokedAt: null,
    };
    await this.storage.createLink(link);
    return this.issue(origin, link);
  }

  /** The token and URL of a stored link (deterministic: the same link always signs the same). */
  issue(origin: string, link: LinkRecord): IssuedLink {
    const token = this.tokens.sign({
      v: 1,
      board: link.boardId,
      role: link.role,
      link: link.id,
      iat: Math.floor(link.createdAt / 1000),
      ...(link.expiresAt === null ? {} : { exp: Math.ceil(link.expiresAt / 1000) }),
    });
    const url = `${origin}${joinPath(link.boardId)}?${TOKEN_PARAM}=${token}`;
    return { link, token, url };
  }

  /** Decides whether `token` opens `boardId` now. */
  async check(token: string | null | undefined, boardId: string): Promise<Access | Denial> {
    if (!token) return deny(RefusalReason.missingToken);
    const claims = this.tokens.verify(token);
    if (!claims) return deny(RefusalReason.invalidToken);
    if (claims.board !== boardId) return deny(RefusalReason.wrongBoard);
    const now = this.now();
    if (claims.exp !== undefined && claims.exp * 1000 <= now) return deny(RefusalReason.expired);
    const link = await this.storage.getLink(claims.link);
    // A signed token whose link is gone or disagrees would mean a leaked secret or a bug.
    if (!link || link.boardId !== boardId || link.role !== claims.role) {
      return deny(RefusalReason.invalidToken);
    }
    if (link.revokedAt !== null) return deny(RefusalReason.revoked);
    if (link.expiresAt !== null && link.expiresAt <= now) return deny(RefusalReason.expired);
    return { ok: true, link };
  }

  /** Whether a link that was valid at the upgrade still is; the reason to close if not. */
  async recheck(linkId: string): Promise<RefusalReason | null> {
    const link = await this.storage.getLink(linkId);
    if (!link || link.revokedAt !== null) return RefusalReason.revoked;
    if (link.expiresAt !== null && link.expiresAt <= this.now()) return RefusalReason.expired;
    return null;
  }

  /** The board's links that still work (not revoked, not expired), oldest first. */
  async live(origin: string, boardId: string): Promise<IssuedLink[]> {
    const now = this.now();
    const links = await this.storage.listLinks(boardId);
    return links
      .filter(
        (link) => link.revokedAt === null && (link.expiresAt === null || link.expiresAt > now),
      )
      .map((link) => this.issue(origin, link));
  }

  /** Revokes a live link of the board; false if there is none with that id. */
  revoke(boardId: string, linkId: string): Promise<boolean> {
    return this.storage.revokeLink(boardId, linkId, this.now());
  }
}
