import type { DiagramSnapshot, NodeKind } from '@qi/model';
import type { Role, VoteResults } from '@qi/protocol';

/** The two groups the equal-voice panel compares. */
export type VoiceGroup = 'patientCarer' | 'staff';

/** A count per group. */
export type GroupCounts = Record<VoiceGroup, number>;

/** Which group a perspective (`patient`, `carer`, `staff:<label>`) speaks for, or null. */
export function voiceGroup(perspective: string): VoiceGroup | null {
  if (perspective === 'patient' || perspective === 'carer') return 'patientCarer';
  if (perspective.startsWith('staff:')) return 'staff';
  return null;
}

/** Which group a person present speaks for, from their link's role (observers add nothing). */
export function roleGroup(role: Role | undefined): VoiceGroup | null {
  if (role === 'patient') return 'patientCarer';
  if (role === 'contributor' || role === 'facilitator') return 'staff';
  return null;
}

/** Kinds people write as contributions (heads and fishbone categories are the diagram's frame). */
const CONTRIBUTION_KINDS: ReadonlySet<NodeKind> = new Set([
  'cause',
  'primary',
  'secondary',
  'change',
]);

/** What the equal-voice panel shows. */
export interface EqualVoice {
  contributions: GroupCounts;
  votes: GroupCounts;
  people: GroupCounts;
  /** A gentle suggestion for the facilitator, or null when there is nothing to say. */
  prompt: string | null;
}

/** Fewest contributions before the panel suggests anything. */
export const PROMPT_MIN_CONTRIBUTIONS = 5;

/**
 * Shares by perspective group: contributions (the board's written items), dots of the last
 * closed vote, and people here now; and a prompt when patients' and carers' share of
 * contributions is under half their share of the people present.
 */
export function equalVoice(input: {
  diagrams: readonly DiagramSnapshot[];
  results: VoteResults | null;
  roles: readonly (Role | undefined)[];
}): EqualVoice {
  const contributions = { patientCarer: 0, staff: 0 };
  for (const diagram of input.diagrams) {
    for (const node of diagram.nodes) {
      const group = CONTRIBUTION_KINDS.has(node.kind) ? voiceGroup(node.perspective) : null;
      if (group) contributions[group] += 1;
    }
  }
  const votes = { patientCarer: 0, staff: 0 };
  for (const tally of input.results?.tallies ?? []) {
    votes.patientCarer += tally.patientCarer;
    votes.staff += tally.staff;
  }
  const people = { patientCarer: 0, staff: 0 };
  for (const role of input.roles) {
    const group = roleGroup(role);
    if (group) people[group] += 1;
  }
  return { contributions, votes, people, prompt: prompt(contributions, people) };
}

function prompt(contributions: GroupCounts, people: GroupCounts): string | null {
  const written = contributions.patientCarer + contributions.staff;
  const here = people.patientCarer + people.staff;
  if (written < PROMPT_MIN_CONTRIBUTIONS || people.patientCarer === 0) return null;
  const writtenShare = contributions.patientCarer / written;
  const peopleShare = people.patientCarer / here;
  if (writtenShare >= peopleShare / 2) return null;
  return (
    `Patients and carers have written ${contributions.patientCarer} of ${written} ideas ` +
    `though they are ${people.patientCarer} of ${here} people here. ` +
    'You could invite them to add theirs.'
  );
}

/** A whole-number percentage of `part` in `whole` (0 when there is nothing to share). */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}
