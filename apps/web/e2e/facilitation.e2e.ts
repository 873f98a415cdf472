import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  axeViolations,
  createBoard,
  drawRectangle,
  joinBoard,
  launchBrowser,
  mintLink,
  newContext,
  stopAll,
  startServer,
  waitForShapeText,
  watchErrors,
  type RunningServer,
} from './harness';

/**
 * Running a workshop: a facilitator and two participants (staff, patient partner) on one board.
 * The timer reads the same everywhere; a locked board is read-only for participants and says so
 * (the server's refusal of their raw updates is covered in apps/server/test/facilitation.test.ts).
 */
const SHOTS = join(import.meta.dirname, '..', 'screenshots');

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errorLists: string[][] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(() => stopAll(contexts, browser, server));

async function newPerson(who: string): Promise<Page> {
  const context = await newContext(browser, server);
  contexts.push(context);
  const page = await context.newPage();
  errorLists.push(watchErrors(page, who).filter(Boolean));
  return page;
}

/** A new board with its facilitator (Fran) and a staff contributor (Sam) joined from links. */
async function facilitatorAndStaff(title: string, n: number) {
  const board = await createBoard(server, title);
  const staffUrl = await mintLink(server, board.id, 'contributor');
  const [facilitator, staff] = await Promise.all([
    newPerson(`facilitator ${n}`),
    newPerson(`staff ${n}`),
  ]);
  await joinBoard(facilitator, board.facilitatorUrl, 'Fran');
  await joinBoard(staff, staffUrl, 'Sam');
  return { board, facilitator, staff };
}

/** When this page's timer will reach zero, by the machine's clock (all pages share it). */
function projectedEnd(page: Page): Promise<number> {
  return page.evaluate(() => {
    const timer = document.querySelector<HTMLElement>('[data-testid="timer-remaining"]');
    return Date.now() + Number(timer?.dataset.remainingMs ?? NaN);
  });
}

