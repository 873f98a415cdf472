import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  BADGE_ROOM,
  Board,
  readVote,
  readVoteResults,
  setVote,
  setVoteResults,
  voteRoomRect,
  type WorkshopVoteResults,
} from '@qi/model';
import { cachedLayout, diagramLayout } from './diagramLayout';
import { diagramPictureSvg, diagramSvg, escapeXml } from './diagramSvg';
import { voteStripIds } from './diagramSvgVotes';
import { wrapText } from './wrapText';

describe('diagramSvg', () => {
  it('keeps markup typed into a node as text', () => {
    const board = Board.open(new Y.Doc());
    const { diagramId, rootId } = board.addDiagram({
      kind: 'fishbone',
      text: '<script>alert("x")</script> & more',
      authorId: 'a',
      perspective: 'patient',
    });
    board.addNode({
      diagramId,
      parentId: rootId,
      text: '<img src=x onerror=alert(1)>',
      authorId: 'a',
      perspective: 'carer',
    });
    const snapshot = board.getDiagram(diagramId)!;
    const svg = diagramSvg(snapshot, diagramLayout(snapshot), { perspectives: true });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&#60;script&#62;');
    expect(svg).toContain('Carer');
  });

  it('draws the lines the layout sized each box for, with the badge under the last', () => {
    const board = Board.open(new Y.Doc());
    const who = { authorId: 'a', perspective: 'staff:' } as const;
    const { diagramId, rootId } = board.addDiagram({ kind: 'fishbone', text: 'Late', ...who });
    const bone = board.addNode({ diagramId, parentId: rootId, text: 'People', ...who });
    for (const text of [
      'Porters',
      'Porters not told the patient is ready to go',
      'Pneumonoultramicroscopicsilicovolcanoconiosis',
    ]) {
      board.addNode({ diagramId, parentId: bone, text, authorId: 'a', perspective: 'patient' });
    }
    const snapshot = board.getDiagram(diagramId)!;
    const layout = diagramLayout(snapshot);
    const svg = diagramSvg(snapshot, layout, { perspectives: true });
    for (const box of layout.boxes) {
      const lines = wrapText(box.text, box.kind);
      const badge = snapshot.nodes.find((n) => n.id === box.id)!.perspective === 'patient';
      // Padding 10 above and below, 19 per line, and the badge's own room.
      expect(box.height).toBe(lines.length * 19 + 20 + (badge ? BADGE_ROOM : 0));
      const baselines = lines.map((_, i) => box.y + 24 + i * 19);
      for (const [i, line] of lines.entries()) {
        expect(svg).toContain(`<tspan x="${box.x + 10}" y="${baselines[i]}">${line}</tspan>`);
      }
      if (badge) {
        // The badge's 10px text sits below the last line's descenders.
        expect(box.y + box.height - 7 - 10).toBeGreaterThan(baselines.at(-1)! + 5);
      }
    }
  });

  it('escapes quotes and ampersands', () => {
    expect(escapeXml(`a"b'c&d`)).toBe('a&#34;b&#39;c&#38;d');
  });

  describe('with dot vote results', () => {
    /** A fishbone with three causes, and the doc its facilitation map lives in. */
    function votedFishbone() {
      const doc = new Y.Doc();
      const board = Board.open(doc);
      const who = { authorId: 'a', perspective: 'staff:' } as const;
      const { diagramId, rootId } = board.addDiagram({ kind: 'fishbone', text: 'Late', ...who });
      const bone = board.addNode({ diagramId, parentId: rootId, text: 'Staffing', ...who });
      const [nurses, pharmacy, signs] = [
        'Too few nurses',
        'Pharmacy shut',
        'Signs <confusing>',
      ].map((text) => board.addNode({ diagramId, parentId: bone, text, ...who }));
      const results: WorkshopVoteResults = {
        id: 'v1',
        diagramId,
        closedAt: Date.UTC(2026, 10, 26, 19, 40),
        voters: { patientCarer: 1, staff: 2 },
        tallies: [
          { nodeId: nurses!, total: 5, patientCarer: 1, staff: 4 },
          { nodeId: signs!, total: 1, patientCarer: 1, staff: 0 },
        ],
      };
      const snapshot = () => board.getDiagram(diagramId)!;
      const votes = () => ({ vote: readVote(doc), results: readVoteResults(doc) });
      return {
        doc,
        diagramId,
        nurses: nurses!,
        pharmacy: pharmacy!,
        signs: signs!,
        results,
        snapshot,
        votes,
      };
    }

    const strips = (svg: string) =>
      [...svg.matchAll(/<g class="vote-strip" data-vote-for="([^"]+)">.*?<\/g>/g)].map((m) => ({
        id: m[1],
        words: /<text[^>]*>([^<]*)<\/text>/.exec(m[0])![1],
      }));

    it('draws each voted item’s dots in its box’s vote strip, and nothing on unvoted items', () => {
      const f = votedFishbone();
      setVoteResults(f.doc, f.results);
      const svg = diagramPictureSvg(f.snapshot(), f.votes(), { timeZone: 'UTC' });
      expect(strips(svg)).toEqual([
        { id: f.nurses, words: '5 dots' },
        { id: f.signs, words: '1 dot' },
      ]);
      expect(svg).not.toContain(`data-vote-for="${f.pharmacy}"`);
      // Each pill sits inside the strip the layout kept under its box's text.
      const layout = cachedLayout(f.snapshot(), voteStripIds(f.results));
      for (const id of [f.nurses, f.signs]) {
        const room = voteRoomRect(layout.boxes.find((b) => b.id === id)!);
        const g = new RegExp(
          `data-vote-for="${id}">.*?<rect x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)" height="([\\d.]+)"`,
        ).exec(svg)!;
        const [x, y, w, h] = g.slice(1).map(Number) as [number, number, number, number];
        expect(x).toBeGreaterThanOrEqual(room.x);
        expect(x + w).toBeLessThanOrEqual(room.x + room.width);
        expect(y).toBeGreaterThanOrEqual(room.y);
        expect(y + h).toBeLessThanOrEqual(room.y + room.height);
      }
      // The canvas badge's colours: white on dark green.
      expect(svg).toContain('fill="#065f46"');
    });

    it('names the vote in a legend and gives the results as text for screen readers', () => {
      const f = votedFishbone();
      setVoteResults(f.doc, f.results);
      const svg = diagramPictureSvg(f.snapshot(), f.votes(), { timeZone: 'UTC' });
      const heading = 'Dot vote results: ‘Late’, closed 26 Nov 2026, 19:40 UTC';
      expect(svg).toContain(`>${heading}</text>`);
      expect(svg).toContain('3 people voted: 1 patient or carer, 2 staff.');
      expect(svg).toContain(
        `<desc>${heading}. 3 people voted: 1 patient or carer, 2 staff. ` +
          'Items by dots: 1. Too few nurses, 5 dots; 2. Signs &#60;confusing&#62;, 1 dot.</desc>',
      );
      expect(svg).toContain('<title>‘Too few nurses’: 5 dots</title>');
      // The legend band is added under the diagram.
      const layout = cachedLayout(f.snapshot(), voteStripIds(f.results));
      expect(svg).toMatch(new RegExp(`^<svg [^>]*height="${layout.height + 58}"`));
    });

    it('draws no strips, legend or description without closed results on this diagram', () => {
      const f = votedFishbone();
      const plain = diagramSvg(f.snapshot(), diagramLayout(f.snapshot()), { perspectives: true });
      expect(diagramPictureSvg(f.snapshot(), f.votes())).toBe(plain);
      expect(diagramPictureSvg(f.snapshot(), null)).toBe(plain);
      // Another diagram's results are not this one's.
      setVoteResults(f.doc, { ...f.results, diagramId: 'another' });
      expect(diagramPictureSvg(f.snapshot(), f.votes())).toBe(plain);
      expect(
        diagramSvg(f.snapshot(), diagramLayout(f.snapshot()), { votes: f.votes().results }),
      ).not.toContain('vote-');
    });

    it('never draws an open vote: not its dots, nor the last results while it runs', () => {
      const f = votedFishbone();
      setVoteResults(f.doc, f.results);
      setVote(f.doc, {
        id: 'v2',
        diagramId: f.diagramId,
        votesPerPerson: 3,
        allowStacking: false,
        openedAt: f.results.closedAt + 1000,
      });
      const svg = diagramPictureSvg(f.snapshot(), f.votes());
      expect(svg).not.toContain('vote-strip');
      expect(svg).not.toContain('vote-legend');
      expect(svg).not.toContain('<desc>');
      expect(svg).not.toMatch(/\bdots?\b/);
    });

    it('says so when nobody placed a dot, and keeps vote text escaped', () => {
      const f = votedFishbone();
      setVoteResults(f.doc, { ...f.results, voters: { patientCarer: 0, staff: 0 }, tallies: [] });
      const svg = diagramPictureSvg(f.snapshot(), f.votes(), { timeZone: 'UTC' });
      expect(strips(svg)).toEqual([]);
      expect(svg).toContain('Nobody placed a dot.');
      expect(svg).not.toContain('<confusing>');
    });
  });
});
