import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createBoard,
  launchBrowser,
  newContext,
  openBoard,
  stopAll,
  startServer,
  waitForStatus,
  type RunningServer,
} from '../e2e/harness';

/**
 * How long a 300-node driver diagram takes to lay out and draw on one person's canvas after
 * someone else changes it. "Apply → drawn" runs from the moment the remote update is applied to
 * the model in the watching tab until the changed box is in the DOM and a frame has been
 * painted; "edit → drawn" adds the trip through the server. Prints medians and 95th percentiles.
 */

const NODES = 300;
const ROUNDS = 40;

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(() => stopAll(contexts, browser, server));

async function openAs(boardId: string): Promise<Page> {
  const context = await newContext(browser, server);
  contexts.push(context);
  const page = await context.newPage();
  await openBoard(page, boardId);
  await waitForStatus(page, 'connected');
  return page;
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (n=${values.length})`;
}

it(`lays out and draws a ${NODES}-node driver diagram after a remote change`, async () => {
  const board = await createBoard(server, 'Rendering benchmark');
  const editor = await openAs(board.id);
  const watcher = await openAs(board.id);

  // The watcher times when the remote update lands in its model and when it is drawn.
  await watcher.evaluate(() => {
    const w = window as unknown as { benchApplied: number[] };
    w.benchApplied = [];
    window.qiDiagrams!.subscribe((local) => {
      if (!local) w.benchApplied.push(performance.now());
    });
  });

  const firstStart = Date.now();
  const diagramId = await editor.evaluate((count) => {
    const diagrams = window.qiDiagrams!;
    const author = diagrams.author;
    return diagrams.edit((board, origin) => {
      const { diagramId, rootId } = board.addDiagram(
        { kind: 'driver', text: 'Fewer falls with harm by 30% by March 2027', ...author },
        origin,
      );
      let made = 1;
      const add = (parentId: string, text: string) => {
        made++;
        return board.addNode({ diagramId, parentId, text, ...author }, origin);
      };
      const primaries = Array.from({ length: 5 }, (_, p) => add(rootId, `Primary driver ${p + 1}`));
      const secondaries = primaries.flatMap((primary, p) =>
        Array.from({ length: 6 }, (_, s) => add(primary, `Secondary driver ${p + 1}.${s + 1}`)),
      );
      for (let i = 0; made < count; i++) {
        const parent = secondaries[i % secondaries.length]!;
        add(parent, `Change idea ${i + 1}: a small test of change on the ward`);
      }
      return diagramId;
    });
  }, NODES);
  await watcher.waitForFunction(
    (count) => document.querySelectorAll('.qi-diagram .qi-node').length >= count,
    NODES,
    { timeout: 60_000 },
  );
  const firstDraw = Date.now() - firstStart;

  const applyToDrawn: number[] = [];
  const editToDrawn: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const text = `Bench change ${round}`;
    const drawn = watcher.evaluate((text) => {
      return new Promise<{ drawnAt: number; drawnWall: number }>((resolve) => {
        const check = () => {
          const found = [...document.querySelectorAll('.qi-diagram .qi-node-text')].some(
            (el) => el.textContent === text,
          );
          if (!found) return requestAnimationFrame(check);
          // One more frame: the layout has been painted.
          requestAnimationFrame(() =>
            resolve({ drawnAt: performance.now(), drawnWall: Date.now() }),
          );
        };
        check();
      });
    }, text);
    const sentWall = await editor.evaluate(
      ({ diagramId, text, round }) => {
        const diagrams = window.qiDiagrams!;
        const snapshot = diagrams.diagrams.get(diagramId)!;
        const secondaries = snapshot.nodes.filter((n) => n.kind === 'secondary');
        const parent = secondaries[(round * 7) % secondaries.length]!;
        const at = Date.now();
        diagrams.edit((board, origin) =>
          board.addNode(
            { diagramId, parentId: parent.id, text, after: null, ...diagrams.author },
            origin,
          ),
        );
        return at;
      },
      { diagramId, text, round },
    );
    const { drawnAt, drawnWall } = await drawn;
    const appliedAt = await watcher.evaluate(() =>
      (window as unknown as { benchApplied: number[] }).benchApplied.at(-1)!,
    );
    applyToDrawn.push(drawnAt - appliedAt);
    editToDrawn.push(drawnWall - sentWall);
  }

  const nodes = await watcher.evaluate(
    () => document.querySelectorAll('.qi-diagram .qi-node').length,
  );
  console.log(
    [
      `Driver diagram rendering, ${nodes} boxes on the watching canvas:`,
      `  first draw of ${NODES} nodes from a remote insert: ${firstDraw} ms`,
      `  remote change, apply → drawn: ${summary(applyToDrawn)}`,
      `  remote change, edit → drawn (through the server): ${summary(editToDrawn)}`,
    ].join('\n'),
  );
  expect(nodes).toBeGreaterThanOrEqual(NODES + ROUNDS);
});
