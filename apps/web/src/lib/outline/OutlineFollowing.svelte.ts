/** The person an outline follows (PeopleActivity.following), as the page hands it over. */
export interface Followed {
  readonly clientId: number;
  readonly name: string;
}

/**
 * Following someone in the outline: it moves when the followed person opens another diagram,
 * not each time their presence is published again; it pauses when this person opens another
 * diagram themselves, until they choose to follow again.
 */
export class OutlineFollowing {
  /** The person followed, or null. */
  person = $state.raw<Followed | null>(null);
  /** This person opened another diagram while following: the outline stays where they went. */
  paused = $state(false);
  /** The followed person's diagram as last seen (published again on every presence change). */
  #leader: string | null = null;

  /** The followed person's name for messages. */
  get name(): string {
    return this.person?.name ?? 'the person you follow';
  }

  /** Whom this person follows now (null: nobody); a new person starts afresh. */
  who(person: Followed | null): void {
    if (person?.clientId === this.person?.clientId) {
      if (person && person.name !== this.person?.name) this.person = person;
      return;
    }
    this.person = person;
    this.paused = false;
    this.#leader = null;
  }

  /** The followed person's diagram, as published: true when the outline should open it now. */
  leaderAt(diagramId: string): boolean {
    if (diagramId === this.#leader) return false;
    this.#leader = diagramId;
    return !this.paused;
  }

  /** This person opened a diagram: true when that paused following (another than the leader's). */
  opened(diagramId: string): boolean {
    if (this.#leader === null || this.#leader === diagramId || this.paused) return false;
    this.paused = true;
    return true;
  }

  /** Follows again after a pause; returns the followed person's diagram (null when not known). */
  resume(): string | null {
    this.paused = false;
    return this.#leader;
  }
}
