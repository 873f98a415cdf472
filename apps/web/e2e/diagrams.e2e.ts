import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  axeViolations,
  chooseName,
  createBoard,
  joinBoard,
  launchBrowser,
  mintLink,
  newContext,
  openBoard,
  stopAll,
  startServer,
  waitForStatus,
  watchErrors,
  type RunningServer,
} from './harness';

/** Diagrams on the shared canvas and in the outline twin, with two people at once. */

const SHOTS = join(import.meta.dirname, '..', 'screenshots');

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(() => stopAll(contexts, browser, server));

async function person(name: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser, server);
  contexts.push(context);
  await chooseName(context, name);
  const page = await context.newPage();
  return { page, errors: watchErrors(page, name) };
}

/** The texts and parents of a diagram's nodes as this page's model sees them. */
function nodesOf(page: Page) {
  return page.evaluate(() => {
    const [diagram] = [...(window.qiDiagrams?.diagrams.values() ?? [])];
    return (diagram?.nodes ?? []).map((n) => ({ id: n.id, text: n.text, parentId: n.parentId }));
  });
}

/** Where each box of the first diagram is drawn on the canvas (id → CSS transform and size). */
function boxesOf(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.qi-diagram .qi-node')]
      .map(
        (el) => `${el.dataset.nodeId} ${el.style.transform} ${el.style.width} ${el.style.height}`,
      )
      .sort(),
  );
}

/** Waits until a node with this text is in the page's model. */
async function waitForNode(page: Page, text: string, present = true): Promise<void> {
  await page.waitForFunction(
    ({ text, present }) => {
      const diagrams = [...(window.qiDiagrams?.diagrams.values() ?? [])];
      return diagrams.some((d) => d.nodes.some((n) => n.text === text)) === present;
    },
    { text, present },
  );
}

async function openOutline(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Outline', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByRole('complementary', { name: 'Outline' }).getByRole('tree').first().waitFor();
}

/** Presses Tab until the focused element matches, failing after `limit` presses. */
async function tabTo(page: Page, matches: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((selector) => document.activeElement?.matches(selector), matches))
      return;
  }
  throw new Error(`Tab never reached ${matches}`);
}

