import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ANONYMOUS_AUTHOR_ID } from '@qi/model';
import {
  axeViolations as violations,
  createBoard,
  joinBoard,
  launchBrowser,
  mintLink,
  newContext,
  startServer,
  stopAll,
  watchErrors,
  type RunningServer,
} from './harness';

/**
 * Silent brainstorming, dot voting and the equal-voice panel (issue 7) with a facilitator, a
 * patient partner and a member of staff on one board: private ideas stay in each browser until
 * the reveal, ballots stay secret until the close, results rank and split by perspective.
 */
const SHOTS = join(import.meta.dirname, '..', 'screenshots');

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[][] = [];

let fran: Page;
let pat: Page;
let sam: Page;
let diagramId: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const board = await createBoard(server, 'Discharge delays workshop');
  const [staffUrl, patientUrl] = await Promise.all([
    mintLink(server, board.id, 'contributor'),
    mintLink(server, board.id, 'patient'),
  ]);
  [fran, pat, sam] = await Promise.all([newPerson('fran'), newPerson('pat'), newPerson('sam')]);
  await joinBoard(fran, board.facilitatorUrl, 'Fran');
  diagramId = await fran.evaluate(() =>
    window.qiDiagrams!.edit((b, origin) => {
      const who = { authorId: 'fran', perspective: 'staff:' as const };
      const made = b.addDiagram({ kind: 'fishbone', text: 'Late discharge', ...who }, origin);
      const staffing = b.addNode(
        { ...made, parentId: made.rootId, text: 'Staffing', ...who },
        origin,
      );
      b.addNode({ ...made, parentId: made.rootId, text: 'Place', ...who }, origin);
      b.addNode({ ...made, parentId: staffing, text: 'Too few nurses at night', ...who }, origin);
      return made.diagramId;
    }),
  );
  await Promise.all([joinBoard(pat, patientUrl, 'Pat'), joinBoard(sam, staffUrl, 'Sam')]);
  for (const page of [pat, sam]) await waitForText(page, 'Too few nurses at night');
});

afterAll(async () => {
  await stopAll(contexts, browser, server);
  // A progress poll already on its way when the facilitator revealed or closed may meet a 404
  // (the round or vote has ended); the page ignores it, chromium still logs it.
  const unexpected = errors.flat().filter((e) => !/status of 404/.test(e));
  expect(unexpected).toEqual([]);
});

async function newPerson(who: string): Promise<Page> {
  const context = await newContext(browser, server);
  contexts.push(context);
  const page = await context.newPage();
  errors.push(watchErrors(page, who));
  return page;
}

/** Texts of the diagram's nodes in this page's copy of the board. */
function nodeTexts(page: Page): Promise<string[]> {
  return page.evaluate(
    (id) => window.qiDiagrams!.diagrams.get(id)?.nodes.map((n) => n.text) ?? [],
    diagramId,
  );
}

function waitForText(page: Page, text: string): Promise<unknown> {
  return page.waitForFunction(
    ({ id, text }) => window.qiDiagrams?.diagrams.get(id)?.nodes.some((n) => n.text === text),
    { id: diagramId, text },
  );
}

function authorOf(page: Page, text: string): Promise<string | undefined> {
  return page.evaluate(
    ({ id, text }) =>
      window.qiDiagrams!.diagrams.get(id)?.nodes.find((n) => n.text === text)?.authorId,
    { id: diagramId, text },
  );
}

/**
 * Where a dot control or total (`selector`) on this page's canvas leaves its own box or meets
 * another box, a fold button, a perspective badge or any box's text; [] when none does.
 */
