import type { DiagramSnapshot } from '@qi/model';
import type { VoteResults } from '@qi/protocol';

/** One row of a closed vote's ranked list. */
export interface RankedItem {
  nodeId: string;
  text: string;
  /** 1 for the most dots; items with equal totals share a rank. */
  rank: number;
  total: number;
  patientCarer: number;
  staff: number;
}

/** Whose dots a ranking counts: everyone's, or one perspective group's. */
export type RankBy = 'total' | 'patientCarer' | 'staff';

/**
 * A closed vote's tallies as a ranked list with the items' current text (an item deleted since
 * the vote keeps its dots and reads "(removed item)"), counting everyone's dots or one group's
 * (items that group gave no dot are left out). Ties share a rank ("1, 2, 2, 4").
 */
export function rankedResults(
  results: VoteResults,
  diagram: DiagramSnapshot | undefined,
  by: RankBy = 'total',
): RankedItem[] {
  const text = new Map(diagram?.nodes.map((node) => [node.id, node.text.trim()]));
  const ordered = results.tallies
    .filter((tally) => tally[by] > 0)
    .sort((a, b) => b[by] - a[by] || a.nodeId.localeCompare(b.nodeId));
  let rank = 0;
  return ordered.map((tally, index) => {
    if (index === 0 || ordered[index - 1]![by] !== tally[by]) rank = index + 1;
    const current = text.get(tally.nodeId);
    return {
      nodeId: tally.nodeId,
      text: current === undefined ? '(removed item)' : current || '(empty)',
      rank,
      total: tally.total,
      patientCarer: tally.patientCarer,
      staff: tally.staff,
    };
  });
}

/** Dots per node of a closed vote (for badges on boxes and outline items). */
export function totalsByNode(results: VoteResults | null): ReadonlyMap<string, number> {
  return new Map(results?.tallies.map((tally) => [tally.nodeId, tally.total]));
}

/**
 * One plain sentence on where the groups agree or differ: what each put first ("Patients and
 * carers and staff both put ‘A’ first." or "Patients and carers put ‘A’ first; staff put ‘B’ and
 * ‘C’ first."). Empty when either group gave no dots.
 */
export function groupsSummary(results: VoteResults, diagram: DiagramSnapshot | undefined): string {
  const firsts = (by: RankBy) =>
    rankedResults(results, diagram, by)
      .filter((item) => item.rank === 1)
      .map((item) => `‘${item.text}’`);
  const patients = firsts('patientCarer');
  const staff = firsts('staff');
  if (patients.length === 0 || staff.length === 0) return '';
  const list = (items: string[]) =>
    items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  if (patients.join() === staff.join()) {
    return `Patients and carers and staff both put ${list(patients)} first.`;
  }
  return `Patients and carers put ${list(patients)} first; staff put ${list(staff)} first.`;
}