describe('facilitating a workshop', () => {
  it('shares the timer and agenda, and a locked board is read-only for participants', async () => {
    const board = await createBoard(server, 'Discharge workshop');
    const [staffUrl, patientUrl] = await Promise.all([
      mintLink(server, board.id, 'contributor'),
      mintLink(server, board.id, 'patient'),
    ]);
    const [facilitator, staff, patient] = await Promise.all([
      newPerson('facilitator'),
      newPerson('staff'),
      newPerson('patient'),
    ]);
    await joinBoard(facilitator, board.facilitatorUrl, 'Fran');
    await Promise.all([joinBoard(staff, staffUrl, 'Sam'), joinBoard(patient, patientUrl, 'Pat')]);
    const everyone = [facilitator, staff, patient];

    // Participants have no controls.
    expect(await staff.getByRole('button', { name: 'Start timer' }).count()).toBe(0);
    expect(await patient.getByRole('button', { name: 'Lock the board' }).count()).toBe(0);

    // Agenda: the Model for Improvement template's, advanced by the facilitator, timer following.
    await facilitator.getByRole('button', { name: 'Use the Model for Improvement agenda' }).click();
    await facilitator.getByRole('button', { name: 'Start first step' }).click();
    for (const page of everyone) {
      await page.getByText('Now: Welcome and introductions').waitFor();
      await page.locator('[data-testid="timer-remaining"]').waitFor();
    }
    await facilitator.getByRole('button', { name: 'Next step' }).click();
    for (const page of everyone) await page.getByText('Now: Agree the problem').waitFor();
    await Promise.all(
      everyone.map((page) =>
        page.waitForFunction(() =>
          /^[45]:\d\d$/.test(
            document.querySelector('[data-testid="timer-remaining"]')?.textContent?.trim() ?? '',
          ),
        ),
      ),
    );
    const ends = await Promise.all(everyone.map(projectedEnd));
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThan(1000);
    const texts = await Promise.all(
      everyone.map((page) => page.locator('[data-testid="timer-remaining"]').textContent()),
    );
    console.log('timer ends spread (ms):', Math.max(...ends) - Math.min(...ends), texts);

    // Pause is seen by everyone.
    await facilitator.getByRole('button', { name: 'Pause' }).click();
    for (const page of everyone) await page.getByText('Paused', { exact: true }).waitFor();
    await facilitator.screenshot({ path: join(SHOTS, 'facilitation-facilitator.png') });

    // Lock: participants' canvas turns read-only and says why; the facilitator still edits.
    await facilitator.getByRole('button', { name: 'Lock the board' }).click();
    await staff.getByText('The board is locked.').waitFor();
    await patient.getByText('The board is locked.').waitFor();
    await staff.waitForFunction(() => window.qiEditor?.getIsReadonly() === true);
    await drawRectangle(staff, 'Sneaked in while locked');
    await drawRectangle(facilitator, 'Facilitator summary');
    await waitForShapeText(staff, 'Facilitator summary');
    await waitForShapeText(patient, 'Facilitator summary');
    expect(
      await facilitator.locator('.tl-shapes').getByText('Sneaked in while locked').count(),
    ).toBe(0);
    expect(await patient.locator('.tl-shapes').getByText('Sneaked in while locked').count()).toBe(
      0,
    );
    await patient.screenshot({ path: join(SHOTS, 'facilitation-locked-patient.png') });

    // A late joiner opens the locked board without being refused: opening writes nothing.
    const late = await newPerson('late joiner');
    await joinBoard(late, patientUrl, 'Lee');
    await late.getByText('The board is locked.').waitFor();
    await waitForShapeText(late, 'Facilitator summary');
    await late.getByText('Paused', { exact: true }).waitFor();
    await facilitator.getByTestId('person').filter({ hasText: 'Lee' }).waitFor();
    expect(await late.locator('[role="status"][data-status="connected"]').count()).toBe(1);

    // axe, with the session panel open on both sides of the lock.
    expect(await axeViolations(facilitator)).toEqual([]);
    expect(await axeViolations(patient)).toEqual([]);

    // Unlocked: the participant edits again.
    await facilitator.getByRole('button', { name: 'Board locked: unlock' }).click();
    await staff.waitForFunction(() => window.qiEditor?.getIsReadonly() === false);
    await drawRectangle(staff, 'After the lock');
    await waitForShapeText(facilitator, 'After the lock');
    expect(errorLists.flat()).toEqual([]);
  });

  it('brings everyone to the facilitator’s view; one participant stops following', async () => {
    const board = await createBoard(server, 'Follow me');
    const [staffUrl, patientUrl] = await Promise.all([
      mintLink(server, board.id, 'contributor'),
      mintLink(server, board.id, 'patient'),
    ]);
    const [facilitator, staff, patient] = await Promise.all([
      newPerson('facilitator 2'),
      newPerson('staff 2'),
      newPerson('patient 2'),
    ]);
    await joinBoard(facilitator, board.facilitatorUrl, 'Fran');
    await Promise.all([joinBoard(staff, staffUrl, 'Sam'), joinBoard(patient, patientUrl, 'Pat')]);

    // The simpler view is on for the patient partner only, and anyone can switch it.
    expect(
      await patient.getByRole('button', { name: 'Simpler view' }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await patient.locator('[data-testid="tools.eraser"]').isVisible()).toBe(false);
    expect(await staff.locator('[data-testid="tools.eraser"]').isVisible()).toBe(true);

    await facilitator.getByRole('button', { name: 'Bring everyone here' }).click();
    await staff.getByTestId('following').getByText('Following Fran').waitFor();
    await patient.getByTestId('following').getByText('Following Fran').waitFor();

    const target = await moveView(facilitator, 1500, -800, 0.5);
    await Promise.all([viewCentredOn(staff, target), viewCentredOn(patient, target)]);

    await staff.getByRole('button', { name: 'Stop following', exact: true }).click();
    expect(await staff.getByTestId('following').count()).toBe(0);
    const next = await moveView(facilitator, -600, 400, 1.5);
    await viewCentredOn(patient, next);
    const staffView = await viewOf(staff);
    expect(Math.abs(staffView.x - target.x)).toBeLessThan(2);
    expect(Math.abs(staffView.y - target.y)).toBeLessThan(2);

    // The patient partner scrolls their own view: following stops (it used to pull the view
    // back at once), they are told so, and can follow again, back to where Fran is now.
    const canvasBox = (await patient.locator('.tl-canvas').boundingBox())!;
    await patient.mouse.move(canvasBox.x + canvasBox.width / 2, canvasBox.y + canvasBox.height / 2);
    await patient.mouse.wheel(0, 400);
    const stopped = 'You moved the view, so you stopped following Fran.';
    await patient.getByTestId('left-behind').getByText(stopped).waitFor();
    await patient.locator('[aria-live="polite"]').getByText(stopped).waitFor({ state: 'attached' });
    expect(await patient.getByTestId('following').count()).toBe(0);
    expect(await axeViolations(patient)).toEqual([]);
    await patient
      .getByRole('region', { name: 'Take part' })
      .screenshot({ path: join(SHOTS, 'facilitation-stopped-following.png') });
    const third = await moveView(facilitator, 300, 300, 1);
    // From the keyboard: Tab reaches "Follow Fran again", drawn with a visible focus ring.
    const again = patient.getByRole('button', { name: 'Follow Fran again' });
    for (let i = 0; i < 80 && !(await again.evaluate((b) => b === document.activeElement)); i++) {
      await patient.keyboard.press('Tab');
    }
    expect(await again.evaluate((b) => getComputedStyle(b).outlineStyle)).not.toBe('none');
    await patient.keyboard.press('Enter');
    await patient.getByTestId('following').getByText('Following Fran').waitFor();
    await viewCentredOn(patient, third);
    expect(await patient.getByTestId('left-behind').count()).toBe(0);

    // A patient partner raises a hand; everyone sees it and it is announced.
    await patient.getByRole('button', { name: 'Raise your hand' }).click();
    const row = facilitator.getByTestId('person').filter({ hasText: 'Pat' });
    await row.getByText('Hand raised').waitFor();
    expect(await row.locator('.hand svg[aria-hidden="true"]').count()).toBe(1);
    await facilitator
      .locator('[aria-live="polite"]')
      .getByText('Pat raised their hand.')
      .waitFor({ state: 'attached' });
    // Reactions and the hand show as line icons, never emoji (no emoji font on some desktops).
    const agree = patient.getByRole('button', { name: 'Agree', exact: true });
    expect(await agree.locator('svg[aria-hidden="true"][focusable="false"]').count()).toBe(1);
    for (const name of ['Lower your hand', 'Agree', 'Applause', 'Question', 'Love it']) {
      const text = await patient.getByRole('button', { name, exact: true }).textContent();
      expect(text!.trim()).toBe(name);
    }
    await agree.click();
    await staff.getByTestId('person').filter({ hasText: 'Pat' }).getByText('agrees').waitFor();
    await patient
      .getByRole('region', { name: 'Take part' })
      .screenshot({ path: join(SHOTS, 'facilitation-take-part.png') });
    await staff
      .getByTestId('person')
      .filter({ hasText: 'Pat' })
      .screenshot({ path: join(SHOTS, 'facilitation-person-activity.png') });
    await patient.screenshot({ path: join(SHOTS, 'facilitation-follow-patient.png') });
    await facilitator.screenshot({ path: join(SHOTS, 'facilitation-follow-facilitator.png') });

    expect(await axeViolations(facilitator)).toEqual([]);
    expect(await axeViolations(patient)).toEqual([]);
    expect(errorLists.flat()).toEqual([]);
  });

  it('freezes one diagram’s structure: participants fix wording only, other diagrams stay open', async () => {
    const { facilitator, staff } = await facilitatorAndStaff('Frozen fishbone', 3);
    const ids = await facilitator.evaluate(() =>
      window.qiDiagrams!.edit((b, origin) => {
        const who = { authorId: 'fran', perspective: 'staff:' as const };
        const falls = b.addDiagram({ kind: 'fishbone', text: 'Falls', ...who }, origin);
        const people = b.addNode(
          { ...falls, parentId: falls.rootId, text: 'People', ...who },
          origin,
        );
        const delays = b.addDiagram({ kind: 'fishbone', text: 'Delays', ...who }, origin);
        return { falls: falls.diagramId, people, delays: delays.diagramId };
      }),
    );
    await staff.locator(`.qi-diagram[data-diagram-id="${ids.delays}"]`).waitFor();
    await staff.getByRole('button', { name: 'Outline', exact: true }).click();

    const freeze = facilitator.getByRole('button', { name: 'Freeze the structure of Falls' });
    await freeze.click();
    expect(await freeze.getAttribute('aria-pressed')).toBe('true');
    const frozenCanvas = staff.locator(`.qi-diagram[data-diagram-id="${ids.falls}"]`);
    await frozenCanvas.getByText('The facilitator has frozen this diagram’s structure').waitFor();
    const fallsTools = staff.getByRole('toolbar', { name: 'Change the outline of Falls' });
    const delaysTools = staff.getByRole('toolbar', { name: 'Change the outline of Delays' });
    await delaysTools.getByRole('button', { name: 'Add underneath' }).waitFor();
    expect(await fallsTools.getByRole('button', { name: 'Add underneath' }).count()).toBe(0);
    expect(await staff.getByTestId('frozen-notice').count()).toBe(1);
    // The facilitator is never frozen out, and sees no notice.
    expect(await facilitator.getByText('frozen this diagram’s structure').count()).toBe(0);

    // On the canvas: the box's tools offer no add or delete.
    await frozenCanvas.locator('.qi-node', { hasText: 'People' }).click();
    await frozenCanvas.locator('.qi-node-edit').waitFor();
    await staff.keyboard.press('Escape');
    expect(await frozenCanvas.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    // From the keyboard in the outline: Delete is refused here, before anything is sent.
    const people = staff.locator(
      `[role="tree"][data-diagram-id="${ids.falls}"] [role="treeitem"]`,
      {
        hasText: 'People',
      },
    );
    await people.click();
    await staff.keyboard.press('Delete');
    await staff
      .getByTestId('outline-live')
      .getByText(/frozen this diagram’s structure/)
      .waitFor({ state: 'attached' });
    // Wording still goes through.
    await staff.keyboard.press('Enter');
    await staff.keyboard.press('End');
    await staff.keyboard.type(' and staffing');
    await staff.keyboard.press('Escape');
    await facilitator.waitForFunction(
      (id) =>
        window.qiDiagrams!.diagrams.get(id)!.nodes.some((n) => n.text === 'People and staffing'),
      ids.falls,
    );
    // The other diagram's structure too.
    await delaysTools.getByRole('button', { name: 'Add underneath' }).click();
    await staff.keyboard.type('Porters');
    await staff.keyboard.press('Escape');
    await facilitator.waitForFunction(
      (id) => window.qiDiagrams!.diagrams.get(id)!.nodes.some((n) => n.text === 'Porters'),
      ids.delays,
    );
    expect(
      await facilitator.evaluate(
        (id) => window.qiDiagrams!.diagrams.get(id)!.nodes.map((n) => n.text),
        ids.falls,
      ),
    ).toEqual(['Falls', 'People and staffing']);
    // Nothing was refused: the participant is still connected.
    expect(await staff.locator('[role="status"][data-status="connected"]').count()).toBe(1);

    await facilitator.screenshot({ path: join(SHOTS, 'facilitation-frozen-facilitator.png') });
    await staff.screenshot({ path: join(SHOTS, 'facilitation-frozen-staff.png') });
    expect(await axeViolations(facilitator)).toEqual([]);
    expect(await axeViolations(staff)).toEqual([]);

    await freeze.click();
    await delaysTools.waitFor();
    await fallsTools.getByRole('button', { name: 'Add underneath' }).waitFor();
    expect(errorLists.flat()).toEqual([]);
  });

  it('the outline page is read-only on a locked board, keeps the words being typed, and saves them after', async () => {
    const { board, facilitator, staff } = await facilitatorAndStaff('Locked outline', 5);
    const falls = await facilitator.evaluate(() =>
      window.qiDiagrams!.edit((b, origin) => {
        const who = { authorId: 'fran', perspective: 'staff:' as const };
        const d = b.addDiagram({ kind: 'fishbone', text: 'Falls', ...who }, origin);
        for (const text of ['People', 'Methods'])
          b.addNode({ ...d, parentId: d.rootId, text, ...who }, origin);
        return d.diagramId;
      }),
    );
    await staff.goto(`${server.url}/b/${board.id}/outline`);
    const tools = staff.getByRole('toolbar', { name: 'Change the outline of Falls' });
    await tools.getByRole('button', { name: 'Write' }).waitFor();
    const items = staff.locator(`[role="tree"][data-diagram-id="${falls}"] [role="treeitem"]`);
    const live = staff.getByTestId('outline-live');
    const focused = () =>
      staff.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

    // Mid-sentence when the lock arrives: the field closes, the words are kept (not sent), shown
    // read-only and labelled, and focus stays on the item.
    await items.filter({ hasText: 'Methods' }).click();
    await staff.keyboard.press('Enter');
    await staff.locator('input.edit').waitFor();
    await staff.keyboard.press('End');
    await staff.keyboard.type(' and checklists');
    await facilitator.getByRole('button', { name: 'Lock the board' }).click();
    await staff.getByText('The board is locked.').waitFor();
    await tools.waitFor({ state: 'detached' });
    const kept = staff.getByRole('group', { name: 'Not saved yet — changes are paused' });
    await kept.waitFor();
    expect(await kept.getByLabel('Your words (not saved)').inputValue()).toBe(
      'Methods and checklists',
    );
    expect(await kept.getByLabel('Your words (not saved)').getAttribute('readonly')).toBe('');
    expect(await kept.getByRole('button', { name: 'Carry on writing' }).count()).toBe(0);
    await live.getByText(/your words are not saved yet/).waitFor({ state: 'attached' });
    expect(await staff.locator('input.edit').count()).toBe(0);
    await staff.waitForFunction(() =>
      document.activeElement?.getAttribute('aria-label')?.includes('Methods'),
    );
    await staff.screenshot({ path: join(SHOTS, 'outline-kept-draft-locked.png'), fullPage: true });
    expect(
      await facilitator.evaluate(
        (id) => window.qiDiagrams!.diagrams.get(id)!.nodes.map((n) => n.text),
        falls,
      ),
    ).toEqual(['Falls', 'People', 'Methods']);

    // Locked: no editing controls, the notice says why, the arrows still move and read.
    expect(await staff.getByRole('button', { name: 'Add diagram' }).count()).toBe(0);
    expect(await staff.getByRole('button', { name: 'Delete diagram' }).count()).toBe(0);
    await staff.getByText('Use the arrow keys to move and read.').waitFor();
    await items.first().click();
    await staff.keyboard.press('Enter');
    await live.getByText(/cannot change the board/).waitFor({ state: 'attached' });
    expect(await staff.locator('input.edit').count()).toBe(0);
    await staff.keyboard.press('ArrowDown');
    await staff.waitForFunction(() => document.activeElement?.textContent?.includes('People'));
    await staff.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/Methods/);
    await staff.screenshot({
      path: join(SHOTS, 'facilitation-outline-locked.png'),
      fullPage: true,
    });
    expect(await axeViolations(staff)).toEqual([]);

    // Unlocked: told the words can be carried on; Enter on the item puts them back in the field
    // (focus there) and one Enter saves them; the change reaches the facilitator.
    await facilitator.getByRole('button', { name: 'Board locked: unlock' }).click();
    await tools.getByRole('button', { name: 'Write' }).waitFor();
    expect(await staff.getByText('The board is locked.').count()).toBe(0);
    const carryOn = staff.getByRole('group', { name: 'Not saved yet — you can carry on now' });
    await carryOn.getByRole('button', { name: 'Carry on writing' }).waitFor();
    await live.getByText(/Changes are open again/).waitFor({ state: 'attached' });
    expect(await axeViolations(staff)).toEqual([]);
    expect(await focused()).toMatch(/Methods/);
    await staff.keyboard.press('Enter');
    await staff.waitForFunction(
      () =>
        document.activeElement instanceof HTMLInputElement &&
        document.activeElement.classList.contains('edit') &&
        document.activeElement.value === 'Methods and checklists',
    );
    await live.getByText(/Your unsaved words are back/).waitFor({ state: 'attached' });
    await staff.keyboard.press('Enter');
    await facilitator.waitForFunction(
      (id) =>
        window.qiDiagrams!.diagrams.get(id)!.nodes.some((n) => n.text === 'Methods and checklists'),
      falls,
    );
    await carryOn.waitFor({ state: 'detached' });
    // Enter also opened the next item, as always; left empty, it goes again (for the
    // facilitator too, once its removal has arrived: a deleted entry in the nodes map).
    await staff.keyboard.press('Escape');
    await staff.locator('input.edit').waitFor({ state: 'detached' });
    await facilitator.waitForFunction((id) => {
      type Entries = { get(key: string): Entries; _map: Map<string, { deleted: boolean }> };
      const diagrams = window.qiDiagrams!.board.doc.getMap('diagrams') as unknown as Entries;
      return [...diagrams.get(id).get('nodes')._map.values()].some((item) => item.deleted);
    }, falls);
    expect(
      await facilitator.evaluate(
        (id) => window.qiDiagrams!.diagrams.get(id)!.nodes.map((n) => n.text),
        falls,
      ),
    ).toEqual(['Falls', 'People', 'Methods and checklists']);
    expect(await axeViolations(staff)).toEqual([]);

    // Locked mid-sentence again, and the item is removed meanwhile: the words stay, to copy.
    await items.filter({ hasText: 'People' }).click();
    await staff.keyboard.press('Enter');
    await staff.locator('input.edit').waitFor();
    await staff.keyboard.press('End');
    await staff.keyboard.type(' on nights');
    await facilitator.getByRole('button', { name: 'Lock the board' }).click();
    await kept.waitFor();
    await facilitator.evaluate((id) => {
      const diagrams = window.qiDiagrams!;
      const people = diagrams.diagrams.get(id)!.nodes.find((n) => n.text === 'People')!;
      diagrams.edit((b, origin) => b.deleteNode(id, people.id, origin));
    }, falls);
    const gone = staff.getByRole('group', { name: 'Not saved: this item was removed' });
    await gone.waitFor();
    await facilitator.getByRole('button', { name: 'Board locked: unlock' }).click();
    await live.getByText(/was removed meanwhile/).waitFor({ state: 'attached' });
    expect(await gone.getByLabel('Your words (not saved)').inputValue()).toBe('People on nights');
    expect(await gone.getByRole('button', { name: 'Carry on writing' }).count()).toBe(0);
    await gone.getByRole('button', { name: 'Copy the words' }).click();
    await live.getByText(/Copied your words|press Control\+C/).waitFor({ state: 'attached' });
    await staff.screenshot({ path: join(SHOTS, 'outline-kept-draft-removed.png'), fullPage: true });
    expect(await axeViolations(staff)).toEqual([]);
    await gone.getByRole('button', { name: 'Let them go' }).click();
    await gone.waitFor({ state: 'detached' });
    expect(errorLists.flat()).toEqual([]);
  });

  it('a patient partner from an invite link gets the canvas with the simpler toolbar; outlines follow the leader', async () => {
    const board = await createBoard(server, 'Outline follows');
    const patientUrl = await mintLink(server, board.id, 'patient');
    const [facilitator, patient] = await Promise.all([
      newPerson('facilitator 4'),
      newPerson('patient 4'),
    ]);
    await joinBoard(facilitator, board.facilitatorUrl, 'Fran');
    const ids = await facilitator.evaluate(() =>
      window.qiDiagrams!.edit((b, origin) => {
        const who = { authorId: 'fran', perspective: 'staff:' as const };
        const made: string[] = [];
        for (const [title, categories] of [
          ['Falls', ['People', 'Methods', 'Equipment', 'Environment']],
          ['Delays', ['Porters', 'Beds', 'Pharmacy', 'Transport']],
          ['Discharge', ['Letters', 'Medicines', 'Social care', 'Family']],
        ] as const) {
          const d = b.addDiagram({ kind: 'fishbone', text: title, ...who }, origin);
          for (const text of categories)
            b.addNode({ ...d, parentId: d.rootId, text, ...who }, origin);
          made.push(d.diagramId);
        }
        return made;
      }),
    );

    // Right after joining from the link: the canvas shows, with the simpler view's few tools.
    await joinBoard(patient, patientUrl, 'Pat');
    const tools = patient.getByRole('toolbar', { name: 'Tools' });
    await tools.waitFor();
    const labels = ['Choose and move', 'Move around', 'Sticky note', 'Write text'];
    expect(
      await tools
        .getByRole('button')
        .evaluateAll((buttons) => buttons.map((b) => b.textContent!.trim())),
    ).toEqual(labels);
    for (const label of labels) {
      expect(await tools.getByRole('button', { name: label, exact: true }).isVisible()).toBe(true);
    }
    expect(await patient.locator('[data-testid="tools.draw"]').count()).toBe(0);
    expect(await facilitator.locator('[data-testid="tools.draw"]').isVisible()).toBe(true);
    const canvas = await patient.locator('.tl-canvas').boundingBox();
    expect(canvas!.width).toBeGreaterThan(300);
    expect(canvas!.height).toBeGreaterThan(300);
    await patient.locator(`.qi-diagram[data-diagram-id="${ids[0]}"]`).waitFor();
    // A keyboard path: the toolbar's buttons take focus and Enter picks the tool.
    await tools.getByRole('button', { name: 'Sticky note' }).focus();
    await patient.keyboard.press('Enter');
    await patient.waitForFunction(() => window.qiEditor?.getCurrentToolId() === 'note');
    expect(
      await tools.getByRole('button', { name: 'Sticky note' }).getAttribute('aria-pressed'),
    ).toBe('true');
    await patient.screenshot({ path: join(SHOTS, 'facilitation-simple-toolbar.png') });
    // Back to the full toolbar when the simpler view is switched off.
    await patient.getByRole('button', { name: 'Simpler view' }).click();
    await patient.locator('[data-testid="tools.draw"]').waitFor();
    await patient.getByRole('button', { name: 'Simpler view' }).click();
    await tools.waitFor();

    // Follow me: the participant's outline opens the diagram open in the leader's.
    for (const page of [facilitator, patient]) {
      await page.getByRole('button', { name: 'Outline', exact: true }).click();
    }
    await facilitator.getByRole('button', { name: 'Bring everyone here' }).click();
    await patient.getByTestId('following').getByText('Following Fran').waitFor();
    const openIn = (page: Page, id: string) =>
      page.locator(`#outline-panel [data-outline-diagram="${id}"][aria-current="true"]`);
    await facilitator
      .locator(`#outline-panel [role="tree"][data-diagram-id="${ids[2]}"] [role="treeitem"]`)
      .filter({ hasText: 'Family' })
      .click();
    await openIn(patient, ids[2]!).waitFor();
    await patient.waitForFunction((id) => {
      const panel = document.querySelector('#outline-panel')!.getBoundingClientRect();
      const section = document
        .querySelector(`#outline-panel [data-outline-diagram="${id}"]`)!
        .getBoundingClientRect();
      return section.top >= panel.top - 1 && section.top < panel.bottom;
    }, ids[2]);
    await facilitator
      .locator(`#outline-panel [role="tree"][data-diagram-id="${ids[1]}"] [role="treeitem"]`)
      .first()
      .click();
    await openIn(patient, ids[1]!).waitFor();
    expect(await openIn(patient, ids[2]!).count()).toBe(0);

    // The outline page follows too.
    const outlinePage = await patient.context().newPage();
    errorLists.push(watchErrors(outlinePage, 'patient outline page').filter(Boolean));
    await outlinePage.goto(`${server.url}/b/${board.id}/outline`);
    await outlinePage.getByTestId('following').getByText('Following Fran').waitFor();
    await outlinePage.locator(`[data-outline-diagram="${ids[1]}"][aria-current="true"]`).waitFor();
    await facilitator
      .locator(`#outline-panel [role="tree"][data-diagram-id="${ids[0]}"] [role="treeitem"]`)
      .first()
      .click();
    await outlinePage.locator(`[data-outline-diagram="${ids[0]}"][aria-current="true"]`).waitFor();
    await openIn(patient, ids[0]!).waitFor();

    // The follower opens another diagram to read it: the outline stays there (it used to snap
    // back to the leader's at the next presence change), says following paused, and the leader's
    // next move leaves it be; "Follow Fran again" goes to where Fran is, focus with it.
    const treeItems = (page: Page, id: string) =>
      page.locator(`#outline-panel [role="tree"][data-diagram-id="${id}"] [role="treeitem"]`);
    await treeItems(patient, ids[2]!).filter({ hasText: 'Letters' }).click();
    const paused = patient.locator('#outline-panel').getByTestId('outline-follow-paused');
    await paused.getByText('Stopped following Fran in the outline.').waitFor();
    await patient
      .locator('#outline-panel [data-testid="outline-live"]')
      .getByText(/Stopped following Fran in the outline/)
      .waitFor({ state: 'attached' });
    await openIn(patient, ids[2]!).waitFor();
    await facilitator.mouse.move(200, 300);
    await treeItems(facilitator, ids[1]!).first().click();
    await outlinePage.locator(`[data-outline-diagram="${ids[1]}"][aria-current="true"]`).waitFor();
    await patient.keyboard.press('ArrowDown');
    await patient.waitForFunction(() => document.activeElement?.textContent?.includes('Medicines'));
    expect(await openIn(patient, ids[2]!).count()).toBe(1);
    expect(await patient.getByTestId('following').getByText('Following Fran').count()).toBe(1);
    expect(await axeViolations(patient)).toEqual([]);
    await paused.getByRole('button', { name: 'Follow Fran again' }).click();
    await openIn(patient, ids[1]!).waitFor();
    await paused.waitFor({ state: 'detached' });
    await patient.waitForFunction(
      (id) =>
        document.activeElement?.closest('[role="tree"]')?.getAttribute('data-diagram-id') === id,
      ids[1],
    );
    await treeItems(facilitator, ids[0]!).first().click();
    await openIn(patient, ids[0]!).waitFor();

    await patient.screenshot({ path: join(SHOTS, 'facilitation-outline-follow-patient.png') });
    expect(await axeViolations(patient)).toEqual([]);
    expect(await axeViolations(outlinePage)).toEqual([]);

    // On a phone with the outline open, the canvas keeps most of the screen and its tools show
    // (it was squeezed to a blank strip with no toolbar); the outline follows below it.
    await patient.setViewportSize({ width: 390, height: 844 });
    await patient.waitForFunction(
      () => document.querySelector('.tl-canvas')!.getBoundingClientRect().height > 400,
    );
    for (const label of labels) {
      const box = await tools.getByRole('button', { name: label, exact: true }).boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    }
    await patient.screenshot({ path: join(SHOTS, 'facilitation-simple-toolbar-phone.png') });
    expect(errorLists.flat()).toEqual([]);
  });
});

/** Moves a page's view to centre on (x, y) at zoom z; returns the centre it shows. */
async function moveView(page: Page, x: number, y: number, z: number) {
  await page.evaluate(
    ({ x, y, z }) => {
      const editor = window.qiEditor!;
      const { w, h } = editor.getViewportScreenBounds();
      editor.setCamera({ x: -x + w / (2 * z), y: -y + h / (2 * z), z });
    },
    { x, y, z },
  );
  return viewOf(page);
}

function viewOf(page: Page): Promise<{ x: number; y: number; z: number }> {
  return page.evaluate(() => {
    const editor = window.qiEditor!;
    const { center } = editor.getViewportPageBounds();
    return { x: center.x, y: center.y, z: editor.getZoomLevel() };
  });
}

/** Waits until a page's view shows the same centre and zoom. */
async function viewCentredOn(page: Page, view: { x: number; y: number; z: number }) {
  await page.waitForFunction(
    (view) => {
      const editor = window.qiEditor!;
      const { center } = editor.getViewportPageBounds();
      return (
        Math.abs(center.x - view.x) < 2 &&
        Math.abs(center.y - view.y) < 2 &&
        Math.abs(editor.getZoomLevel() - view.z) < 0.01
      );
    },
    view,
    { timeout: 10_000 },
  );
}
