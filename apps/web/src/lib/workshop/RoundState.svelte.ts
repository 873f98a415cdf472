import type * as Y from 'yjs';
import { readRound, type WorkshopRound } from '@qi/model';
import type { OpenRoundRequest, PrivateIdea, RoundProgress } from '@qi/protocol';
import { WorkshopActivity } from './WorkshopActivity.svelte';
import { failureText, type WorkshopParts } from './workshopBackend';

/**
 * A silent brainstorming round as runes: whether one is open (from the board document), this
 * person's private ideas (only over the workshop API, never in the document) and, for the
 * facilitator, how many ideas each person has written, refreshed while the round is open.
 */
export class RoundState extends WorkshopActivity {
  /** The open round, or null. */
  round = $state.raw<WorkshopRound | null>(null);
  /** This person's private ideas in the open round, oldest first. */
  ideas = $state.raw<PrivateIdea[]>([]);
  /** Facilitator only: counts per person, never text. */
  progress = $state.raw<RoundProgress | null>(null);

  constructor(doc: Y.Doc, parts: WorkshopParts) {
    super(parts);
    this.observe(doc, () => this.#changed(readRound(doc)));
  }

  /** Facilitator: opens a round. */
  async open(request: OpenRoundRequest): Promise<void> {
    await this.run(async () => {
      await this.parts.backend.openRound(request);
      this.announcement = 'Silent brainstorm started.';
    });
  }

  /** Facilitator: puts every idea of the round into the diagram at once and ends the round. */
  async reveal(): Promise<void> {
    const round = this.round;
    if (!round) return;
    await this.run(async () => {
      const { added } = await this.parts.backend.reveal(round.id);
      this.announcement = `Revealed ${added} ${added === 1 ? 'idea' : 'ideas'}.`;
    });
  }

  /** Facilitator: ends the round without revealing; everyone's private ideas are deleted. */
  async cancel(): Promise<void> {
    const round = this.round;
    if (!round) return;
    await this.run(async () => {
      await this.parts.backend.cancelRound(round.id);
      this.announcement = 'Silent brainstorm cancelled. Nothing was revealed.';
    });
  }

  /** Adds a private idea under `parentNodeId`. Returns true when it was saved. */
  async add(parentNodeId: string, text: string): Promise<boolean> {
    const round = this.round;
    const trimmed = text.trim();
    if (!round || !trimmed) return false;
    return this.run(async () => {
      const { authorId, perspective, name } = this.parts.author();
      const idea = await this.parts.backend.addIdea(round.id, {
        participantKey: this.parts.participantKey,
        parentNodeId,
        text: trimmed,
        authorId,
        perspective,
        ...(name && !round.anonymous ? { authorName: name } : {}),
      });
      if (this.round?.id !== round.id) return;
      this.ideas = [...this.ideas, idea];
      this.announcement = `Idea saved. Only you can see it. You have ${ideasText(this.ideas.length)}.`;
    });
  }

  /** Changes the text of one of this person's ideas. */
  async edit(ideaId: string, text: string): Promise<boolean> {
    const round = this.round;
    const trimmed = text.trim();
    if (!round || !trimmed) return false;
    return this.run(async () => {
      const idea = await this.parts.backend.editIdea(round.id, ideaId, {
        participantKey: this.parts.participantKey,
        text: trimmed,
      });
      this.ideas = this.ideas.map((old) => (old.id === ideaId ? idea : old));
      this.announcement = 'Idea changed.';
    });
  }

  /** Deletes one of this person's ideas. */
  async remove(ideaId: string): Promise<boolean> {
    const round = this.round;
    if (!round) return false;
    return this.run(async () => {
      await this.parts.backend.deleteIdea(round.id, ideaId, this.parts.participantKey);
      this.ideas = this.ideas.filter((idea) => idea.id !== ideaId);
      this.announcement = `Idea deleted. You have ${ideasText(this.ideas.length)}.`;
    });
  }

  #changed(next: WorkshopRound | null): void {
    const before = this.round;
    if (before?.id === next?.id) return;
    this.round = next;
    this.ideas = [];
    this.progress = null;
    this.stopPolling();
    if (!next) {
      // Revealed or cancelled: a reveal's new items are announced by the outline.
      if (before && !this.parts.canLead) this.announcement = 'The silent brainstorm has ended.';
      return;
    }
    if (!this.parts.canLead && this.settled) {
      this.announcement =
        'Silent brainstorm started: your ideas are private until the facilitator reveals them.';
    }
    if (this.parts.canTakePart) void this.#loadIdeas(next.id);
    if (this.parts.canLead) {
      this.startPolling(() => this.#refreshProgress(next.id));
    }
  }

  async #loadIdeas(roundId: string): Promise<void> {
    try {
      const ideas = await this.parts.backend.listIdeas(roundId, this.parts.participantKey);
      if (this.round?.id === roundId) this.ideas = ideas;
    } catch (error) {
      if (this.round?.id === roundId) this.error = failureText(error);
    }
  }

  async #refreshProgress(roundId: string): Promise<void> {
    try {
      const progress = await this.parts.backend.roundProgress(roundId);
      if (this.round?.id === roundId) this.progress = progress;
    } catch (error) {
      // A round revealed meanwhile answers 404; the board document says it ended.
      if (this.round?.id === roundId) console.warn('Could not read the round progress', error);
    }
  }
}

/** "1 idea", "3 ideas". */
export function ideasText(count: number): string {
  return `${count} ${count === 1 ? 'idea' : 'ideas'}`;
}
