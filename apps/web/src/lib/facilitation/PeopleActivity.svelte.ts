/* eslint-disable svelte/prefer-svelte-reactivity -- the maps and sets here are bookkeeping read only inside #read; what the page shows is $state replaced whole. */
import type { Awareness } from 'y-protocols/awareness';
import type { Editor } from 'tldraw';
import {
  REACTIONS,
  type AwarenessCamera,
  type AwarenessState,
  type ReactionKind,
} from '@qi/protocol';
import { setFollow } from '@qi/model';
import { followViews, publishCamera } from '$lib/canvas/bindCamera';
import { readAwarenessUser } from '$lib/identity/readAwarenessUser';
import type { OutlineState } from '$lib/outline/OutlineState.svelte';
import type { FacilitationState } from './FacilitationState.svelte';

/** A reaction is shown this long after it was sent. */
export const REACTION_SHOWN_MS = 8_000;
/** Someone whose cursor and view have not moved for this long is shown as idle. */
export const IDLE_AFTER_MS = 2 * 60_000;

/** What the presence panel shows about one person beyond their name and role. */
export interface Activity {
  name: string;
  hand: boolean;
  reaction: ReactionKind | null;
  idle: boolean;
  camera: AwarenessCamera | null;
  /** The diagram open in their outline. */
  outlineDiagramId: string | null;
}

/**
 * Hands, reactions, activity and following, from awareness: who raised a hand or reacted
 * (announced politely), who is idle, whose view this person follows (the facilitator's "bring
 * everyone here" request from the board document, or a person they chose), and this person's
 * own hand and view, published for others.
 */
export class PeopleActivity {
  activity = $state<Record<number, Activity>>({});
  /** The client id whose view this person follows, or null. */
  following = $state<number | null>(null);
  /**
   * Whom this person stopped following by moving their own view (offered again: "Follow Fran
   * again"), or null; cleared when they follow anyone or that person leaves.
   */
  leftBehind = $state<{ clientId: number; name: string } | null>(null);
  handRaised = $state(false);
  /** The latest event to announce ("Pat raised their hand."), for a polite live region. */
  announcement = $state('');

  readonly selfId: number;
  #lastMoved = new Map<number, { key: string; at: number }>();
  #known = new Set<number>();
  #seenReaction = new Map<number, { at: number; seenAt: number }>();
  #followSince: number | null = null;
  #timer: ReturnType<typeof setInterval>;
  #stopFacilitation: () => void;

  constructor(
    private readonly awareness: Awareness,
    private readonly facilitation: FacilitationState,
  ) {
    this.selfId = awareness.clientID;
    awareness.on('change', this.#read);
    this.#read();
    // Idle and reactions age without awareness traffic.
    this.#timer = setInterval(this.#read, 5_000);
    this.#stopFacilitation = $effect.root(() => {
      $effect(() => this.#onFollowRequest(facilitation.state.follow));
    });
  }

  /** The name of the person followed, for the "Following <name> · Stop" control. */
  get followingName(): string | null {
    return this.following === null ? null : (this.activity[this.following]?.name ?? null);
  }

  /** True while this facilitator asks everyone to follow them. */
  get bringingEveryone(): boolean {
    return this.facilitation.state.follow?.leaderClientId === this.selfId;
  }

  follow(clientId: number): void {
    if (clientId === this.selfId) return;
    this.following = clientId;
    this.leftBehind = null;
  }

  stopFollowing(): void {
    this.following = null;
    this.leftBehind = null;
  }

