import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { LayoutBox } from '@qi/model';
import { dotsText } from './ballot';
import { subscribeVoteResults, voteResultsEntry, voteTotalsFor } from './voteResultsStore';

/**
 * A closed vote's totals as badges on the top right of a canvas diagram's boxes (the vote
 * results panel and the outline say the same in text).
 */
export function CanvasVoteBadges(props: {
  doc: Y.Doc;
  diagramId: string;
  boxes: readonly LayoutBox[];
}) {
  const { doc, diagramId, boxes } = props;
  useSyncExternalStore(
    (listener) => subscribeVoteResults(doc, listener),
    () => voteResultsEntry(doc),
  );
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
            style={{
              position: 'absolute',
              left: 0,
              top: 0,
              // Bottom right corner of the box, clear of its text and of the fold button.
              transform: `translate(${box.x + box.width + 8}px, ${box.y + box.height - 10}px) translateX(-100%)`,
              padding: '0 7px',
              borderRadius: 10,
              background: '#065f46',
              color: '#fff',
              fontSize: 12,
              fontWeight: 700,
              lineHeight: '20px',
              whiteSpace: 'nowrap',
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
