import type * as Y from 'yjs';
import {
  clearVoteResults,
  readVote,
  readVoteResults,
  type WorkshopVote,
  type WorkshopVoteResults,
} from '@qi/model';
import type { OpenVoteRequest } from '@qi/protocol';
import { addDot, dotsLeft, dotsOn, dotsText, removeDot } from './ballot';
import { WorkshopActivity } from './WorkshopActivity.svelte';
import { failureText, type WorkshopParts } from './workshopBackend';

/** Where this person's ballot stands with the server. */
export type BallotStatus = 'empty' | 'saving' | 'saved' | 'failed';

/**
 * A dot vote as runes: the open vote and the last closed vote's results (from the board
 * document), this person's secret ballot (only over the workshop API, saved after every change)
 * and, for the facilitator, how many ballots have come in.
 */
export class VoteState extends WorkshopActivity {
  vote = $state.raw<WorkshopVote | null>(null);
  results = $state.raw<WorkshopVoteResults | null>(null);
  /** This person's dots, one entry per dot. */
  ballot = $state.raw<string[]>([]);
  status = $state<BallotStatus>('empty');
  /** Facilitator only: ballots so far (never what they hold). */
  ballots = $state<number | null>(null);

  readonly dotsLeft = $derived(this.vote ? dotsLeft(this.ballot, this.vote) : 0);

  /** Bumped on every ballot change, so an older save's answer never overwrites a newer one. */
  #saving = 0;
  readonly #doc: Y.Doc;

  constructor(doc: Y.Doc, parts: WorkshopParts) {
    super(parts);
    this.#doc = doc;
    this.observe(doc, () => {
      const ended = this.vote;
      const results = readVoteResults(doc);
      this.#voteChanged(readVote(doc));
      this.#resultsChanged(results);
      // A close writes the results in the same change that ends the vote; a cancel writes none.
      if (ended && !this.vote && results?.id !== ended.id && !this.parts.canLead) {
        this.announcement = 'The dot vote was cancelled. There are no results.';
      }
    });
  }

  /** Dots this person has put on `nodeId`. */
  dotsOn(nodeId: string): number {
    return dotsOn(this.ballot, nodeId);
  }

  /** Facilitator: starts a vote. */
  async open(request: OpenVoteRequest): Promise<void> {
    await this.run(async () => {
      await this.parts.backend.openVote(request);
      this.announcement = 'Dot vote started.';
    });
  }

  /** Facilitator: ends the vote; everyone then sees the totals. */
  async close(): Promise<void> {
    const vote = this.vote;
    if (!vote) return;
    await this.run(async () => {
      await this.parts.backend.closeVote(vote.id);
    });
  }

  /** Facilitator: ends the vote without results; every ballot is deleted. */
  async cancel(): Promise<void> {
    const vote = this.vote;
    if (!vote) return;
    await this.run(async () => {
      await this.parts.backend.cancelVote(vote.id);
      this.announcement = 'Dot vote cancelled.';
    });
  }

  /**
   * Facilitator: takes the last closed vote's results off every view (the panel, the outline's
   * and the canvas's totals). A direct document change: facilitators may write the facilitation map.
   */
  clearResults(): void {
    if (!this.parts.canLead || !this.results) return;
    clearVoteResults(this.#doc);
  }

  /** Puts one more of this person's dots on `nodeId` (when the vote's rules allow it). */
  add(nodeId: string, itemName: string): void {
    if (!this.vote) return;
    const next = addDot(this.ballot, nodeId, this.vote);
    if (next.length === this.ballot.length) {
      this.announcement =
        this.dotsLeft === 0 ? 'You have no dots left.' : 'Only one dot may go on each item.';
      return;
    }
    void this.#save(next, `Dot added to ${itemName}.`);
  }

  /** Takes one of this person's dots off `nodeId`. */
  remove(nodeId: string, itemName: string): void {
    if (!this.vote || this.dotsOn(nodeId) === 0) return;
    void this.#save(removeDot(this.ballot, nodeId), `Dot taken off ${itemName}.`);
  }

  async #save(next: string[], said: string): Promise<void> {
    const vote = this.vote;
    if (!vote) return;
    const attempt = ++this.#saving;
    this.ballot = next;
    this.status = 'saving';
    this.error = '';
    try {
      const saved = await this.parts.backend.putBallot(vote.id, {
        participantKey: this.parts.participantKey,
        perspective: this.parts.author().perspective,
        nodeIds: next,
      });
      if (attempt !== this.#saving || this.vote?.id !== vote.id) return;
      this.ballot = saved;
      this.status = 'saved';
      this.announcement = `${said} ${dotsText(dotsLeft(saved, vote))} left. Saved.`;
    } catch (error) {
      if (attempt !== this.#saving) return;
      this.status = 'failed';
      this.error = failureText(error);
    }
  }

  #voteChanged(next: WorkshopVote | null): void {
    if (this.vote?.id === next?.id) return;
    this.vote = next;
    this.ballot = [];
    this.status = 'empty';
    this.ballots = null;
    this.#saving += 1;
    this.stopPolling();
    if (!next) return;
    if (!this.parts.canLead && this.settled) {
      this.announcement = `Dot vote started: you have ${dotsText(next.votesPerPerson)}.`;
    }
    if (this.parts.canTakePart) void this.#loadBallot(next.id);
    if (this.parts.canLead) {
      this.startPolling(() => this.#refreshProgress(next.id));
    }
  }

  #resultsChanged(next: WorkshopVoteResults | null): void {
    if (this.results?.id === next?.id && this.results?.closedAt === next?.closedAt) return;
    const had = this.results !== null;
    this.results = next;
    if (!this.settled) return;
    if (next) this.announcement = 'The vote has closed. The results are shown.';
    else if (had) this.announcement = 'The vote results were cleared.';
  }

  async #loadBallot(voteId: string): Promise<void> {
    try {
      const saved = await this.parts.backend.getBallot(voteId, this.parts.participantKey);
      // A change made while loading wins over what the server had.
      if (this.vote?.id !== voteId || this.status !== 'empty') return;
      this.ballot = saved;
      if (saved.length > 0) this.status = 'saved';
    } catch (error) {
      if (this.vote?.id === voteId) this.error = failureText(error);
    }
  }

  async #refreshProgress(voteId: string): Promise<void> {
    try {
      const { ballots } = await this.parts.backend.voteProgress(voteId);
      if (this.vote?.id === voteId) this.ballots = ballots;
    } catch (error) {
      if (this.vote?.id === voteId) console.warn('Could not read the vote progress', error);
    }
  }
}
