import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { votableNodeIds, type DiagramSnapshot, type NodeSnapshot } from '@qi/model';
import { roleCanWrite, type AwarenessState, type PatientDataPolicy, type Role } from '@qi/protocol';
import type { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { boardPolicy } from '$lib/guard/patientDataPolicy';
import type { KeyValueStorage } from '$lib/identity/localUser';
import { readAwarenessUser } from '$lib/identity/readAwarenessUser';
import { loadParticipantKey } from './participantKey';
import { RoundState } from './RoundState.svelte';
import { VoteState } from './VoteState.svelte';
import { WorkshopApi } from './WorkshopApi';
import type { WorkshopAuthor, WorkshopBackend } from './workshopBackend';

/** How often the facilitator's progress counts are refreshed while a round or vote is open. */
export const PROGRESS_POLL_MS = 3000;

/** What a board page hands WorkshopState. */
export interface WorkshopOptions {
  doc: Y.Doc;
  boardId: string;
  /** This device's link token for the board, or null without one (nothing can be sent). */
  token: string | null;
  role: Role;
  author: () => WorkshopAuthor;
  /** The board's diagrams (names of scopes and items, contributions for the equal-voice panel). */
  diagrams?: BoardDiagrams;
  /** Presence, for the equal-voice panel's count of people here. */
  awareness?: Awareness;
  /** The board's patient-data policy now (BoardSession.patientData); else read from `doc`. */
  patientData?: () => PatientDataPolicy;
  storage?: KeyValueStorage;
  backend?: WorkshopBackend;
  pollMs?: number;
}

/**
 * One board's workshop features in this tab: the silent brainstorming round, the dot vote and
 * who is here by role. Made by the board page once the diagrams are open; `destroy()` it with them.
 */
export class WorkshopState {
  readonly rounds: RoundState;
  readonly votes: VoteState;
  readonly canLead: boolean;
  readonly doc: Y.Doc;
  readonly diagrams: BoardDiagrams | null;
  /** The patient-data policy private ideas are checked against while typed, as the editors do. */
  readonly patientData: () => PatientDataPolicy;
  /** Roles of everyone here now (this person included), from presence. */
  roles = $state.raw<(Role | undefined)[]>([]);

  readonly #cleanups: (() => void)[] = [];

  constructor(options: WorkshopOptions) {
    const backend = options.backend ?? new WorkshopApi(options.boardId, options.token ?? '');
    this.canLead = options.role === 'facilitator' && options.token !== null;
    this.doc = options.doc;
    this.diagrams = options.diagrams ?? null;
    this.patientData =
      options.patientData ??
      (() => boardPolicy(options.doc, this.diagrams?.deploymentPatientData ?? null));
    const parts = {
      backend,
      participantKey: loadParticipantKey(options.storage ?? localStorage, options.boardId),
      author: options.author,
      canLead: this.canLead,
      canTakePart: roleCanWrite(options.role) && options.token !== null,
      pollMs: options.pollMs ?? PROGRESS_POLL_MS,
    };
    this.rounds = new RoundState(options.doc, parts);
    this.votes = new VoteState(options.doc, parts);
    const awareness = options.awareness;
    if (awareness) {
      const read = () => {
        const states = awareness.getStates() as Map<number, Partial<AwarenessState>>;
        // The server adds the role to what others receive; this tab's own state lacks it.
        this.roles = [...states].flatMap(([clientId, state]) => {
          if (clientId === awareness.clientID) return [options.role];
          const user = readAwarenessUser(state.user);
          return user ? [user.role] : [];
        });
      };
      awareness.on('change', read);
      read();
      this.#cleanups.push(() => awareness.off('change', read));
    }
  }

  /** A diagram's current snapshot, if it still exists. */
  diagram(diagramId: string): DiagramSnapshot | undefined {
    return this.diagrams?.diagrams.get(diagramId);
  }

  /** The items a vote on `diagramId` is about (causes or change ideas), in outline order. */
  votableItems(diagramId: string): NodeSnapshot[] {
    const diagram = this.diagram(diagramId);
    if (!diagram) return [];
    const ids = votableNodeIds(this.doc, diagramId);
    return diagram.nodes.filter((node) => ids.includes(node.id));
  }

  destroy(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.rounds.destroy();
    this.votes.destroy();
  }
}
