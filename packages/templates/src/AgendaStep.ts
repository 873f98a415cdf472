/** How a step is run: open discussion, silent (hidden until revealed) writing, dot voting, or a presentation. */
export type AgendaMode = 'discuss' | 'silent' | 'vote' | 'present';

/** One step of a workshop agenda, with its planned time. */
export interface AgendaStep {
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  readonly mode: AgendaMode;
  /** What happens in this step, in plain language. */
  readonly description: string;
}

/** Total planned minutes of an agenda. */
export function agendaMinutes(steps: readonly AgendaStep[]): number {
  return steps.reduce((sum, s) => sum + s.minutes, 0);
}
