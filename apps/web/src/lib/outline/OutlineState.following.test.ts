import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { OutlineState } from './OutlineState.svelte';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/**
 * A follower's outline on a board with three diagrams. `publish` does what
 * PeopleActivity.bindOutline's effect does on every awareness change (anyone's cursor, this
 * person's own published diagram, the 5-second tick): show the followed person's diagram again.
 */
function follower() {
  const diagrams = new BoardDiagrams(new Y.Doc(), { authorId: 'pat', perspective: 'patient' });
  const outline = new OutlineState(diagrams);
  cleanups.push(() => {
    outline.destroy();
    diagrams.destroy();
  });
  const who = { authorId: 'fran', perspective: 'staff:lead' } as const;
  const [falls, delays, discharge] = ['Falls', 'Delays', 'Discharge'].map(
    (text) =>
      diagrams.edit((board) => board.addDiagram({ kind: 'fishbone', text, ...who })).diagramId,
  ) as [string, string, string];
  const leader = { diagram: falls };
  const publish = () => outline.show(leader.diagram);
  outline.following.who({ clientId: 7, name: 'Fran' });
  return { outline, falls, delays, discharge, leader, publish };
}

describe('OutlineState, following someone', () => {
  it('opens the followed person’s diagram when they move, and only then', () => {
    const { outline, falls, delays, leader, publish } = follower();
    publish();
    expect([outline.current, outline.showTick]).toEqual([falls, 1]);
    publish();
    expect(outline.showTick).toBe(1);
    leader.diagram = delays;
    publish();
    expect([outline.current, outline.showTick, outline.following.paused]).toEqual([
      delays,
      2,
      false,
    ]);
  });

  it('lets a follower who opens another diagram read it: following pauses here and says so', () => {
    const { outline, falls, delays, discharge, leader, publish } = follower();
    publish();
    // The follower moves into Delays; their own publish (and anyone's cursor) runs `show` again.
    // Before, that put Falls back at once, so the follower could never stay in Delays.
    outline.open(delays);
    publish();
    publish();
    expect(outline.current).toBe(delays);
    expect(outline.following.paused).toBe(true);
    expect(outline.announcement).toBe(
      'Stopped following Fran in the outline, so you can read here. Choose “Follow Fran again” to go back.',
    );
    // The followed person moves on: the follower stays where they chose.
    leader.diagram = discharge;
    publish();
    expect(outline.current).toBe(delays);

    // Follow again: their diagram opens, with keyboard focus in it.
    const ticks = outline.focusTick;
    outline.resumeFollowing();
    expect([outline.current, outline.following.paused]).toEqual([discharge, false]);
    expect([outline.focusDiagram, outline.focusTick]).toEqual([discharge, ticks + 1]);
    expect(outline.announcement).toBe('Following Fran again: ‘Discharge’ is open.');
    leader.diagram = falls;
    publish();
    expect(outline.current).toBe(falls);
  });

  it('moving within the followed person’s diagram is not a pause; stopping following clears one', () => {
    const { outline, falls, delays, leader, publish } = follower();
    publish();
    outline.open(falls);
    expect(outline.following.paused).toBe(false);
    outline.open(delays);
    expect(outline.following.paused).toBe(true);
    outline.following.who({ clientId: 7, name: 'Fran Lee' }); // the same person, renamed
    expect(outline.following.paused).toBe(true);
    outline.following.who(null);
    expect(outline.following.paused).toBe(false);
    // Not following: opening diagrams is just opening them.
    outline.open(falls);
    expect(outline.following.paused).toBe(false);
    // Following again starts afresh from where the followed person is.
    outline.following.who({ clientId: 7, name: 'Fran' });
    leader.diagram = delays;
    publish();
    expect(outline.current).toBe(delays);
  });
});
