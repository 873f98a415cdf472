import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardDiagrams } from '$lib/diagrams/BoardDiagrams.svelte';
import { DriverDetailsState } from './DriverDetailsState.svelte';

function driver() {
  const diagrams = new BoardDiagrams(new Y.Doc(), { authorId: 'a', perspective: 'carer' });
  const who = diagrams.author;
  const ids = diagrams.edit((board, origin) => {
    const { diagramId, rootId } = board.addDiagram(
      { kind: 'driver', text: 'Fewer falls', ...who },
      origin,
    );
    const safe = board.addNode({ diagramId, parentId: rootId, text: 'Safe ward', ...who }, origin);
    const staff = board.addNode(
      { diagramId, parentId: rootId, text: 'Staff skills', ...who },
      origin,
    );
    const light = board.addNode(
      { diagramId, parentId: safe, text: 'Light at night', ...who },
      origin,
    );
    return { diagramId, safe, staff, light };
  });
  const snapshot = () => diagrams.diagrams.get(ids.diagramId)!;
  const node = (id: string) => snapshot().nodes.find((n) => n.id === id);
  return { diagrams, ids, snapshot, node };
}

describe('DriverDetailsState', () => {
  it('adds outcome, process and balancing measures where they belong', () => {
    const { diagrams, ids, snapshot, node } = driver();
    const form = new DriverDetailsState(diagrams);
    form.name = 'Falls per 1,000 bed days';
    expect(form.addMeasure(snapshot(), undefined)).toBe(true);
    form.type = 'process';
    form.name = 'Night lights checked';
    expect(form.addMeasure(snapshot(), snapshot().root)).toBe(false);
    expect(form.problem).toMatch(/Choose a driver/);
    expect(form.addMeasure(snapshot(), node(ids.light))).toBe(true);
    form.type = 'balancing';
    form.name = '  ';
    expect(form.addMeasure(snapshot(), undefined)).toBe(false);
    form.name = 'Sleep disturbed';
    form.addMeasure(snapshot(), undefined);
    expect(snapshot().measures.map((m) => [m.type, m.name, m.attachedTo])).toEqual([
      ['outcome', 'Falls per 1,000 bed days', snapshot().root.id],
      ['process', 'Night lights checked', ids.light],
      ['balancing', 'Sleep disturbed', null],
    ]);
    form.removeMeasure(snapshot(), snapshot().measures[2]!.id);
    expect(snapshot().measures).toHaveLength(2);
  });

  it('links a secondary driver to a further primary driver, weak, and marks tree links', () => {
    const { diagrams, ids, snapshot, node } = driver();
    const form = new DriverDetailsState(diagrams);
    expect(form.linkTargets(snapshot(), node(ids.light)).map((n) => n.text)).toEqual([
      'Staff skills',
    ]);
    form.linkTarget = ids.staff;
    form.linkStrength = 'weak';
    expect(form.addLink(snapshot(), node(ids.light))).toBe(true);
    expect(snapshot().links).toEqual([{ from: ids.light, to: ids.staff, strength: 'weak' }]);
    expect(form.linkTargets(snapshot(), node(ids.light))).toEqual([]);
    form.setStrength(snapshot(), node(ids.light)!, 'weak');
    expect(node(ids.light)!.strength).toBe('weak');
    form.removeLink(snapshot(), ids.light, ids.staff);
    expect(snapshot().links).toEqual([]);
  });
});
