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
}

/** The one error body of the HTTP API, whatever the status. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** Longest accepted board title, in UTF-16 code units. */
export const MAX_BOARD_TITLE_LENGTH = 200;
