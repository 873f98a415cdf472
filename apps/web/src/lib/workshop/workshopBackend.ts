import type { WorkshopApi } from './WorkshopApi';

/**
 * What the workshop state classes need from the server: WorkshopApi's methods (an in-memory
 * implementation stands in for it in unit tests; browser tests use the real server).
 */
export type WorkshopBackend = Pick<WorkshopApi, keyof WorkshopApi>;

/** Who is taking part in this tab: recorded with their ideas and ballot. */
export interface WorkshopAuthor {
  readonly authorId: string;
  readonly perspective: string;
  /** Display name, shown to the facilitator with their count in a named round. */
  readonly name?: string;
}

/** What every workshop state class is given by WorkshopState. */
export interface WorkshopParts {
  readonly backend: WorkshopBackend;
  readonly participantKey: string;
  /** This person's author id and perspective now (the perspective may change). */
  readonly author: () => WorkshopAuthor;
  /** A facilitator: may open, reveal and close. */
  readonly canLead: boolean;
  /** May add ideas and vote (not observers). */
  readonly canTakePart: boolean;
  /** How often the facilitator's progress counts are refreshed (ms). */
  readonly pollMs: number;
}

/** The message of a failed request, for an alert. */
export function failureText(error: unknown): string {
  return error instanceof Error && error.message
    ? error.message
    : 'Something went wrong. Try again.';
}
