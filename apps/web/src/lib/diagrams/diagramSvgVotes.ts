import { voteRoomRect, type LayoutBox, type WorkshopVoteResults } from '@qi/model';
import { dotsText } from '$lib/workshop/ballot';
import { rankedResults } from '$lib/workshop/rankedResults';
import type { DiagramSnapshot } from '@qi/model';

/**
 * What the workshop shows of dot votes now (VoteState fits it): the open vote, if any, and the
 * last closed vote's results from the board document.
 */
export interface VoteView {
  readonly vote: { readonly diagramId: string } | null;
  readonly results: WorkshopVoteResults | null;
}

/**
 * The closed vote results a picture of `diagramId` draws: the last closed vote's, when it was on
 * this diagram and no new vote on it is open (then the boxes show ballots, as the canvas and
 * outline do). Results only exist once a vote is closed, so a running tally is never drawn.
 */
export function shownVoteResults(
  votes: VoteView | null | undefined,
  diagramId: string,
): WorkshopVoteResults | null {
  if (!votes || votes.vote?.diagramId === diagramId) return null;
  return votes.results?.diagramId === diagramId ? votes.results : null;
}

/** Ids of the boxes that get a vote strip: items with at least one dot (the layout's voteRoom). */
export function voteStripIds(results: WorkshopVoteResults | null): ReadonlySet<string> {
  return new Set(results?.tallies.filter((t) => t.total > 0).map((t) => t.nodeId));
}

/** The canvas badge's colours: white on dark green, 7.4:1 (WCAG AA for small bold text). */
const STRIP_FILL = '#065f46';
const STRIP_TEXT = '#ffffff';
const STRIP_HEIGHT = 20;
/** A generous width per character of 12 px bold text, so the pill always holds its words. */
const BOLD_12_CHAR = 7;

/**
 * One item's total as a pill in its box's vote strip (voteRoomRect), where the canvas puts its
 * badge: a dot, then "5 dots". `escape` is the SVG escaper (node ids are user-controlled).
 */
export function voteStripSvg(
  box: LayoutBox,
  count: number,
  name: string,
  escape: (text: string) => string,
): string {
  const room = voteRoomRect(box);
  const words = dotsText(count);
  const width = 26 + words.length * BOLD_12_CHAR;
  const right = box.x + box.width - 10;
  const top = room.y + (room.height - STRIP_HEIGHT) / 2;
  const middle = top + STRIP_HEIGHT / 2;
  return (
    `<g class="vote-strip" data-vote-for="${escape(box.id)}">` +
    `<title>${escape(`‘${name}’: ${words}`)}</title>` +
    `<rect x="${right - width}" y="${top}" width="${width}" height="${STRIP_HEIGHT}" rx="10" fill="${STRIP_FILL}"/>` +
    `<circle cx="${right - width + 10.5}" cy="${middle}" r="3.5" fill="${STRIP_TEXT}"/>` +
    `<text x="${right - 7}" y="${middle + 4}" text-anchor="end" font-size="12" font-weight="700" fill="${STRIP_TEXT}">${escape(words)}</text>` +
    `</g>`
  );
}

/** When a vote closed, in words ("26 Nov 2026, 19:40 UTC"); in `timeZone` or this device's. */
export function closedAtText(closedAt: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(closedAt);
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The legend's two lines: which vote it was and when it closed; who voted. */
export function voteLegendLines(
  results: WorkshopVoteResults,
  diagram: DiagramSnapshot,
  timeZone?: string,
): [heading: string, voters: string] {
  const name = diagram.root.text.trim() || 'Untitled';
  const short = name.length > 80 ? `${name.slice(0, 79)}…` : name;
  const { patientCarer, staff } = results.voters;
  const voters =
    results.tallies.length === 0
      ? 'Nobody placed a dot.'
      : `${count(patientCarer + staff, 'person', 'people')} voted: ` +
        `${count(patientCarer, 'patient or carer', 'patients or carers')}, ${staff} staff.`;
  return [
    `Dot vote results: ‘${short}’, closed ${closedAtText(results.closedAt, timeZone)}`,
    voters,
  ];
}

/** The results in one sentence, for the picture's <desc> (screen readers, text extraction). */
export function voteDescription(
  results: WorkshopVoteResults,
  diagram: DiagramSnapshot,
  timeZone?: string,
): string {
  const [heading, voters] = voteLegendLines(results, diagram, timeZone);
  const items = rankedResults(results, diagram)
    .map((item) => `${item.rank}. ${item.text}, ${dotsText(item.total)}`)
    .join('; ');
  return `${heading}. ${voters}${items ? ` Items by dots: ${items}.` : ''}`;
}

/** Height of the legend band under a picture with vote results. */
export const VOTE_LEGEND_HEIGHT = 58;
const LEGEND_KEY_WIDTH = 26 + 'n dots'.length * BOLD_12_CHAR;
const legendSecondLine = (voters: string) => `= the dots an item got. ${voters}`;

/** Width the legend needs (generous per character), so a narrow diagram's picture widens. */
export function voteLegendWidth([heading, voters]: readonly [string, string]): number {
  const second = LEGEND_KEY_WIDTH + 8 + legendSecondLine(voters).length * 6.6;
  return 20 + Math.max(heading.length * 7.6, second);
}

/**
 * The legend band at `y` (under the diagram): the heading, then a key pill like the strips
 * ("● n dots") and who voted. `escape` is the SVG escaper.
 */
export function voteLegendSvg(
  lines: readonly [string, string],
  y: number,
  width: number,
  escape: (text: string) => string,
): string {
  const [heading, voters] = lines;
  const keyTop = y + 30;
  const keyMiddle = keyTop + STRIP_HEIGHT / 2;
  return (
    `<g class="vote-legend">` +
    `<line x1="10" y1="${y + 0.5}" x2="${width - 10}" y2="${y + 0.5}" stroke="#6b7280" stroke-width="1"/>` +
    `<text x="10" y="${y + 21}" font-size="13" font-weight="700" fill="#111827">${escape(heading)}</text>` +
    `<rect x="10" y="${keyTop}" width="${LEGEND_KEY_WIDTH}" height="${STRIP_HEIGHT}" rx="10" fill="${STRIP_FILL}"/>` +
    `<circle cx="20.5" cy="${keyMiddle}" r="3.5" fill="${STRIP_TEXT}"/>` +
    `<text x="${10 + LEGEND_KEY_WIDTH - 7}" y="${keyMiddle + 4}" text-anchor="end" font-size="12" font-weight="700" fill="${STRIP_TEXT}">n dots</text>` +
    `<text x="${10 + LEGEND_KEY_WIDTH + 8}" y="${keyMiddle + 4}" font-size="12" fill="#111827">${escape(legendSecondLine(voters))}</text>` +
    `</g>`
  );
}
