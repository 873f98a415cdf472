import { useCallback, useSyncExternalStore, type CSSProperties, type PointerEvent } from 'react';
import type * as Y from 'yjs';
import type { LayoutBox } from '@qi/model';
import { canAddDot, dotsText } from './ballot';
import { itemName } from './nodeName';
import { subscribeVoteResults, voteResultsEntry, voteTotalsFor } from './voteResultsStore';
import { votesKey, watchVotes } from './watchVotes.svelte';
import type { WorkshopGetter } from './workshopContext';
import './canvasVote.css';

/**
 * Inside the box's vote strip (voteRoomRect: the layout keeps it under the text, right of the
 * perspective badge), its right edge clear of the fold button that hangs over the box's side.
 */
const corner = (box: LayoutBox): CSSProperties => ({
  position: 'absolute',
  left: 0,
  top: 0,
  transform: `translate(${box.x + box.width - 10}px, ${box.y + box.height - 2}px) translate(-100%, -100%)`,
  whiteSpace: 'nowrap',
});

/** Keeps the canvas tools from taking a press on a vote button. */
const stop = (event: PointerEvent) => event.stopPropagation();

/**
 * Dot voting on a canvas diagram: while its vote is open, a − / + control with this person's
 * dots on each item of the vote; after the close, the totals as badges (the vote results panel
 * and the outline say the same in text).
 */
export function CanvasVoteBadges(props: {
  doc: Y.Doc;
  diagramId: string;
  boxes: readonly LayoutBox[];
  workshop?: WorkshopGetter | null;
}) {
  const { doc, diagramId, boxes, workshop } = props;
  const onResults = useCallback(
    (listener: () => void) => subscribeVoteResults(doc, listener),
    [doc],
  );
  const onVotes = useCallback(
    (listener: () => void) => (workshop ? watchVotes(workshop, listener) : () => {}),
    [workshop],
  );
  useSyncExternalStore(onResults, () => voteResultsEntry(doc));
  useSyncExternalStore(onVotes, () => (workshop ? votesKey(workshop) : ''));
  const state = workshop?.();
  const vote = state?.votes.vote;
  if (state && vote?.diagramId === diagramId && state.votes.canTakePart) {
    const votes = state.votes;
    const items = new Map(state.votableItems(diagramId).map((node) => [node.id, node]));
    return (
      <>
        {boxes.map((box) => {
          const node = items.get(box.id);
          if (!node) return null;
          const name = itemName(node);
          const mine = votes.dotsOn(box.id);
          return (
            <span
              key={box.id}
              className="qi-vote-control"
              data-vote-for={box.id}
              role="group"
              aria-label={`Your dots on ‘${name}’`}
              style={corner(box)}
              onPointerDown={stop}
            >
              <button
                type="button"
                aria-label={`Take a dot off ‘${name}’`}
                disabled={mine === 0}
                onClick={() => votes.remove(box.id, name)}
              >
                −
              </button>
              <span className="qi-vote-mine">{mine}</span>
              <button
                type="button"
                aria-label={`Add a dot to ‘${name}’`}
                disabled={!canAddDot(votes.ballot, box.id, vote)}
                onClick={() => votes.add(box.id, name)}
              >
                +
              </button>
            </span>
          );
        })}
      </>
    );
  }
  const totals = voteTotalsFor(doc, diagramId);
  if (totals.size === 0) return null;
  return (
    <>
      {boxes.map((box) => {
        const count = totals.get(box.id);
        if (!count) return null;
        return (
          <span
            key={box.id}
            className="qi-vote-badge"
            data-testid="canvas-vote-badge"
            data-vote-for={box.id}
            style={{
              ...corner(box),
              padding: '0 7px',
              borderRadius: 10,
              background: '#065f46',
              color: '#fff',
              fontSize: 12,
              fontWeight: 700,
              lineHeight: '20px',
              pointerEvents: 'none',
            }}
          >
            {dotsText(count)}
          </span>
        );
      })}
    </>
  );
}
