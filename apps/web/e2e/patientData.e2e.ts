import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createBoard,
  joinBoard,
  launchBrowser,
  mintLink,
  newContext,
  openBoard,
  removeDataDir,
  stopAll,
  startServer,
  type RunningServer,
} from './harness';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(() => stopAll(contexts, browser, server));

async function page(): Promise<Page> {
  const context = await newContext(browser, server);
  contexts.push(context);
  return context.newPage();
}

/** A valid NHS number (modulus 11), written 3-3-4. */
function nhsNumber(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) throw new Error(`${nine} has no valid check digit`);
  const n = nine + String(check === 11 ? 0 : check);
  return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
}

describe('patient-data warning', () => {
  it('warns about an NHS number in the board title, keeps it unshared, and removes it', async () => {
    const { id } = await createBoard(server, 'Falls review');
    const [asha, ben] = await Promise.all([page(), page()]);
    await openBoard(asha, id);
    await openBoard(ben, id);

    const title = asha.getByLabel('Board title');
    await title.fill(`Falls review ${nhsNumber('943476591')}`);
    const alert = asha.getByRole('alert').filter({ hasText: 'This looks like an NHS number' });
    await alert.waitFor();

    const axe = await new AxeBuilder({ page: asha })
      .include('.title')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await alert.getByRole('button', { name: 'Remove it' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await title.inputValue()).toBe('Falls review [removed]');
    // Nothing was shared while the warning showed (the click moved focus off the field).
    expect(await ben.getByLabel('Board title').inputValue()).toBe('Falls review');

    await title.press('Enter');
    await expect
      .poll(() => ben.getByLabel('Board title').inputValue())
      .toBe('Falls review [removed]');
  });

  it('does not warn about ordinary text', async () => {
    const { id } = await createBoard(server);
    const asha = await page();
    await openBoard(asha, id);
    const title = asha.getByLabel('Board title');
    await title.fill('10 falls in 2024, ward 7, huddle 09:30, 85%');
    await title.press('Enter');
    await expect.poll(() => title.inputValue()).toBe('10 falls in 2024, ward 7, huddle 09:30, 85%');
    expect(await asha.getByRole('alert').filter({ hasText: 'looks like' }).count()).toBe(0);
  });
});

const NHS = nhsNumber('943476591');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(target: Page, selectors: string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page: target }).withTags(AXE_TAGS);
  for (const selector of selectors) builder = builder.include(selector);
  const results = await builder.analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Adds a fishbone "Falls" with a category "People" through this page's model; returns ids. */
function addFishbone(target: Page) {
  return target.evaluate(() =>
    window.qiDiagrams!.edit((b, origin) => {
      const who = { authorId: 'asha', perspective: 'staff:' as const };
      const falls = b.addDiagram({ kind: 'fishbone', text: 'Falls', ...who }, origin);
      const people = b.addNode(
        { ...falls, parentId: falls.rootId, text: 'People', ...who },
        origin,
      );
      return { diagramId: falls.diagramId, people };
    }),
  );
}

/** The texts of every node this page's model holds. */
function nodeTexts(target: Page): Promise<string[]> {
  return target.evaluate(() =>
    [...window.qiDiagrams!.diagrams.values()].flatMap((d) => d.nodes.map((n) => n.text)),
  );
}

/** The plain text of each sticky note in this page's tldraw store. */
function noteTexts(target: Page): Promise<string[]> {
  return target.evaluate(() =>
    window
      .qiEditor!.getCurrentPageShapes()
      .filter((s) => s.type === 'note')
      .map((s) =>
        JSON.stringify((s.props as { richText: unknown }).richText)
          .match(/"text":"([^"]*)"/g)!
          .map((m) => m.slice(8, -1))
          .join(''),
      ),
  );
}

/** Creates a sticky note with this text as this person would (a `user` change of the store). */
function addNote(target: Page, text: string, x: number): Promise<void> {
  return target.evaluate(
    ({ text, x }) => {
      window.qiEditor!.createShape({
        type: 'note',
        x,
        y: 120,
        props: {
          richText: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
          },
        },
      });
    },
    { text, x },
  );
}

