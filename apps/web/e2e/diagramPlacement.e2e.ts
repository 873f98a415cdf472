import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  axeViolations,
  chooseName,
  createBoard,
  launchBrowser,
  newContext,
  openBoard,
  stopAll,
  startServer,
  waitForStatus,
  watchErrors,
  type RunningServer,
} from './harness';

/**
 * Where diagrams land on the canvas and how their boxes read: diagrams added at the same moment
 * by two people never overlap, and a fishbone's boxes keep their text, and their perspective
 * badges, inside them. Screenshots go to apps/web/screenshots/.
 */
const SHOTS = join(import.meta.dirname, '..', 'screenshots');

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[][] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(() => stopAll(contexts, browser, server));

async function person(name: string): Promise<Page> {
  const context = await newContext(browser, server);
  contexts.push(context);
  await chooseName(context, name);
  const page = await context.newPage();
  // Boxes then jump to their places at once, so positions read right after a change are final.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  errors.push(watchErrors(page, name));
  return page;
}

/** Adds a fishbone through the Add diagram dialog, as a person would. */
async function addFishbone(page: Page, problem: string): Promise<void> {
  await page.getByRole('button', { name: 'Add diagram' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a diagram' });
  await dialog.getByText('Fishbone: four bones').click();
  await dialog.getByLabel('What is the problem?').fill(problem);
  await dialog.getByRole('button', { name: 'Add diagram' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The canvas rectangles of every diagram shape, as stored in the board's document. */
function diagramRects(page: Page) {
  return page.evaluate(() => {
    const records = window.qiDiagrams!.board.doc.getMap<{
      id: string;
      type: string;
      x: number;
      y: number;
      props: { w: number; h: number };
    }>('tldraw');
    return [...records.values()]
      .filter((r) => r.type === 'qi-diagram')
      .map((r) => ({ id: r.id, x: r.x, y: r.y, w: r.props.w, h: r.props.h }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  });
}

type Rect = { x: number; y: number; w: number; h: number };

function intersect(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function overlappingPairs(rects: readonly (Rect & { id: string })[]): string[] {
  const found: string[] = [];
  rects.forEach((a, i) =>
    rects.slice(i + 1).forEach((b) => {
      if (intersect(a, b)) found.push(`${a.id} ∩ ${b.id}`);
    }),
  );
  return found;
}

describe('diagrams on a shared canvas', () => {
  let asha: Page;
  let ben: Page;

  beforeAll(async () => {
    const board = await createBoard(server, 'Theatre delays');
    [asha, ben] = await Promise.all([person('Asha'), person('Ben')]);
    await Promise.all([openBoard(asha, board.id), openBoard(ben, board.id)]);
    await Promise.all([waitForStatus(asha, 'connected'), waitForStatus(ben, 'connected')]);
  });

  it('places diagrams added at the same moment by two people apart', async () => {
    await addFishbone(asha, 'First patient on the list starts late');
    await expect.poll(() => diagramRects(ben).then((r) => r.length)).toBe(1);
    // Both add a diagram in the same view before either sees the other's: Ben is off the
    // network for a moment, so both place their diagram on the same free spot.
    await ben.context().setOffline(true);
    await waitForStatus(ben, 'offline');
    await Promise.all([
      addFishbone(asha, 'Theatre lists overrun'),
      addFishbone(ben, 'Patients not ready for theatre'),
    ]);
    await ben.context().setOffline(false);
    await waitForStatus(ben, 'connected');
    for (const page of [asha, ben]) {
      await expect
        .poll(async () => {
          const rects = await diagramRects(page);
          return rects.length === 3 ? overlappingPairs(rects) : [`only ${rects.length}`];
        })
        .toEqual([]);
    }
    // Both browsers end with the same positions.
    await expect.poll(async () => diagramRects(ben)).toEqual(await diagramRects(asha));
    await asha.evaluate(() => {
      window.qiEditor!.zoomToFit({ animation: { duration: 0 } });
    });
    await asha.screenshot({ path: join(SHOTS, 'diagrams-placed-apart.png') });
  });

  it('keeps a fishbone’s boxes apart, their words whole and the badge clear of the text', async () => {
    const problem = 'First patient on the list starts late';
    await asha.evaluate((problem) => {
      const diagrams = window.qiDiagrams!;
      const diagram = diagrams.list.find((d) => d.root.text === problem)!;
      const bones = diagram.root.children;
      const texts = [
        'Porters',
        'PORTERS',
        'Porters not told the patient is ready to go to theatre',
        'No porter rostered before 08:00 on weekdays',
        'Anaesthetist reviewing the list in the anaesthetic room',
        'Consent form unsigned',
        'Surgeon in clinic until 08:30',
      ];
      diagrams.edit((board, origin) => {
        for (const [i, bone] of bones.entries()) {
          for (const [k, text] of texts.slice(0, 3 + i).entries()) {
            board.addNode(
              {
                diagramId: diagram.id,
                parentId: bone.id,
                text,
                authorId: 'asha',
                perspective: k % 2 === 0 ? 'patient' : 'staff:porter',
              },
              origin,
            );
          }
        }
      });
    }, problem);
    await asha.locator('.qi-node', { hasText: 'No porter rostered' }).first().waitFor();
    // The first diagram grew onto the two under it: they move clear, the same for both people.
    for (const page of [asha, ben]) {
      await expect.poll(async () => overlappingPairs(await diagramRects(page))).toEqual([]);
    }
    await expect.poll(async () => diagramRects(ben)).toEqual(await diagramRects(asha));
    const shape = asha.locator('.qi-diagram').filter({ hasText: problem });
    await asha.evaluate((problem) => {
      const editor = window.qiEditor!;
      const diagrams = window.qiDiagrams!;
      const id = diagrams.list.find((d) => d.root.text === problem)!.id;
      const bounds = editor.getShapePageBounds(`shape:qi-diagram-${id}` as never)!;
      editor.zoomToBounds(bounds, { targetZoom: 1, animation: { duration: 0 } });
    }, problem);

    const problems = await shape.evaluate((diagram) => {
      const found: string[] = [];
      const nodes = [...diagram.querySelectorAll<HTMLElement>('.qi-node')];
      const rects = nodes.map((n) => n.getBoundingClientRect());
      const inside = (inner: DOMRect, outer: DOMRect) =>
        inner.left >= outer.left - 0.5 &&
        inner.right <= outer.right + 0.5 &&
        inner.top >= outer.top - 0.5 &&
        inner.bottom <= outer.bottom + 0.5;
      const meets = (a: DOMRect, b: DOMRect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      nodes.forEach((node, i) => {
        const text = node.querySelector<HTMLElement>('.qi-node-text');
        if (!text) return;
        const label = text.textContent ?? '';
        const range = document.createRange();
        range.selectNodeContents(text);
        const lines = [...range.getClientRects()];
        if (lines.some((line) => !inside(line, rects[i]!))) found.push(`text outside: ${label}`);
        // Every word is drawn on one line: a word split over two lines has two rects.
        for (const word of label.split(/\s+/).filter(Boolean)) {
          const at = label.indexOf(word);
          const wordRange = document.createRange();
          wordRange.setStart(text.firstChild!, at);
          wordRange.setEnd(text.firstChild!, at + word.length);
          const tops = new Set([...wordRange.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) found.push(`word broken: ${word}`);
        }
        const badge = node.querySelector<HTMLElement>('.qi-perspective');
        if (badge && lines.some((line) => meets(line, badge.getBoundingClientRect())))
          found.push(`badge on text: ${label}`);
        const fold = node.querySelector<HTMLElement>('.qi-fold');
        if (fold && lines.some((line) => meets(line, fold.getBoundingClientRect())))
          found.push(`fold button on text: ${label}`);
        rects.forEach((other, k) => {
          if (k > i && meets(rects[i]!, other)) found.push(`boxes meet: ${label}`);
        });
      });
      return found;
    });
    expect(problems).toEqual([]);
    await asha.screenshot({ path: join(SHOTS, 'fishbone-long-causes.png') });
    // Close up at 100%: the left-hand bones, where the longest causes are.
    await asha.evaluate((problem) => {
      const editor = window.qiEditor!;
      const id = window.qiDiagrams!.list.find((d) => d.root.text === problem)!.id;
      const bounds = editor.getShapePageBounds(`shape:qi-diagram-${id}` as never)!;
      editor.setCamera({ x: -bounds.x + 10, y: -bounds.y + 10, z: 1 }, { immediate: true });
    }, problem);
    await asha.screenshot({ path: join(SHOTS, 'fishbone-long-causes-100.png') });
    expect(await axeViolations(asha)).toEqual([]);
    expect(errors.flat()).toEqual([]);
  });
});