function voteControlClashes(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    ({ id, selector }) => {
      const diagram = document.querySelector(`.qi-diagram[data-diagram-id="${id}"]`);
      const marks = [...(diagram?.querySelectorAll<HTMLElement>(selector) ?? [])];
      if (!diagram || marks.length === 0) return ['no vote controls on the canvas'];
      const meet = (a: DOMRect, b: DOMRect) =>
        a.left < b.right - 0.5 &&
        b.left < a.right - 0.5 &&
        a.top < b.bottom - 0.5 &&
        b.top < a.bottom - 0.5;
      const inside = (a: DOMRect, b: DOMRect) =>
        a.left >= b.left - 0.5 &&
        a.right <= b.right + 0.5 &&
        a.top >= b.top - 0.5 &&
        a.bottom <= b.bottom + 0.5;
      const clashes: string[] = [];
      for (const mark of marks) {
        const at = mark.getBoundingClientRect();
        const own = mark.dataset.voteFor;
        for (const node of diagram.querySelectorAll<HTMLElement>('.qi-node')) {
          const box = node.getBoundingClientRect();
          const name = node.querySelector('.qi-node-text')?.textContent;
          if (node.dataset.nodeId === own) {
            if (!inside(at, box)) clashes.push(`${own}: outside its box ${name}`);
          } else if (meet(at, box)) clashes.push(`${own} meets box ${name}`);
        }
        for (const part of diagram.querySelectorAll('.qi-fold, .qi-perspective, .qi-node-text')) {
          if (meet(at, part.getBoundingClientRect()))
            clashes.push(`${own} meets ${part.className} ${part.textContent}`);
        }
      }
      return clashes;
    },
    { id: diagramId, selector },
  );
}

const controls = () => fran.getByTestId('workshop-controls');

async function addIdea(page: Page, text: string, under?: string): Promise<void> {
  const banner = page.getByTestId('round-banner');
  if (under) await banner.getByLabel('Put it under').selectOption({ label: under });
  await banner.getByLabel('Your idea').fill(text);
  await banner.getByRole('button', { name: 'Add idea' }).click();
  await banner.getByRole('list', { name: 'Your private ideas' }).getByText(text).waitFor();
}