/** The centre and zoom of this page's canvas view, rounded. */
function viewOf(target: Page): Promise<number[]> {
  return target.evaluate(() => {
    const editor = window.qiEditor!;
    const { center } = editor.getViewportPageBounds();
    return [Math.round(center.x), Math.round(center.y), editor.getZoomLevel()];
  });
}

async function openOutline(target: Page): Promise<void> {
  await target.getByRole('button', { name: 'Outline', exact: true }).click();
  await target.getByRole('complementary', { name: 'Outline' }).getByRole('tree').first().waitFor();
}

/** A new board with a fishbone (added by Asha), open for Asha and Ben, both facilitators. */
async function twoOnAFishbone(title: string): Promise<[Page, Page]> {
  const { id } = await createBoard(server, title);
  const [asha, ben] = await Promise.all([page(), page()]);
  await openBoard(asha, id);
  await openBoard(ben, id);
  await addFishbone(asha);
  return [asha, ben];
}

describe('patient-data warning on nodes and sticky notes', () => {
  it('warns in the outline while typing, saves nothing until removed, and ignores ordinary text', async () => {
    const [asha, ben] = await twoOnAFishbone('Falls nodes');
    await ben.locator('.qi-node', { hasText: 'People' }).waitFor();

    await openOutline(asha);
    const people = asha.getByRole('treeitem', { name: /^category, ‘People/ });
    await people.locator('.row').click();
    await asha.keyboard.press('Enter');
    const field = asha.getByLabel('Text of this category');
    await field.press('End');
    await asha.keyboard.type(` seen ${NHS}`);
    const alert = asha.getByRole('alert').filter({ hasText: 'This looks like an NHS number' });
    await alert.waitFor();
    expect(await alert.getByRole('button', { name: 'Keep it anyway' }).count()).toBe(1);
    expect(await axeViolations(asha, ['#outline-panel'])).toEqual([]);

    // Enter saves nothing while the warning shows; Tab reaches "Remove it" from the keyboard.
    await field.press('Enter');
    expect(await field.inputValue()).toBe(`People seen ${NHS}`);
    await field.press('Tab');
    await asha.keyboard.press('Enter');
    await alert.waitFor({ state: 'detached' });
    expect(await field.inputValue()).toBe('People seen [removed]');
    expect(await nodeTexts(ben)).not.toContain(`People seen ${NHS}`);
    await field.press('Escape');
    await expect.poll(() => nodeTexts(ben)).toContain('People seen [removed]');

    // Ordinary text with numbers and dates: no warning, saved as typed.
    await people.locator('.row').click();
    await asha.keyboard.press('Enter');
    await field.fill('People: 10 falls in 2024, ward 7, huddle 09:30 on 12/03/2024');
    expect(await asha.getByRole('alert').filter({ hasText: 'looks like' }).count()).toBe(0);
    await field.press('Escape');
    await expect
      .poll(() => nodeTexts(ben))
      .toContain('People: 10 falls in 2024, ward 7, huddle 09:30 on 12/03/2024');
  });

  it('warns in a driver diagram’s measure form and adds nothing until removed', async () => {
    const { id } = await createBoard(server, 'Falls measures');
    const asha = await page();
    await openBoard(asha, id);
    await asha.evaluate(() =>
      window.qiDiagrams!.edit((b, origin) =>
        b.addDiagram(
          { kind: 'driver', text: 'Fewer falls', authorId: 'asha', perspective: 'staff:' },
          origin,
        ),
      ),
    );
    await openOutline(asha);
    const panel = asha.getByRole('complementary', { name: 'Outline' });
    await panel.getByText('Measures and links').click();
    await panel.getByLabel('Name').fill(`Falls of ${NHS}`);
    const alert = panel.getByRole('alert').filter({ hasText: 'This looks like an NHS number' });
    await alert.waitFor();
    const measures = () =>
      asha.evaluate(() =>
        [...window.qiDiagrams!.diagrams.values()].flatMap((d) => d.measures.map((m) => m.name)),
      );
    await panel.getByRole('button', { name: 'Add measure' }).click();
    expect(await measures()).toEqual([]);
    await alert.getByRole('button', { name: 'Remove it' }).click();
    await panel.getByRole('button', { name: 'Add measure' }).click();
    await expect.poll(measures).toEqual(['Falls of [removed]']);
  });

  it('holds a new board whose problem names a patient until it is removed', async () => {
    const sam = await page();
    await sam.goto('/');
    await sam.getByText('Fishbone: the 6 Ms').click();
    await sam.getByLabel('What is the problem?').fill('Falls, e.g. Mr K born 3 May 1941');
    const alert = sam.getByRole('alert').filter({ hasText: 'This looks like a date of birth' });
    await alert.waitFor();
    expect(await axeViolations(sam, ['form.gallery'])).toEqual([]);
    await sam.getByRole('button', { name: 'New board' }).click();
    expect(new URL(sam.url()).pathname).toBe('/');
    await alert.getByRole('button', { name: 'Remove it' }).click();
    await sam.getByRole('button', { name: 'New board' }).click();
    await expect
      .poll(() => sam.getByLabel('Board title').inputValue())
      .toBe('Falls, e.g. Mr K born [removed]');
  });

  it('warns on a canvas node being edited, and on a sticky note, naming it', async () => {
    const [asha, ben] = await twoOnAFishbone('Falls canvas');

    await asha.locator('.qi-node', { hasText: 'People' }).click();
    const edit = asha.locator('.qi-node-edit');
    await edit.fill(`People DOB 12/03/1950`);
    const alert = asha.locator('.qi-patient-data[role="alert"]');
    await alert.getByText('This looks like a date of birth.').waitFor();
    await asha.screenshot({
      path: join(import.meta.dirname, '..', 'screenshots', 'patient-data-node-warning.png'),
    });
    await edit.press('Escape'); // held: still editing, nothing saved
    expect(await edit.inputValue()).toBe('People DOB 12/03/1950');
    await alert.getByRole('button', { name: 'Remove it' }).click();
    expect(await edit.inputValue()).toBe('People DOB [removed]');
    await edit.press('Escape');
    await expect.poll(() => nodeTexts(ben)).toContain('People DOB [removed]');

    // A sticky note syncs as it is typed: the alert names it and Remove it cleans it for all.
    await addNote(asha, `Bed 4 ${NHS}`, 600);
    const noteAlert = asha.getByRole('alert').filter({ hasText: 'Sticky note “Bed 4 [removed]”' });
    await noteAlert.waitFor();
    expect(await axeViolations(asha, ['.note-alerts'])).toEqual([]);
    await noteAlert.getByRole('button', { name: 'Remove it' }).click();
    await noteAlert.waitFor({ state: 'detached' });
    await expect.poll(() => noteTexts(ben)).toEqual(['Bed 4 [removed]']);
    await addNote(asha, 'Bed 4: 2 falls this week', 900);
    await expect.poll(() => noteTexts(ben)).toHaveLength(2);
    expect(await asha.getByRole('alert').filter({ hasText: 'looks like' }).count()).toBe(0);
  });

  it('block mode, chosen by the facilitator: held notes, no "Keep it", and a bypassing client reloaded without the identifier', async () => {
    const { id } = await createBoard(server, 'Falls blocked');
    const [asha, ben] = await Promise.all([page(), page()]);
    await openBoard(asha, id);
    const staffUrl = await mintLink(server, id, 'contributor');
    await joinBoard(ben, staffUrl, 'Ben');
    const { diagramId, people } = await addFishbone(asha);
    await ben.locator('.qi-node', { hasText: 'People' }).waitFor();

    // Only the facilitator has the switch.
    expect(await ben.getByRole('radio', { name: 'Block' }).count()).toBe(0);
    await asha.getByRole('radio', { name: 'Block' }).check();
    await asha
      .getByText('Text that looks like an NHS number or a date of birth is refused.')
      .waitFor();

    // The title too: in block mode nothing but Remove it (Escape puts the old title back).
    const title = ben.getByLabel('Board title');
    await title.fill('Falls blocked, DOB 1/2/1950');
    const titleAlert = ben
      .getByRole('alert')
      .filter({ hasText: 'This looks like a date of birth' });
    await titleAlert.waitFor();
    expect(await titleAlert.getByRole('button', { name: 'Keep it anyway' }).count()).toBe(0);
    await title.press('Enter');
    expect(await title.inputValue()).toBe('Falls blocked, DOB 1/2/1950');
    await title.press('Escape');
    expect(await title.inputValue()).toBe('Falls blocked');

    // Ben's canvas node: block mode offers only Remove it.
    await ben.locator('.qi-node', { hasText: 'People' }).click();
    await ben.locator('.qi-node-edit').fill(`People ${NHS}`);
    const alert = ben.locator('.qi-patient-data[role="alert"]');
    await alert.getByText('This board does not accept patient-identifiable data').waitFor();
    expect(await alert.getByRole('button', { name: 'Keep it anyway' }).count()).toBe(0);
    await alert.getByRole('button', { name: 'Remove it' }).click();
    await ben.locator('.qi-node-edit').press('Escape');
    await expect.poll(() => nodeTexts(asha)).toContain('People [removed]');

    // Ben's sticky note with an identifier stays on his device; a clean one goes out.
    await addNote(ben, `Bed 9 ${NHS}`, 600);
    const noteAlert = ben.getByRole('alert').filter({ hasText: '(not shared)' });
    await noteAlert.waitFor();
    await addNote(ben, 'Bed 9 needs a sensor mat', 900);
    await expect.poll(() => noteTexts(asha)).toEqual(['Bed 9 needs a sensor mat']);
    await noteAlert.getByRole('button', { name: 'Remove it' }).click();
    await expect
      .poll(() => noteTexts(asha).then((t) => t.sort()))
      .toEqual(['Bed 9 [removed]', 'Bed 9 needs a sensor mat']);

    // A client that bypasses the warning writes the identifier straight into its document: the
    // server refuses it (4422), Ben's page reloads the board without it, keeps his view, says why.
    await ben.evaluate(() => {
      window.qiEditor!.setCamera({ x: -150, y: -90, z: 0.75 });
    });
    const view = await viewOf(ben);
    await ben.evaluate(
      ({ diagramId, people, text }) =>
        window.qiDiagrams!.edit((b, origin) => b.setText(diagramId, people, text, origin)),
      { diagramId, people, text: `People ${NHS}` },
    );
    await ben
      .getByRole('alert')
      .filter({ hasText: 'That change looked like patient data' })
      .waitFor();
    await expect.poll(() => nodeTexts(ben)).toContain('People [removed]');
    expect(await nodeTexts(ben)).not.toContain(`People ${NHS}`);
    await ben.locator('.qi-node', { hasText: 'People [removed]' }).waitFor();
    expect(await nodeTexts(asha)).not.toContain(`People ${NHS}`);
    await expect.poll(() => viewOf(ben)).toEqual(view);
    await ben.screenshot({
      path: join(import.meta.dirname, '..', 'screenshots', 'patient-data-recovered.png'),
    });
    // Ben is connected again and can go on working.
    await ben.locator('.qi-node', { hasText: 'People [removed]' }).click();
    await ben.locator('.qi-node-edit').fill('People and equipment');
    await ben.locator('.qi-node-edit').press('Escape');
    await expect.poll(() => nodeTexts(asha)).toContain('People and equipment');
  });
});

