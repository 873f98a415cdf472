import type {
  AddIdeaRequest,
  ApiErrorBody,
  BallotRequest,
  BallotResponse,
  EditIdeaRequest,
  ListIdeasResponse,
  OpenRoundRequest,
  OpenVoteRequest,
  PrivateIdea,
  RevealResponse,
  RoundInfo,
  RoundProgress,
  VoteInfo,
  VoteProgress,
  VoteResults,
} from '@qi/protocol';
import { PARTICIPANT_KEY_HEADER } from '@qi/protocol';

/** A refused or failed workshop request, with a message fit to show. */
export class WorkshopApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'WorkshopApiError';
  }
}

/**
 * The workshop API (`/api/boards/<id>/rounds`, `/votes`; PROTOCOL.md) with this board's link
 * token. Private ideas and ballots travel only here, never through the board document.
 */
export class WorkshopApi {
  constructor(
    private readonly boardId: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  openRound(request: OpenRoundRequest): Promise<RoundInfo> {
    return this.#send('POST', '/rounds', request) as Promise<RoundInfo>;
  }

  addIdea(roundId: string, request: AddIdeaRequest): Promise<PrivateIdea> {
    return this.#send('POST', `/rounds/${enc(roundId)}/ideas`, request) as Promise<PrivateIdea>;
  }

  editIdea(roundId: string, ideaId: string, request: EditIdeaRequest): Promise<PrivateIdea> {
    const path = `/rounds/${enc(roundId)}/ideas/${enc(ideaId)}`;
    return this.#send('PATCH', path, request) as Promise<PrivateIdea>;
  }

  async deleteIdea(roundId: string, ideaId: string, participantKey: string): Promise<void> {
    const path = `/rounds/${enc(roundId)}/ideas/${enc(ideaId)}`;
    await this.#send('DELETE', path, undefined, participantKey);
  }

  async listIdeas(roundId: string, participantKey: string): Promise<PrivateIdea[]> {
    const path = `/rounds/${enc(roundId)}/ideas`;
    return ((await this.#send('GET', path, undefined, participantKey)) as ListIdeasResponse).ideas;
  }

  roundProgress(roundId: string): Promise<RoundProgress> {
    return this.#send('GET', `/rounds/${enc(roundId)}/progress`) as Promise<RoundProgress>;
  }

  reveal(roundId: string): Promise<RevealResponse> {
    return this.#send('POST', `/rounds/${enc(roundId)}/reveal`) as Promise<RevealResponse>;
  }

  /** Ends the open round without revealing anything; its ideas are deleted. */
  async cancelRound(roundId: string): Promise<void> {
    await this.#send('DELETE', `/rounds/${enc(roundId)}`);
  }

  openVote(request: OpenVoteRequest): Promise<VoteInfo> {
    return this.#send('POST', '/votes', request) as Promise<VoteInfo>;
  }

  async putBallot(voteId: string, request: BallotRequest): Promise<string[]> {
    const path = `/votes/${enc(voteId)}/ballot`;
    return ((await this.#send('PUT', path, request)) as BallotResponse).nodeIds;
  }

  async getBallot(voteId: string, participantKey: string): Promise<string[]> {
    const path = `/votes/${enc(voteId)}/ballot`;
    return ((await this.#send('GET', path, undefined, participantKey)) as BallotResponse).nodeIds;
  }

  voteProgress(voteId: string): Promise<VoteProgress> {
    return this.#send('GET', `/votes/${enc(voteId)}/progress`) as Promise<VoteProgress>;
  }

  closeVote(voteId: string): Promise<VoteResults> {
    return this.#send('POST', `/votes/${enc(voteId)}/close`) as Promise<VoteResults>;
  }

  /** Ends the open vote without results; its ballots are deleted. */
  async cancelVote(voteId: string): Promise<void> {
    await this.#send('DELETE', `/votes/${enc(voteId)}`);
  }

  /** `participantKey` goes in a header (GET, DELETE): never in the URL, which access logs keep. */
  async #send(
    method: string,
    path: string,
    body?: unknown,
    participantKey?: string,
  ): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchFn(`/api/boards/${enc(this.boardId)}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(participantKey === undefined ? {} : { [PARTICIPANT_KEY_HEADER]: participantKey }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new WorkshopApiError(
        'Could not reach QI Board. Check your connection and try again.',
        0,
        { cause },
      );
    }
    if (response.status === 204) return null;
    if (response.ok) return response.json();
    throw new WorkshopApiError(await refusalText(response), response.status);
  }
}

const enc = encodeURIComponent;

/** The server's own message where it gave one (it is written for people), else plain words. */
async function refusalText(response: Response): Promise<string> {
  if (response.status === 401 || response.status === 403) {
    return 'Your link does not allow this.';
  }
  if (response.status === 429) return 'Too many requests just now. Wait a moment and try again.';
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (typeof body.error?.message === 'string' && body.error.message) return body.error.message;
  } catch (_error) {
    // Not the API's error body: fall through to the status.
  }
  if (response.status === 404) return 'This has already ended.';
  return `The server answered ${response.status}. Try again.`;
}
