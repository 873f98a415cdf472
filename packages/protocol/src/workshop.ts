/**
 * The HTTP contract of the private workshop features (issue 7): silent brainstorming rounds and
 * dot votes. Their private parts (a person's ideas during a round, ballots before a vote closes)
 * travel only between that person's browser and the server over HTTP, never through the shared
 * board document, so no other browser can receive them. What everyone may see (that a round or
 * vote is open, its settings, the revealed ideas, the closed vote's totals) the server writes
 * into the board document's facilitation map. Every request carries
 * `Authorization: Bearer <capability token of this board>`; PROTOCOL.md lists the routes.
 */

/**
 * A browser's secret key for its private workshop items on one board: 22 base64url characters
 * (128 random bits), made once per board and kept in the browser. It is never written to the
 * board document (node `authorId`s are public; this must not be).
 */
export const PARTICIPANT_KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * The request header carrying the participant key on `GET` and `DELETE` routes (which have no
 * body): never in the URL, so proxies' and servers' access logs do not record it.
 */
export const PARTICIPANT_KEY_HEADER = 'X-Participant-Key';

/** True when `value` is a well-formed participant key. */
export function isParticipantKey(value: unknown): value is string {
  return typeof value === 'string' && PARTICIPANT_KEY_PATTERN.test(value);
}

/** Body of `POST /api/boards/<id>/rounds` (facilitator): opens a silent brainstorming round. */
export interface OpenRoundRequest {
  diagramId: string;
  /** Scope: ideas go under this node (a category, a cause, a driver…); null: anywhere in the diagram. */
  parentNodeId: string | null;
  /** True: revealed ideas carry no author; chosen before the round, it holds everywhere after. */
  anonymous: boolean;
}

/** An open round, as the board document's facilitation map and the API show it. */
export interface RoundInfo {
  id: string;
  diagramId: string;
  parentNodeId: string | null;
  anonymous: boolean;
  /** Server milliseconds since the epoch. */
  openedAt: number;
}

/** Body of `POST /api/boards/<id>/rounds/<roundId>/ideas` (any role that may edit). */
export interface AddIdeaRequest {
  participantKey: string;
  /** Must be the round's scope node or a node under it (or any node of the diagram when unscoped). */
  parentNodeId: string;
  text: string;
  /** Public author id recorded on the node at reveal (dropped in an anonymous round). */
  authorId: string;
  /** Must suit the token's role: patient links `patient` or `carer`, staff `staff:<label>`. */
  perspective: string;
  /**
   * Optional display name (the token carries none): the facilitator's progress list shows it
   * in a named round; an anonymous round never stores it.
   */
  authorName?: string;
}

/** Body of `PATCH /api/boards/<id>/rounds/<roundId>/ideas/<ideaId>`. */
export interface EditIdeaRequest {
  participantKey: string;
  text: string;
}

/** One of the caller's own private ideas. */
export interface PrivateIdea {
  id: string;
  parentNodeId: string;
  text: string;
  /** Server milliseconds since the epoch. */
  createdAt: number;
}

/** Answer of `GET /api/boards/<id>/rounds/<roundId>/ideas` (`X-Participant-Key: <key>`): only the caller's ideas. */
export interface ListIdeasResponse {
  ideas: PrivateIdea[];
}

/**
 * Answer of `GET /api/boards/<id>/rounds/<roundId>/progress` (facilitator): how many ideas each
 * person has written, never their text. In an anonymous round people are numbered, not named.
 */
export interface RoundProgress {
  total: number;
  people: { label: string; perspective: string; count: number }[];
}

/**
 * Answer of `POST /api/boards/<id>/rounds/<roundId>/reveal` (facilitator).
 * (`DELETE /api/boards/<id>/rounds/<roundId>` cancels instead: 204, ideas deleted unrevealed;
 * `DELETE /api/boards/<id>/votes/<voteId>` likewise cancels a vote without results.)
 */
export interface RevealResponse {
  /** Ideas added to the diagram, all in one change. */
  added: number;
}

/** Body of `POST /api/boards/<id>/votes` (facilitator): starts a dot vote. */
export interface OpenVoteRequest {
  diagramId: string;
  /** Dots each person has, 1 to MAX_VOTES_PER_PERSON. */
  votesPerPerson: number;
  /** True: a person may put several dots on one item. */
  allowStacking: boolean;
}

/** Most dots one person may be given in a vote. */
export const MAX_VOTES_PER_PERSON = 10;

/**
 * An open vote, as the facilitation map and the API show it. Votable items are the diagram's
 * causes (fishbone) or change ideas (driver diagram).
 */
export interface VoteInfo {
  id: string;
  diagramId: string;
  votesPerPerson: number;
  allowStacking: boolean;
  openedAt: number;
}

/** Body of `PUT /api/boards/<id>/votes/<voteId>/ballot`: replaces the caller's ballot. */
export interface BallotRequest {
  participantKey: string;
  /** Same rule as AddIdeaRequest.perspective. */
  perspective: string;
  /** One entry per dot (an id repeats only when stacking is allowed). */
  nodeIds: string[];
}

/** Answer of `PUT` and `GET …/ballot` (`X-Participant-Key: <key>`): the caller's own ballot only. */
export interface BallotResponse {
  nodeIds: string[];
}

/** Answer of `GET /api/boards/<id>/votes/<voteId>/progress` (facilitator): a count, no choices. */
export interface VoteProgress {
  ballots: number;
}

/** Dots on one item of a closed vote, in all and by perspective group. */
export interface VoteTally {
  nodeId: string;
  total: number;
  /** Dots from patients and carers. */
  patientCarer: number;
  /** Dots from staff (every `staff:` perspective). */
  staff: number;
}

/**
 * A closed vote's results, written by the server into the facilitation map (`voteResults`) and
 * answered by `POST /api/boards/<id>/votes/<voteId>/close` (facilitator). Ballots are deleted at
 * close: the board keeps only these totals.
 */
export interface VoteResults {
  id: string;
  diagramId: string;
  closedAt: number;
  /** People who voted, by perspective group. */
  voters: { patientCarer: number; staff: number };
  /** Every votable item with at least one dot, most dots first (ties by node id). */
  tallies: VoteTally[];
}