describe("patient-data guard under the deployment's policy", () => {
  it('PATIENT_DATA_MODE=block and HOSPITAL_NUMBER_PATTERNS reach the editors', async () => {
    const blocking = await startServer({
      env: { PATIENT_DATA_MODE: 'block', HOSPITAL_NUMBER_PATTERNS: '\\bRX\\d{6}\\b' },
    });
    try {
      const { id } = await createBoard(blocking, 'Deployment block');
      const context = await newContext(browser, blocking);
      contexts.push(context);
      const asha = await context.newPage();
      await openBoard(asha, id);
      await addFishbone(asha);
      await asha.waitForFunction(() => window.qiDiagrams?.deploymentPatientData != null);

      // A hospital number in the deployment's format is caught while typing, with no way to
      // keep it: the board's own switch still says Warn, the deployment blocks.
      await asha.locator('.qi-node', { hasText: 'People' }).click();
      await asha.locator('.qi-node-edit').fill('People seen as RX123456');
      const alert = asha.locator('.qi-patient-data[role="alert"]');
      await alert.getByText('This looks like a hospital number.').waitFor();
      expect(await alert.getByRole('button', { name: 'Keep it anyway' }).count()).toBe(0);
      expect(await asha.getByRole('radio', { name: 'Warn' }).isChecked()).toBe(true);
      await alert.getByRole('button', { name: 'Remove it' }).click();
      await asha.locator('.qi-node-edit').press('Escape');
      await expect.poll(() => nodeTexts(asha)).toContain('People seen as [removed]');
    } finally {
      await blocking.stop();
      removeDataDir(blocking.dataDir);
    }
  });

  it('a hospital number refused on the outline page: reloaded without it, focus kept, editable', async () => {
    const patterned = await startServer({ env: { HOSPITAL_NUMBER_PATTERNS: '\\bRX\\d{6}\\b' } });
    try {
      const { id } = await createBoard(patterned, 'Outline blocked');
      const [ashaContext, benContext] = await Promise.all([
        newContext(browser, patterned),
        newContext(browser, patterned),
      ]);
      contexts.push(ashaContext, benContext);
      const asha = await ashaContext.newPage();
      await openBoard(asha, id);
      await addFishbone(asha);
      await asha.getByRole('radio', { name: 'Block' }).check();
      await asha
        .getByText('Text that looks like an NHS number or a date of birth is refused.')
        .waitFor();

      // Ben's browser never gets the deployment's patterns (as before GET /api/patient-data
      // answers), so his outline cannot catch the hospital number: only the server can.
      await benContext.route('**/api/patient-data', (route) => route.abort());
      const ben = await benContext.newPage();
      await joinBoard(ben, await mintLink(patterned, id, 'contributor'), 'Ben');
      await ben.goto(`/b/${id}/outline`);
      const people = ben.getByRole('treeitem', { name: /^category, ‘People’/ });
      await people.locator('.row').click();
      await ben.keyboard.press('Enter');
      const field = ben.getByLabel('Text of this category');
      await field.press('End');
      await ben.keyboard.type(' seen as RX123456');
      await field.press('Escape');

      const notice = ben
        .getByRole('alert')
        .filter({ hasText: 'That change looked like patient data' });
      await notice.waitFor();
      // The board was opened again from the server: the refused text is gone everywhere, and
      // focus is back on the item Ben was working on.
      await expect
        .poll(() =>
          ben.evaluate(() => {
            const item = document.activeElement?.closest<HTMLElement>('[role="treeitem"]');
            return item?.getAttribute('aria-label');
          }),
        )
        .toMatch(/^category, ‘People’/);
      expect(await ben.getByText('RX123456').count()).toBe(0);
      expect(await nodeTexts(asha)).toContain('People');
      expect(await axeViolations(ben, ['#main'])).toEqual([]);
      await ben.screenshot({
        path: join(import.meta.dirname, '..', 'screenshots', 'patient-data-outline-recovered.png'),
      });

      // Connected again: his next edit, from the keyboard, reaches Asha.
      await ben.keyboard.press('Enter');
      await field.fill('People and equipment');
      await field.press('Escape');
      await expect.poll(() => nodeTexts(asha)).toContain('People and equipment');
      // Dismissing from the keyboard puts focus back where it was, not on the page.
      await notice.getByRole('button', { name: 'Dismiss' }).focus();
      await ben.keyboard.press('Enter');
      await notice.waitFor({ state: 'detached' });
      expect(await ben.evaluate(() => document.activeElement?.getAttribute('role'))).toBe(
        'treeitem',
      );
    } finally {
      await patterned.stop();
      removeDataDir(patterned.dataDir);
    }
  });
});
