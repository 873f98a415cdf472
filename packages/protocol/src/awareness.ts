/** A person's identity as shown to others: cursor label, presence list. */
export interface AwarenessUser {
  name: string;
  /** CSS colour, `#rrggbb`. */
  color: string;
}

/** A cursor in tldraw page coordinates, with the page it is on. */
export interface AwarenessCursor {
  x: number;
  y: number;
  pageId?: string;
}

/** The local awareness state each client publishes (y-protocols awareness, JSON). */
export interface AwarenessState {
  user: AwarenessUser;
  cursor?: AwarenessCursor | null;
}
