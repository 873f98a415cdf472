import type { Role } from './roles';

/** Body of `POST /api/boards`; may be omitted entirely. */
export interface CreateBoardRequest {
  /** Trimmed; at most MAX_BOARD_TITLE_LENGTH characters; empty or absent means "Untitled board". */
  title?: string;
}

/** A board as `GET /api/boards/<id>` returns it. `title` is the live meta.title of the document. */
export interface BoardInfo {
  id: string;
  title: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

/** Answer of `POST /api/boards` (status 201). */
export interface CreateBoardResponse extends BoardInfo {
  /** Absolute URL of the board's page (`<origin>/b/<id>`). */
  url: string;
  /**
   * The creator's private facilitator link (`<origin>/join/<id>?token=<token>`): whoever holds
   * it runs the board. Its token is also the Bearer token of the links API.
   */
  facilitatorUrl: string;
}

/** Body of `POST /api/boards/<id>/links`. */
export interface CreateLinkRequest {
  role: Role;
  /** Seconds from now until the link stops working (1 to MAX_LINK_LIFETIME_SECONDS); absent: never. */
  expiresInSeconds?: number;
}

/** Longest lifetime a link can be given: one year. */
export const MAX_LINK_LIFETIME_SECONDS = 366 * 24 * 60 * 60;

/** An invite link, as the links API returns it. */
export interface InviteLink {
  id: string;
  role: Role;
  /** Absolute join URL; its token is the `token` query parameter. */
  url: string;
  /** ISO 8601 timestamps; `expiresAt` null for a link that does not expire. */
  createdAt: string;
  expiresAt: string | null;
}

/** Answer of `GET /api/boards/<id>/links`: the board's live links (not revoked, not expired), oldest first. */
export interface ListLinksResponse {
  links: InviteLink[];
}

/** The one error body of the HTTP API, whatever the status. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** Longest accepted board title, in UTF-16 code units. */
export const MAX_BOARD_TITLE_LENGTH = 200;

/** Answer of `GET /api/time`: the server's clock, for clients to estimate their offset. */
export interface ServerTime {
  /** Milliseconds since the epoch. */
  now: number;
}

/**
 * Answer of `GET /api/patient-data`: the deployment's patient-data guard, so that editors warn
 * about what the server checks.
 */
export interface PatientDataPolicy {
  /** `block`: the server refuses text that looks like a patient identifier on every board. */
  mode: 'warn' | 'block';
  /** Regex sources of the deployment's hospital-number formats (`HOSPITAL_NUMBER_PATTERNS`). */
  hospitalNumberPatterns: string[];
}