describe('workshop: silent brainstorm, dot vote, equal voice', () => {
  it('keeps ideas private until the reveal, then shows everyone all of them', async () => {
    await controls().getByLabel('Ideas go under').selectOption({ label: 'Staffing' });
    await controls().getByRole('button', { name: 'Start silent brainstorm' }).click();
    const banner = pat.getByTestId('round-banner');
    await banner
      .getByRole('heading', {
        name: 'Silent brainstorm: your ideas are private until the facilitator reveals them',
      })
      .waitFor();

    // Pat writes on the board page; Sam in the outline page (keyboard and screen-reader users).
    await addIdea(pat, 'Nobody explains my tablets', 'Too few nurses at night');
    // Change and delete one's own idea from the keyboard; the focus stays in the banner.
    await addIdea(pat, 'Leaflet too small', 'Staffing');
    await banner.getByRole('button', { name: 'Change ‘Leaflet too small’' }).focus();
    await pat.keyboard.press('Enter');
    await banner.getByLabel('Change your idea').fill('Leaflet print too small');
    await pat.keyboard.press('Enter');
    const changed = banner.getByRole('button', { name: 'Change ‘Leaflet print too small’' });
    await expect.poll(() => changed.evaluate((b) => b === document.activeElement)).toBe(true);
    await banner.getByRole('button', { name: 'Delete ‘Leaflet print too small’' }).click();
    await banner.getByText('Leaflet print too small').waitFor({ state: 'detached' });
    await expect
      .poll(() => banner.getByLabel('Your idea').evaluate((f) => f === document.activeElement))
      .toBe(true);
    await banner.getByRole('heading', { name: 'Your private ideas (1)' }).waitFor();
    const samOutline = await sam.context().newPage();
    await samOutline.goto(new URL(sam.url()).pathname + '/outline');
    await samOutline.getByTestId('round-banner').waitFor();
    await samOutline.getByTestId('round-banner').getByLabel('Your idea').focus();
    await samOutline.keyboard.type('Pharmacy closes at 5pm');
    await samOutline.keyboard.press('Enter');
    await samOutline
      .getByRole('list', { name: 'Your private ideas' })
      .getByText('Pharmacy')
      .waitFor();
    expect(await violations(samOutline)).toEqual([]);
    await samOutline.screenshot({
      path: join(SHOTS, 'workshop-round-outline.png'),
      fullPage: true,
    });
    await samOutline.close();

    // The facilitator sees counts only; nobody sees anyone else's text.
    await controls().getByTestId('round-total').getByText('2', { exact: true }).waitFor();
    await controls()
      .getByRole('list', { name: 'Ideas per person' })
      .getByText('Pat (patient or carer)')
      .waitFor();
    for (const [page, hidden] of [
      [fran, ['Nobody explains my tablets', 'Pharmacy closes at 5pm']],
      [pat, ['Pharmacy closes at 5pm']],
      [sam, ['Nobody explains my tablets']],
    ] as const) {
      const html = await page.content();
      for (const text of hidden) expect(html).not.toContain(text);
      expect(await nodeTexts(page)).not.toContain(hidden[0]);
    }
    expect(await violations(pat)).toEqual([]);
    expect(await violations(fran)).toEqual([]);
    await pat.screenshot({ path: join(SHOTS, 'workshop-round-patient.png') });
    await controls().screenshot({ path: join(SHOTS, 'workshop-facilitator-round.png') });

    const revealAt = Date.now();
    await controls().getByRole('button', { name: 'Reveal ideas' }).click();
    await Promise.all(
      [fran, pat, sam].map(async (page) => {
        await waitForText(page, 'Nobody explains my tablets');
        await waitForText(page, 'Pharmacy closes at 5pm');
      }),
    );
    console.log('reveal click to both ideas on all three pages (ms):', Date.now() - revealAt);
    for (const page of [fran, pat, sam]) {
      await page.getByTestId('round-banner').waitFor({ state: 'detached' });
    }
    await sam.locator('.tl-shapes').getByText('Nobody explains my tablets').waitFor();
    const patAuthor = await pat.evaluate(() => localStorage.getItem('qi-board:author'));
    expect(await authorOf(sam, 'Nobody explains my tablets')).toBe(patAuthor);
  });

  it('an anonymous round reveals ideas without their author', async () => {
    await controls()
      .getByLabel('Ideas go under')
      .selectOption({ label: 'Anywhere in the diagram' });
    await controls().getByLabel('Hide names when the ideas are revealed').check();
    await controls().getByRole('button', { name: 'Start silent brainstorm' }).click();
    await pat.getByTestId('round-banner').getByText('Names will not be shown').waitFor();
    await addIdea(pat, 'Signs to the discharge lounge are confusing', 'Place');
    await controls().getByTestId('round-total').getByText('1', { exact: true }).waitFor();
    await controls().getByRole('button', { name: 'Reveal ideas' }).click();
    await waitForText(fran, 'Signs to the discharge lounge are confusing');
    expect(await authorOf(fran, 'Signs to the discharge lounge are confusing')).toBe(
      ANONYMOUS_AUTHOR_ID,
    );
  });

  it('warns about patient data in a private idea; while the board blocks it, sends nothing', async () => {
    const NHS = '943 476 5919';
    const posted: string[] = [];
    sam.on('request', (request) => {
      if (request.method() === 'POST' && /\/rounds\/[^/]+\/ideas$/.test(request.url())) {
        posted.push((JSON.parse(request.postData() ?? '{}') as { text: string }).text);
      }
    });
    await controls().getByRole('button', { name: 'Start silent brainstorm' }).click();
    const banner = sam.getByTestId('round-banner');
    const field = banner.getByLabel('Your idea');
    const alert = banner.getByRole('alert').filter({ hasText: 'This looks like an NHS number' });

    // Warn mode: held until kept or removed, as in the editors.
    await field.fill(`Bed 4 ${NHS} waited all day`);
    await alert.getByRole('button', { name: 'Keep it anyway' }).waitFor();
    await field.fill('');
    await alert.waitFor({ state: 'detached' });

    // The facilitator blocks patient data on the board: no "Keep it anyway", Enter sends nothing.
    await fran.getByRole('radio', { name: 'Block' }).check();
    await field.fill(`Bed 4 ${NHS} waited all day`);
    await alert.getByText('This board does not accept patient-identifiable data').waitFor();
    expect(await alert.getByRole('button', { name: 'Keep it anyway' }).count()).toBe(0);
    await field.press('Enter');
    expect(await violations(sam)).toEqual([]);
    await banner.screenshot({ path: join(SHOTS, 'workshop-round-patient-data.png') });
    // "Remove it" from the keyboard puts the focus back in the field; Enter then adds the idea.
    await alert.getByRole('button', { name: 'Remove it' }).focus();
    await sam.keyboard.press('Enter');
    await expect.poll(() => field.evaluate((f) => f === document.activeElement)).toBe(true);
    expect(await field.inputValue()).toBe('Bed 4 [removed] waited all day');
    await sam.keyboard.press('Enter');
    await banner
      .getByRole('list', { name: 'Your private ideas' })
      .getByText('Bed 4 [removed] waited all day')
      .waitFor();
    expect(posted).toEqual(['Bed 4 [removed] waited all day']);

    await controls().getByRole('button', { name: 'Cancel without revealing' }).click();
    await banner.waitFor({ state: 'detached' });
    await fran.getByRole('radio', { name: 'Warn' }).check();
  });

  it('keeps ballots secret until the close, then ranks and splits the results', async () => {
    await controls().getByLabel('Dots per person').fill('2');
    await controls().getByRole('button', { name: 'Start dot vote' }).click();

    // Pat from the keyboard in the vote panel.
    const panel = pat.getByTestId('vote-panel');
    await panel.getByTestId('dots-left').getByText('Dots left: 2').waitFor();
    await panel.getByRole('button', { name: 'Add a dot to ‘Nobody explains my tablets’' }).focus();
    await pat.keyboard.press('Enter');
    await panel.getByText('Saved', { exact: true }).waitFor();
    await panel
      .getByRole('button', { name: 'Add a dot to ‘Signs to the discharge lounge are confusing’' })
      .focus();
    await pat.keyboard.press('Enter');
    await panel.getByText('Dots left: 0').waitFor();
    await pat
      .getByTestId('vote-live')
      .getByText(/0 dots left\. Saved\./)
      .waitFor({ state: 'attached' });
    expect(
      await panel
        .getByRole('button', { name: 'Add a dot to ‘Pharmacy closes at 5pm’' })
        .isDisabled(),
    ).toBe(true);
    expect(await violations(pat)).toEqual([]);
    await pat.screenshot({ path: join(SHOTS, 'workshop-vote-patient.png') });

    // Sam from the outline's toolbar, on the item chosen with the arrow keys.
    await sam.getByRole('button', { name: 'Outline', exact: true }).click();
    const tree = sam.locator(`[role="tree"][data-diagram-id="${diagramId}"]`);
    await tree.getByRole('treeitem', { name: /‘Pharmacy closes at 5pm’/ }).click();
    const tools = sam.getByRole('toolbar', { name: 'Change the outline of Late discharge' });
    await tools.getByRole('button', { name: /^Add a dot to ‘Pharmacy closes at 5pm’/ }).click();
    await tree
      .getByRole('treeitem', { name: 'cause, ‘Pharmacy closes at 5pm’, your 1 dot' })
      .waitFor();
    await tree.getByRole('treeitem', { name: /‘Nobody explains my tablets’/ }).click();
    await tools.getByRole('button', { name: /^Add a dot to ‘Nobody explains my tablets’/ }).click();
    await sam.getByTestId('vote-panel').getByText('Dots left: 0').waitFor();
    await sam.getByTestId('vote-panel').getByText('Saved', { exact: true }).waitFor();

    // Fran votes too, and sees how many have voted, never what.
    const franPanel = fran.getByTestId('vote-panel');
    await franPanel
      .getByRole('button', { name: 'Add a dot to ‘Nobody explains my tablets’' })
      .click();
    await franPanel.getByText('Saved', { exact: true }).waitFor();
    // …one of them on the canvas, from the box's own control.
    const canvasDot = fran
      .locator(`.qi-diagram[data-diagram-id="${diagramId}"]`)
      .getByRole('button', { name: 'Add a dot to ‘Too few nurses at night’' });
    await canvasDot.focus();
    await fran.keyboard.press('Enter');
    const takeOff = fran
      .locator(`.qi-diagram[data-diagram-id="${diagramId}"]`)
      .getByRole('button', { name: 'Take a dot off ‘Too few nurses at night’' });
    await expect.poll(() => takeOff.isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await violations(fran)).toEqual([]);
    await fran.evaluate(() => window.qiEditor!.zoomToFit());
    // Each box keeps room for its control under its text: clear of its neighbours (rows are
    // only 12 px apart), its badge and fold button (boxes animate to their new size first).
    await expect
      .poll(() => voteControlClashes(fran, '.qi-vote-control'), { timeout: 10_000 })
      .toEqual([]);
    expect(
      await fran.locator(`.qi-diagram[data-diagram-id="${diagramId}"] .qi-vote-control`).count(),
    ).toBe(4);
    await fran.screenshot({ path: join(SHOTS, 'workshop-vote-canvas.png') });
    // The diagram alone, near full size (a taller window, so the canvas under the panel fits it).
    const diagramView = fran.locator(`.qi-diagram[data-diagram-id="${diagramId}"]`);
    await fran.setViewportSize({ width: 1280, height: 1500 });
    await expect
      .poll(
        async () => {
          await fran.evaluate(() => window.qiEditor!.zoomToFit());
          return (await diagramView.boundingBox())?.width ?? 0;
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(500);
    await diagramView.screenshot({ path: join(SHOTS, 'workshop-vote-canvas-diagram.png') });
    await fran.setViewportSize({ width: 1280, height: 800 });
    await franPanel.getByText('Dots left: 0').waitFor();
    await franPanel.getByText('Saved', { exact: true }).waitFor();
    await controls().getByTestId('ballot-count').getByText('3', { exact: true }).waitFor();
    expect(await fran.getByTestId('vote-results').count()).toBe(0);

    const closeAt = Date.now();
    await controls().getByRole('button', { name: 'Close vote and show results' }).click();
    const ranked = (page: Page, name: string) =>
      page.getByTestId('vote-results').getByRole('list', { name, exact: true });
    await Promise.all([fran, pat, sam].map((page) => ranked(page, 'Items by dots').waitFor()));
    console.log('close click to ranked results on all three pages (ms):', Date.now() - closeAt);
    for (const page of [fran, pat, sam]) {
      await ranked(page, 'Items by dots').waitFor();
      const rows = await ranked(page, 'Items by dots').getByRole('listitem').allInnerTexts();
      const flat = rows.map((r) => r.replace(/\s+/g, ' ').trim());
      // One item first; three tied second (ties share a rank, ordered by node id).
      expect(flat[0]).toBe('1. Nobody explains my tablets 3 dots');
      expect(new Set(flat.slice(1))).toEqual(
        new Set([
          '2. Pharmacy closes at 5pm 1 dot',
          '2. Signs to the discharge lounge are confusing 1 dot',
          '2. Too few nurses at night 1 dot',
        ]),
      );
    }

    // Split by perspective: patients and carers beside staff.
    await pat.getByRole('button', { name: 'Split by perspective' }).click();
    await ranked(pat, 'Staff: items by dots').waitFor();
    await pat
      .getByTestId('vote-results')
      .getByText(
        /^Patients and carers put ‘.+’ and ‘.+’ first; staff put ‘Nobody explains my tablets’ first\.$/,
      )
      .waitFor();
    const texts = async (name: string) =>
      (await ranked(pat, name).getByRole('listitem').allInnerTexts()).map((r) =>
        r.replace(/\s+/g, ' ').trim(),
      );
    expect(new Set(await texts('Patients and carers: items by dots'))).toEqual(
      new Set([
        '1. Nobody explains my tablets 1 dot',
        '1. Signs to the discharge lounge are confusing 1 dot',
      ]),
    );
    const staffRows = await texts('Staff: items by dots');
    expect(staffRows[0]).toBe('1. Nobody explains my tablets 2 dots');
    expect(new Set(staffRows.slice(1))).toEqual(
      new Set(['2. Pharmacy closes at 5pm 1 dot', '2. Too few nurses at night 1 dot']),
    );

    // Badges on the canvas and in the outline.
    await pat.locator('[data-testid="canvas-vote-badge"]', { hasText: '3 dots' }).first().waitFor();
    await tree
      .getByRole('treeitem', {
        name: 'cause, ‘Nobody explains my tablets’, Patient, 3 dots',
      })
      .waitFor();
    await sam
      .locator('[data-testid="canvas-vote-badge"]', { hasText: '3 dots' })
      .first()
      .waitFor({ state: 'attached' });
    await expect
      .poll(() => voteControlClashes(pat, '[data-testid="canvas-vote-badge"]'), {
        timeout: 10_000,
      })
      .toEqual([]);
    expect(await violations(pat)).toEqual([]);
    await pat.screenshot({ path: join(SHOTS, 'workshop-results-patient.png') });
  });

  it('saves the diagram as a picture with the closed vote’s dots on its items', async () => {
    const panel = sam.getByRole('complementary', { name: 'Outline' });
    const exporter = panel.locator('details.export').first();
    await exporter.getByText(/^Save a copy/).click();
    const save = async (label: string) => {
      const [download] = await Promise.all([
        sam.waitForEvent('download'),
        exporter.getByRole('button', { name: label }).click(),
      ]);
      return download;
    };
    const svgFile = await save('Picture (SVG)');
    expect(svgFile.suggestedFilename()).toBe('late-discharge.svg');
    const chunks: Buffer[] = [];
    for await (const chunk of await svgFile.createReadStream()) chunks.push(chunk as Buffer);
    const svg = Buffer.concat(chunks).toString('utf8');
    const texts = new Map(
      await sam.evaluate(
        (id) => window.qiDiagrams!.diagrams.get(id)!.nodes.map((n) => [n.id, n.text] as const),
        diagramId,
      ),
    );
    // One pill per item with dots, saying what its canvas badge says; none on the categories.
    const strips = [...svg.matchAll(/<g class="vote-strip" data-vote-for="([^"]+)">.*?<\/g>/g)].map(
      (m) => `${texts.get(m[1]!)}: ${/<text[^>]*>([^<]*)<\/text>/.exec(m[0])![1]}`,
    );
    expect(new Set(strips)).toEqual(
      new Set([
        'Nobody explains my tablets: 3 dots',
        'Pharmacy closes at 5pm: 1 dot',
        'Signs to the discharge lounge are confusing: 1 dot',
        'Too few nurses at night: 1 dot',
      ]),
    );
    expect(svg).toMatch(
      />Dot vote results: ‘Late discharge’, closed \d{1,2} \w{3} \d{4}, \d\d:\d\d /,
    );
    expect(svg).toMatch(/<desc>[^<]*Items by dots: 1\. Nobody explains my tablets, 3 dots; 2\. /);
    writeFileSync(join(SHOTS, 'workshop-vote-export.svg'), svg);
    // The PNG is drawn from the same SVG.
    const pngFile = await save('Picture (PNG)');
    expect(pngFile.suggestedFilename()).toBe('late-discharge.png');
    await pngFile.saveAs(join(SHOTS, 'workshop-vote-export.png'));
    // The text outline says the dots too.
    const mdFile = await save('Text (Markdown)');
    const mdChunks: Buffer[] = [];
    for await (const chunk of await mdFile.createReadStream()) mdChunks.push(chunk as Buffer);
    expect(Buffer.concat(mdChunks).toString('utf8')).toMatch(
      /- Cause: Nobody explains my tablets _\(patient\)_ — \*\*3 dots\*\*\n/,
    );
    // So does the canvas's own export of the board (tldraw's, drawn by the diagram shape).
    const boardSvg = await sam.evaluate(async () => {
      const editor = window.qiEditor!;
      return (await editor.getSvgString([...editor.getCurrentPageShapeIds()]))?.svg ?? '';
    });
    expect(boardSvg.match(/<g class="vote-strip"/g)).toHaveLength(4);

    // The outline page's printed picture carries the same strips.
    const outlinePage = await sam.context().newPage();
    await outlinePage.goto(new URL(sam.url()).pathname + '/outline');
    await outlinePage.emulateMedia({ media: 'print' });
    const printed = outlinePage.locator('.print-diagram').filter({ hasText: 'Late discharge' });
    await expect.poll(() => printed.locator('.vote-strip').count(), { timeout: 10_000 }).toBe(4);
    expect(await printed.locator('.vote-legend').textContent()).toMatch(
      /^Dot vote results: ‘Late discharge’/,
    );
    await outlinePage.close();
  });

  it('prompts the facilitator when patients and carers have written far less than their share', async () => {
    const equalVoice = fran.getByTestId('equal-voice');
    await equalVoice.waitFor();
    expect(await fran.getByTestId('equal-voice-prompt').count()).toBe(0);
    await fran.evaluate((id) => {
      window.qiDiagrams!.edit((b, origin) => {
        const diagram = window.qiDiagrams!.diagrams.get(id)!;
        const staffing = diagram.nodes.find((n) => n.text === 'Staffing')!;
        for (let i = 1; i <= 10; i++) {
          b.addNode(
            {
              diagramId: id,
              parentId: staffing.id,
              text: `Staff cause ${i}`,
              authorId: 'fran',
              perspective: 'staff:',
            },
            origin,
          );
        }
      });
    }, diagramId);
    await fran
      .getByTestId('equal-voice-prompt')
      .getByText(
        'Patients and carers have written 2 of 14 ideas though they are 1 of 3 people here. ' +
          'You could invite them to add theirs.',
      )
      .waitFor();
    expect(await violations(fran)).toEqual([]);
    await equalVoice.screenshot({ path: join(SHOTS, 'workshop-equal-voice.png') });
  });

  it('lets the facilitator clear a closed vote’s results for everyone, after asking', async () => {
    const clear = controls().getByRole('button', { name: 'Clear results' });
    const isFocused = (locator: ReturnType<Page['locator']>) =>
      locator.evaluate((el) => el === document.activeElement);
    // From the keyboard; "Keep them" changes nothing and returns to the button.
    await clear.focus();
    await fran.keyboard.press('Enter');
    const question = controls().getByRole('group', { name: /Clear the last vote’s results/ });
    const confirm = question.getByRole('button', { name: 'Clear for everyone' });
    await expect.poll(() => isFocused(confirm)).toBe(true);
    expect(await violations(fran)).toEqual([]);
    await controls().screenshot({ path: join(SHOTS, 'workshop-clear-results.png') });
    await question.getByRole('button', { name: 'Keep them' }).click();
    await expect.poll(() => isFocused(clear)).toBe(true);
    expect(await pat.getByTestId('vote-results').count()).toBe(1);

    await fran.keyboard.press('Enter');
    await expect.poll(() => isFocused(confirm)).toBe(true);
    await fran.keyboard.press('Enter');
    for (const page of [fran, pat, sam]) {
      await page.getByTestId('vote-results').waitFor({ state: 'detached' });
      await page
        .locator('[data-testid="canvas-vote-badge"]')
        .first()
        .waitFor({ state: 'detached' });
    }
    await sam
      .locator(`[role="tree"][data-diagram-id="${diagramId}"]`)
      .getByRole('treeitem', { name: 'cause, ‘Nobody explains my tablets’, Patient', exact: true })
      .waitFor();
    await pat
      .getByTestId('vote-live')
      .getByText('The vote results were cleared.')
      .waitFor({ state: 'attached' });
    const start = controls().getByRole('button', { name: 'Start dot vote' });
    await expect.poll(() => isFocused(start)).toBe(true);
    expect(await clear.count()).toBe(0);
  });
});