  /** This person moved their own view while following: following stops, and says so. */
  #movedAway(): void {
    const id = this.following;
    if (id === null) return;
    const name = this.activity[id]?.name ?? 'them';
    this.following = null;
    this.leftBehind = { clientId: id, name };
    this.announcement = `You moved the view, so you stopped following ${name}.`;
  }

  /** Facilitators: ask every participant's view to follow this one (or stop asking). */
  bringEveryone(on: boolean): void {
    if (!this.facilitation.canControl) return;
    this.facilitation.act((doc) =>
      setFollow(doc, on ? this.selfId : null, this.facilitation.serverNow()),
    );
  }

  toggleHand(): void {
    this.handRaised = !this.handRaised;
    this.awareness.setLocalStateField('hand', this.handRaised);
  }

  react(kind: ReactionKind): void {
    this.awareness.setLocalStateField('reaction', { kind, at: Date.now() });
  }

  /**
   * Publishes the editor's view and moves it to the followed person's whenever theirs moves;
   * moving one's own view stops following (`leftBehind`). Returns the unbinder.
   */
  bindEditor(editor: Editor): () => void {
    const stopPublishing = publishCamera(editor, this.awareness);
    const views = followViews(editor, () => this.#movedAway());
    const stopFollowing = $effect.root(() => {
      $effect(() => {
        const id = this.following;
        views.show(id === null ? null : (this.activity[id]?.camera ?? null));
      });
    });
    return () => {
      stopFollowing();
      views.stop();
      stopPublishing();
    };
  }

  /**
   * Publishes the diagram open in this person's outline and, while following someone, opens the
   * one open in theirs. Returns the unbinder.
   */
  bindOutline(outline: OutlineState): () => void {
    return $effect.root(() => {
      $effect(() => {
        const current = outline.current;
        if (this.awareness.getLocalState()?.outlineDiagramId !== current) {
          this.awareness.setLocalStateField('outlineDiagramId', current);
        }
      });
      $effect(() => {
        const id = this.following;
        const diagramId = id === null ? null : this.activity[id]?.outlineDiagramId;
        if (diagramId) outline.show(diagramId);
      });
    });
  }

  destroy(): void {
    this.awareness.off('change', this.#read);
    clearInterval(this.#timer);
    this.#stopFacilitation();
  }

  #onFollowRequest(request: { leaderClientId: number; since: number } | null): void {
    if (!request) {
      if (this.#followSince !== null && this.following !== null) this.following = null;
      this.#followSince = null;
      return;
    }
    if (request.since === this.#followSince) return;
    this.#followSince = request.since;
    if (request.leaderClientId !== this.selfId) this.follow(request.leaderClientId);
  }

  readonly #read = (): void => {
    const now = Date.now();
    const states = this.awareness.getStates() as Map<number, Partial<AwarenessState>>;
    const next: Record<number, Activity> = {};
    const said: string[] = [];
    for (const [id, state] of states) {
      const user = readAwarenessUser(state.user);
      if (!user) continue;
      const key = JSON.stringify([state.cursor ?? null, state.camera ?? null]);
      const moved = this.#lastMoved.get(id);
      if (!moved || moved.key !== key) this.#lastMoved.set(id, { key, at: now });
      const hand = state.hand === true;
      const sent = readReaction(state.reaction);
      let reaction: ReactionKind | null = null;
      if (sent) {
        // Timed on this device (clocks differ): a new `at` is a new reaction.
        const seen = this.#seenReaction.get(id);
        const fresh = !seen || seen.at !== sent.at;
        if (fresh) this.#seenReaction.set(id, { at: sent.at, seenAt: now });
        if (fresh && id !== this.selfId) said.push(`${user.name} ${REACTIONS[sent.kind].words}.`);
        if (now - this.#seenReaction.get(id)!.seenAt < REACTION_SHOWN_MS) reaction = sent.kind;
      }
      if (id !== this.selfId) {
        if (!this.#known.has(id) && this.#known.size > 0) said.push(`${user.name} joined.`);
        if (hand && !this.activity[id]?.hand) said.push(`${user.name} raised their hand.`);
      }
      next[id] = {
        name: user.name,
        hand,
        reaction,
        idle: now - (this.#lastMoved.get(id)?.at ?? now) > IDLE_AFTER_MS,
        camera: readCamera(state.camera),
        outlineDiagramId:
          typeof state.outlineDiagramId === 'string' ? state.outlineDiagramId : null,
      };
    }
    for (const id of this.#known) {
      if (!(id in next) && this.activity[id] && id !== this.selfId) {
        said.push(`${this.activity[id].name} left.`);
      }
    }
    this.#known = new Set(Object.keys(next).map(Number));
    this.activity = next;
    if (this.leftBehind && !(this.leftBehind.clientId in next)) this.leftBehind = null;
    if (said.length > 0) this.announcement = said.join(' ');
  };
}

function readReaction(value: unknown): { kind: ReactionKind; at: number } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { kind, at } = value as { kind?: unknown; at?: unknown };
  if (typeof kind !== 'string' || !(kind in REACTIONS) || typeof at !== 'number') return null;
  return { kind: kind as ReactionKind, at };
}

function readCamera(value: unknown): AwarenessCamera | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, z, pageId } = value as Partial<AwarenessCamera>;
  if (![x, y, z].every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  return {
    x: x!,
    y: y!,
    z: z!,
    ...(typeof pageId === 'string' ? { pageId } : {}),
  };
}