describe('a fishbone built by two people', () => {
  let asha: Page;
  let ben: Page;
  const errors: string[][] = [];

  beforeAll(async () => {
    const board = await createBoard(server, 'Discharge delays');
    const [a, b] = await Promise.all([person('Asha'), person('Ben')]);
    [asha, ben] = [a.page, b.page];
    errors.push(a.errors, b.errors);
    await Promise.all([openBoard(asha, board.id), openBoard(ben, board.id)]);
    await Promise.all([waitForStatus(asha, 'connected'), waitForStatus(ben, 'connected')]);
  });

  it('shows a fishbone made from the gallery to both, asking for the problem', async () => {
    await asha.getByRole('button', { name: 'Add diagram' }).click();
    const dialog = asha.getByRole('dialog', { name: 'Add a diagram' });
    await dialog.getByText('Fishbone: four bones').click();
    await dialog.getByLabel('What is the problem?').fill('Patients wait too long to go home');
    await dialog.getByRole('button', { name: 'Add diagram' }).click();
    await asha.locator('.qi-diagram').waitFor();
    await ben.locator('.qi-diagram').waitFor();
    await waitForNode(ben, 'Patients wait too long to go home');
  });

  it('adds causes and categories from both sides, in the same layout for both', async () => {
    // Asha on the canvas: click a category, Tab adds a cause under it.
    await asha.locator('.qi-node', { hasText: 'Equipment' }).click();
    const field = asha.locator('.qi-node-edit');
    await field.press('Tab');
    await asha.locator('.qi-node-edit').fill('Broken hoist');
    await asha.locator('.qi-node-edit').press('Escape');

    // Ben in the outline: on the problem, Enter to write, Tab adds a category under it.
    await openOutline(ben);
    const tree = ben.getByRole('tree').first();
    await tree
      .getByRole('treeitem', { name: /^effect/ })
      .locator('.row')
      .click();
    await ben.keyboard.press('Enter');
    await ben.keyboard.press('Tab');
    await ben.keyboard.type('Staffing');
    await ben.keyboard.press('Escape');

    for (const page of [asha, ben]) {
      await waitForNode(page, 'Broken hoist');
      await waitForNode(page, 'Staffing');
    }
    await ben.getByRole('treeitem', { name: 'cause, ‘Broken hoist’' }).waitFor();
    const item = ben.getByRole('treeitem', { name: 'category, ‘Staffing’' });
    expect(await item.getAttribute('aria-level')).toBe('2');
    expect(await item.getAttribute('aria-posinset')).toBe('5');
    expect(await item.getAttribute('aria-setsize')).toBe('5');

    // Same model, same layout: every box at the same place on both canvases.
    await expect
      .poll(async () => JSON.stringify(await boxesOf(asha)), { timeout: 10_000 })
      .toBe(JSON.stringify(await boxesOf(ben)));
    expect((await boxesOf(asha)).length).toBe(7);
  });

  it('shows a move by one to the other, and tells the other politely', async () => {
    const hoist = ben.getByRole('treeitem', { name: 'cause, ‘Broken hoist’' });
    await hoist.click();
    await ben.keyboard.press('Alt+ArrowDown');
    const environment = (await nodesOf(ben)).find((n) => n.text === 'Environment')!;
    await asha.waitForFunction(
      (parentId) =>
        [...window.qiDiagrams!.diagrams.values()][0]!.nodes.some(
          (n) => n.text === 'Broken hoist' && n.parentId === parentId,
        ),
      environment.id,
    );
    await openOutline(asha);
    await asha
      .getByTestId('outline-live')
      .filter({ hasText: 'Moved cause ‘Broken hoist’ under ‘Environment’' })
      .waitFor();
  });

  it('undoes only your own work, never the other person’s', async () => {
    // Asha takes back her cause (its text, then the cause): Ben's category stays for both.
    const tree = asha.getByRole('tree').first();
    await tree
      .getByRole('treeitem', { name: /^effect/ })
      .locator('.row')
      .click();
    await asha.keyboard.press('Control+z');
    await waitForNode(ben, 'Broken hoist', false);
    await asha.keyboard.press('Control+z');
    await ben.waitForFunction(() =>
      [...window.qiDiagrams!.diagrams.values()][0]!.nodes.every((n) => n.text !== ''),
    );
    await waitForNode(asha, 'Broken hoist', false);
    const texts = (await nodesOf(ben)).map((n) => n.text);
    expect(texts).toContain('Staffing');
    expect(texts).toHaveLength(6);
    expect((await nodesOf(asha)).map((n) => n.text)).toEqual(texts);
  });

  it('saves the fishbone as Markdown and the board as SVG, markup kept as text', async () => {
    // Ben writes a cause containing markup, from the outline.
    const tree = ben.getByRole('tree').first();
    await tree.getByRole('treeitem', { name: 'category, ‘Staffing’' }).locator('.row').click();
    await ben.keyboard.press('Enter');
    await ben.keyboard.press('Tab');
    await ben.keyboard.type('<img src=x onerror=alert(1)> rota gaps');
    await ben.keyboard.press('Escape');
    await waitForNode(asha, '<img src=x onerror=alert(1)> rota gaps');
    expect(await asha.locator('.qi-diagram img').count()).toBe(0);

    const panel = asha.getByRole('complementary', { name: 'Outline' });
    await panel.getByText('Save a copy or delete').click();
    const [download] = await Promise.all([
      asha.waitForEvent('download'),
      panel.getByRole('button', { name: 'Text (Markdown)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('patients-wait-too-long-to-go-home.md');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const markdown = Buffer.concat(chunks).toString('utf8');
    expect(markdown).toContain('# Fishbone: Patients wait too long to go home');
    expect(markdown).toContain('- Category: Staffing');
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt; rota gaps');

    // The whole board through tldraw's export: diagrams are drawn by their own SVG.
    const svg = await asha.evaluate(async () => {
      const editor = window.qiEditor!;
      const result = await editor.getSvgString([...editor.getCurrentPageShapeIds()]);
      return result?.svg ?? '';
    });
    expect(svg).toContain('Staffing');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).not.toMatch(/<img\b/);
  });

  it('moves a cause to another category by dragging it on the canvas', async () => {
    await asha.getByRole('button', { name: 'Outline', exact: true }).click();
    await asha.locator('#outline-panel').waitFor({ state: 'hidden' });
    await asha.evaluate(() => window.qiEditor!.zoomToFit({ animation: { duration: 0 } }));
    const cause = asha.locator('.qi-node', { hasText: 'rota gaps' });
    const from = (await cause.boundingBox())!;
    const to = (await asha.locator('.qi-node', { hasText: 'People' }).boundingBox())!;
    await asha.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await asha.mouse.down();
    await asha.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await asha.locator('.qi-node.qi-drop-target', { hasText: 'People' }).waitFor();
    await asha.mouse.up();
    const people = (await nodesOf(asha)).find((n) => n.text === 'People')!;
    await ben.waitForFunction(
      (parentId) =>
        [...window.qiDiagrams!.diagrams.values()][0]!.nodes.some(
          (n) => n.text.endsWith('rota gaps') && n.parentId === parentId,
        ),
      people.id,
    );
    // A drag is not a click: the box was not opened for writing.
    expect(await asha.locator('.qi-node-edit').count()).toBe(0);
  });

  it('adds a diagram saved as a file (Data (JSON)) as a new diagram both see', async () => {
    await openOutline(asha);
    const panel = asha.getByRole('complementary', { name: 'Outline' });
    const exporter = panel.locator('details.export').first();
    if ((await exporter.getAttribute('open')) === null) await exporter.locator('summary').click();
    const [download] = await Promise.all([
      asha.waitForEvent('download'),
      exporter.getByRole('button', { name: 'Data (JSON)' }).click(),
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const saved = Buffer.concat(chunks);

    await asha.getByRole('button', { name: 'Add diagram', exact: true }).click();
    const dialog = asha.getByRole('dialog', { name: 'Add a diagram' });
    const file = dialog.getByLabel('Diagram file');
    // Something that is no diagram is refused, saying why.
    await file.setInputFiles({
      name: 'notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('- shopping'),
    });
    await dialog
      .getByRole('alert')
      .getByText(/could not be read as a diagram: .*line 1/)
      .waitFor();
    await file.setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/json',
      buffer: saved,
    });
    const found = dialog.getByTestId('diagram-file-found');
    await found.getByText('Fishbone: ‘Patients wait too long to go home’').waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await axeViolations(asha)).toEqual([]);
    await dialog
      .getByRole('heading', { name: 'Or add a diagram you saved' })
      .scrollIntoViewIfNeeded();
    await asha.screenshot({ path: join(SHOTS, 'add-diagram-from-file.png') });
    // From the keyboard: the next Tab stop after the file field is the Add button.
    await file.focus();
    await asha.keyboard.press('Tab');
    const add = found.getByRole('button', { name: 'Add this diagram' });
    expect(await add.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await add.evaluate((b) => getComputedStyle(b).outlineStyle)).not.toBe('none');
    await asha.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await ben.waitForFunction(() => {
      const diagrams = [...(window.qiDiagrams?.diagrams.values() ?? [])];
      return (
        diagrams.length === 2 &&
        diagrams.every((d) =>
          d.nodes.some((n) => n.text === '<img src=x onerror=alert(1)> rota gaps'),
        )
      );
    });
    await ben.locator('.qi-diagram').nth(1).waitFor();
  });

  it('ran without page errors', () => {
    expect(errors.flat()).toEqual([]);
  });
});

describe('a new board from the gallery', () => {
  it('names the board after the problem, opens with the fishbone and saves it as a picture', async () => {
    const { page, errors } = await person('Sam');
    await page.goto('/');
    await page.getByText('Fishbone: the 6 Ms').click();
    await page.getByLabel('What is the problem?').fill('Late antibiotics in sepsis');
    await page.getByRole('button', { name: 'New board' }).click();
    await page.locator('.qi-diagram .qi-node', { hasText: 'Late antibiotics in sepsis' }).waitFor();
    await expect
      .poll(() => page.getByLabel('Board title').inputValue())
      .toBe('Late antibiotics in sepsis');

    await openOutline(page);
    const panel = page.getByRole('complementary', { name: 'Outline' });
    await panel.getByText('Save a copy or delete').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Picture (PNG)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('late-antibiotics-in-sepsis.png');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const png = Buffer.concat(chunks);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
    expect(errors).toEqual([]);
  });
});

describe('keyboard only, through the outline', () => {
  let page: Page;

  beforeAll(async () => {
    const board = await createBoard(server, 'Falls on Ward 7');
    page = (await person('Kim')).page;
    await openBoard(page, board.id);
    await waitForStatus(page, 'connected');
  });

  it('creates a driver diagram’s aim, two primary drivers and a change idea', async () => {
    await page.locator('body').focus();
    await tabTo(page, 'button.button.small'); // Add diagram
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add a diagram' });
    await dialog.waitFor();
    await tabTo(page, 'input[type="radio"]');
    // Arrow keys choose within the radio group: the blank driver diagram comes after three fishbones.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      'driver-blank',
    );
    await tabTo(page, '#add-aim-what');
    await page.keyboard.type('Fewer falls with harm');
    await page.keyboard.press('Tab');
    await page.keyboard.type('a lot');
    await page.keyboard.press('Tab');
    await page.keyboard.type('for patients on Ward 7');
    await page.keyboard.press('Tab');
    await page.keyboard.type('soon');
    await dialog.getByText('Add a number to “how much”').waitFor();
    await dialog.getByText('Add a date to “by when”').waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('by 30%');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('by March 2027');
    await expect.poll(() => dialog.locator('.hints').count()).toBe(0);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    await tabTo(page, 'button[aria-controls="outline-panel"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[role="treeitem"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'aim, ‘Fewer falls with harm by 30% for patients on Ward 7 by March 2027’',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Safe environment');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Staff know who is at risk');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Risk assessed on admission');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Falls checklist at handover');
    await page.keyboard.press('Escape');

    await expect
      .poll(() =>
        page.evaluate(() =>
          [...window.qiDiagrams!.diagrams.values()][0]!.nodes.map((n) => `${n.kind}:${n.text}`),
        ),
      )
      .toEqual([
        'aim:Fewer falls with harm by 30% for patients on Ward 7 by March 2027',
        'primary:Safe environment',
        'primary:Staff know who is at risk',
        'secondary:Risk assessed on admission',
        'change:Falls checklist at handover',
      ]);
    // Focus stays in the tree, on the change idea, which is announced with its place.
    const focused = page.locator(':focus');
    expect(await focused.getAttribute('aria-label')).toBe(
      'change idea, ‘Falls checklist at handover’',
    );
    expect(await focused.getAttribute('aria-level')).toBe('4');
    const aim = await page.evaluate(() => [...window.qiDiagrams!.diagrams.values()][0]!.aim);
    expect(aim).toEqual({
      what: 'Fewer falls with harm',
      howMuch: 'by 30%',
      forWhom: 'for patients on Ward 7',
      byWhen: 'by March 2027',
    });
  });

  it('adds a measure from the outline, drawn in the measures band', async () => {
    const panel = page.getByRole('complementary', { name: 'Outline' });
    await panel.getByText('Measures and links').click();
    await panel.getByLabel('Name').fill('Falls with harm per 1,000 bed days');
    await panel
      .getByLabel('What is counted, how and how often')
      .fill('From incident reports, monthly');
    await panel.getByRole('button', { name: 'Add measure' }).click();
    await page
      .locator('.qi-node[data-kind="measure"]', { hasText: 'Falls with harm per 1,000 bed days' })
      .waitFor();
  });

  it('turns a sticky note dropped onto a primary driver into a secondary driver under it', async () => {
    const target = (await page.locator('.qi-node', { hasText: 'Safe environment' }).boundingBox())!;
    const start = await page.evaluate(() => {
      const editor = window.qiEditor!;
      const view = editor.getViewportPageBounds();
      editor.createShape({
        id: 'shape:dropped-note' as never,
        type: 'note',
        x: view.minX + 20,
        y: view.maxY - 260,
        props: {
          richText: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hourly rounding' }] }],
          },
        },
      });
      const bounds = editor.getShapePageBounds('shape:dropped-note' as never)!;
      return editor.pageToScreen(bounds.center);
    });
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    const end = { x: target.x + target.width / 2, y: target.y + target.height / 2 };
    await page.mouse.move(end.x, end.y, { steps: 12 });
    await page.mouse.up();
    await page.waitForFunction(() => {
      const d = [...window.qiDiagrams!.diagrams.values()][0]!;
      const parent = d.nodes.find((n) => n.text === 'Safe environment');
      return d.nodes.some(
        (n) => n.text === 'Hourly rounding' && n.kind === 'secondary' && n.parentId === parent?.id,
      );
    });
    expect(
      await page.evaluate(() => window.qiEditor!.getShape('shape:dropped-note' as never)),
    ).toBe(undefined);
  });

  it('has no axe violations on the board page with the outline open, then closed', async () => {
    await page.locator('.qi-diagram').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Outline', exact: true }).click();
    await page.locator('#outline-panel').waitFor({ state: 'hidden' });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('has no axe violations on the outline page', async () => {
    await page.goto(page.url() + '/outline');
    await page.getByRole('tree').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('a frozen diagram’s box on the canvas', () => {
  it('stays when a participant deletes or undoes it, saying why; they still move it; the facilitator may delete it', async () => {
    const board = await createBoard(server, 'Frozen box');
    const staffUrl = await mintLink(server, board.id, 'contributor');
    const [fran, sam] = await Promise.all([person('Fran'), person('Sam')]);
    const [facilitator, staff] = [fran.page, sam.page];
    await joinBoard(facilitator, board.facilitatorUrl, 'Fran');
    await joinBoard(staff, staffUrl, 'Sam');
    // Sam makes the diagram: placing its box is a step of Sam's own undo history.
    const diagramId = await staff.evaluate(() =>
      window.qiDiagrams!.edit((b, origin) => {
        const who = { authorId: 'sam', perspective: 'staff:' as const };
        return b.addDiagram({ kind: 'fishbone', text: 'Falls', ...who }, origin).diagramId;
      })!,
    );
    const shapeId = `shape:qi-diagram-${diagramId}`;
    const box = `.qi-diagram[data-diagram-id="${diagramId}"]`;
    await facilitator.locator(box).waitFor();
    await staff.waitForFunction(() => window.qiDiagrams!.undoManager.undoStack.length === 2);
    await facilitator.getByRole('button', { name: 'Freeze the structure of Falls' }).click();
    await staff
      .locator(box)
      .getByText('The facilitator has frozen this diagram’s structure')
      .waitFor();

    // Undoing the box's placement would delete it: refused here, before anything is sent, and
    // a toast on the canvas says why.
    await staff.evaluate(() => window.qiEditor!.focus());
    await staff.keyboard.press('Control+z');
    await staff.locator('.tlui-toast__title', { hasText: 'cannot be undone' }).waitFor();
    expect(await staff.evaluate(() => window.qiDiagrams!.undoManager.undoStack.length)).toBe(2);

    // Sam selects the box and presses Delete: it stays, and its status line says why.
    await staff.evaluate((id) => {
      window.qiEditor!.select(id as never);
      window.qiEditor!.focus();
    }, shapeId);
    await staff.keyboard.press('Delete');
    const status = staff.locator(`${box} .qi-diagram-message[role="status"]`);
    await status.getByText('This diagram stays on the canvas').waitFor();
    expect(await status.textContent()).toContain('You can still move it');
    expect(
      await staff.evaluate((id) => window.qiEditor!.getShape(id as never) !== undefined, shapeId),
    ).toBe(true);

    // Duplicating the box (tldraw's Duplicate) makes no second box of the same diagram; it says
    // how to copy one instead.
    await staff.evaluate((id) => window.qiEditor!.duplicateShapes([id as never]), shapeId);
    const toast = staff.locator('.tlui-toast__title', {
      hasText: 'A diagram is on the board once.',
    });
    await toast.waitFor();
    // The toast slides in: shot once it stands still.
    let last = -1;
    await expect
      .poll(async () => {
        const x = (await toast.boundingBox())?.x ?? -1;
        const still = x === last;
        last = x;
        return still;
      })
      .toBe(true);
    await staff.screenshot({ path: join(SHOTS, 'diagrams-copy-box-toast.png') });
    expect(
      await staff.evaluate(
        () => window.qiEditor!.getCurrentPageShapes().filter((s) => s.type === 'qi-diagram').length,
      ),
    ).toBe(1);

    // Moving it still goes through, and nothing was refused: Sam is still connected.
    const x = await staff.evaluate((id) => {
      const shape = window.qiEditor!.getShape(id as never)!;
      window.qiEditor!.updateShape({ id: shape.id, type: shape.type, x: shape.x + 160 });
      return shape.x + 160;
    }, shapeId);
    await facilitator.waitForFunction(
      ({ id, x }) => window.qiEditor!.getShape(id as never)?.x === x,
      { id: shapeId, x },
    );
    expect(await staff.locator('[role="status"][data-status="connected"]').count()).toBe(1);

    // The facilitator is never frozen out.
    await facilitator.evaluate((id) => window.qiEditor!.deleteShapes([id as never]), shapeId);
    await staff.locator(box).waitFor({ state: 'detached' });
    expect(await facilitator.locator('[role="status"][data-status="connected"]').count()).toBe(1);
    expect([...fran.errors, ...sam.errors]).toEqual([]);
  });
});
