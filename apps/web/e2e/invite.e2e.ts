import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createBoard,
  drawRectangle,
  joinBoard,
  launchBrowser,
  newContext,
  openBoard,
  stopAll,
  startServer,
  waitForEditor,
  waitForShapeText,
  waitForStatus,
  watchErrors,
  type RunningServer,
} from './harness';

/**
 * Invite links and roles, in the browser: the facilitator invites, a patient partner joins with
 * only a name and adds a note that carries their perspective, an observer sees it and cannot
 * change anything, a withdrawn link stops working with a clear message.
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

/** A fresh browser profile: nobody has chosen a name on it yet. */
async function newPerson(who: string): Promise<Page> {
  const context = await newContext(browser, server);
  contexts.push(context);
  const page = await context.newPage();
  errorLists.push(watchErrors(page, who).filter(Boolean));
  return page;
}

function presence(page: Page) {
  return page.getByRole('complementary', { name: 'People on this board' });
}

/** Mints a link in the facilitator's "Invite people" panel and returns its URL. */
async function inviteFromPanel(page: Page, role: string, screenshot?: string): Promise<string> {
  await page.getByRole('button', { name: 'Invite people' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite people' });
  await dialog.getByRole('radio', { name: new RegExp(`^${role}`) }).check();
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const field = dialog.getByRole('textbox', { name: /^New .* link$/ });
  await field.waitFor();
  const url = await field.inputValue();
  if (screenshot) await page.screenshot({ path: join(SHOTS, screenshot) });
  await dialog.getByRole('button', { name: 'Close' }).click();
  return url;
}

describe('invite links and roles', () => {
  let boardId: string;
  let facilitator: Page;
  let patient: Page;
  let observer: Page;
  let patientUrl: string;
  let observerUrl: string;

  beforeAll(async () => {
    boardId = (await createBoard(server, 'Falls on Ward 7')).id;
    facilitator = await newPerson('facilitator');
    await openBoard(facilitator, boardId);
    await waitForStatus(facilitator, 'connected');
  });

  it('lets the facilitator mint links per role and lists them', async () => {
    await inviteFromPanel(facilitator, 'Staff member');
    observerUrl = await inviteFromPanel(facilitator, 'Observer');
    patientUrl = await inviteFromPanel(facilitator, 'Patient or carer partner', 'invite-panel.png');
    expect(new URL(patientUrl).pathname).toBe(`/join/${boardId}`);
    await facilitator.getByRole('button', { name: 'Invite people' }).click();
    const list = facilitator.getByRole('dialog', { name: 'Invite people' }).getByRole('listitem');
    await expect.poll(() => list.count()).toBe(4);
    await expect
      .poll(() => list.locator('.link-role').allTextContents())
      .toEqual(['Facilitator', 'Staff member', 'Observer', 'Patient or carer partner']);
    await facilitator.getByRole('button', { name: 'Close' }).click();
  });

  it('shows a plain-language join page with no axe violations', async () => {
    patient = await newPerson('patient');
    await patient.goto(patientUrl);
    await patient
      .getByRole('heading', { name: 'You are invited as a patient or carer partner' })
      .waitFor();
    await patient.getByRole('heading', { name: 'Keep patients anonymous' }).waitFor();
    // A patient partner is asked for a name only, never a staff role.
    expect(await patient.getByLabel('Your role (optional)').count()).toBe(0);
    const results = await new AxeBuilder({ page: patient })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
    await patient.getByLabel('Your name', { exact: true }).fill('');
    await patient.screenshot({ path: join(SHOTS, 'join-page.png') });
  });

  it('lets a patient partner join with only a name and add a note that carries their view', async () => {
    await joinBoard(patient, patientUrl, 'Pat');
    await waitForStatus(patient, 'connected');
    expect(new URL(patient.url()).search).toBe('');
    // The choice is remembered on this device: the same link opens the board straight away.
    await patient.goto(patientUrl);
    await patient.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/);
    await waitForEditor(patient);
    await waitForStatus(patient, 'connected');
    await patient.evaluate(() => {
      const editor = window.qiEditor!;
      editor.createShape({
        type: 'note',
        x: 200,
        y: 200,
        props: {
          richText: {
            type: 'doc',
            content: [
              {
                type: 'paragraph',
                content: [{ type: 'text', text: 'Nobody told me when the doctor would come' }],
              },
            ],
          },
        },
      });
    });
    await waitForShapeText(facilitator, 'Nobody told me when the doctor would come');
    const perspectives = await facilitator.evaluate(() =>
      window
        .qiEditor!.getCurrentPageShapes()
        .filter((shape) => shape.type === 'note')
        .map((shape) => shape.meta.perspective),
    );
    expect(perspectives).toEqual(['patient']);
    // On a fishbone the facilitator starts, the cause Pat adds is badged as the patient view.
    await facilitator.getByRole('button', { name: 'Add diagram' }).click();
    const dialog = facilitator.getByRole('dialog', { name: 'Add a diagram' });
    await dialog.getByText('Fishbone: four bones').click();
    await dialog.getByLabel('What is the problem?').fill('Falls at night');
    await dialog.getByRole('button', { name: 'Add diagram' }).click();
    await patient.locator('.qi-node', { hasText: 'Equipment' }).click();
    await patient.locator('.qi-node-edit').press('Tab');
    await patient.locator('.qi-node-edit').fill('Call bell out of reach');
    await patient.locator('.qi-node-edit').press('Escape');
    const cause = facilitator.locator('.qi-node', { hasText: 'Call bell out of reach' });
    await cause.locator('.qi-perspective', { hasText: 'Patient' }).waitFor();
    // Everyone sees who speaks for patients, from the link's role (not what the browser says).
    const pat = presence(facilitator).getByRole('listitem').filter({ hasText: 'Pat' });
    await pat.getByText('Patient or carer partner', { exact: true }).waitFor();
    await facilitator.screenshot({ path: join(SHOTS, 'patient-contribution.png') });
  });

  it('shows an observer everything live but lets them change nothing', async () => {
    observer = await newPerson('observer');
    await joinBoard(observer, observerUrl, 'Olu');
    await waitForStatus(observer, 'connected');
    await waitForShapeText(observer, 'Nobody told me when the doctor would come');
    await observer
      .locator('.qi-node', { hasText: 'Call bell out of reach' })
      .locator('.qi-perspective', { hasText: 'Patient' })
      .waitFor();
    await observer.getByText('you can watch, but not change the board').waitFor();
    expect(await observer.getByLabel('Board title').getAttribute('readonly')).not.toBeNull();
    expect(await observer.evaluate(() => window.qiEditor!.getIsReadonly())).toBe(true);
    expect(await observer.getByRole('button', { name: 'Invite people' }).count()).toBe(0);
    expect(await observer.getByRole('button', { name: 'Add diagram' }).count()).toBe(0);
    // The diagram is read-only too: keys that add a cause change nothing, even locally.
    await observer.locator('.qi-node', { hasText: 'Equipment' }).click();
    await observer.keyboard.press('Tab');
    await observer.keyboard.press('Enter');
    const nodes = (page: Page) =>
      page.evaluate(() =>
        [...window.qiDiagrams!.diagrams.values()].reduce((n, d) => n + d.nodes.length, 0),
      );
    expect(await nodes(observer)).toBe(await nodes(facilitator));
    // Even a change forced through the editor never reaches anyone else.
    await observer.evaluate(() => {
      const editor = window.qiEditor!;
      editor.updateInstanceState({ isReadonly: false });
      editor.createShape({ type: 'geo', x: 600, y: 100, props: { w: 100, h: 50 } });
    });
    await drawRectangle(patient, 'Later idea from Pat', 500, 400);
    await waitForShapeText(observer, 'Later idea from Pat');
    await waitForShapeText(facilitator, 'Later idea from Pat');
    const rectangles = (page: Page) =>
      page.evaluate(
        () =>
          window.qiEditor!.getCurrentPageShapes().filter((shape) => shape.type === 'geo').length,
      );
    expect(await rectangles(facilitator)).toBe(1);
    expect(await rectangles(patient)).toBe(1);
    const olu = presence(patient).getByRole('listitem').filter({ hasText: 'Olu' });
    await olu.getByText('Observer', { exact: true }).waitFor();
  });

  it('shows markup in names and notes as text', async () => {
    const staffUrl = await inviteFromPanel(facilitator, 'Staff member');
    const eve = await newPerson('eve');
    const markup = '<img src=x onerror="window.__pwned=1">Eve';
    await joinBoard(eve, staffUrl, markup);
    await drawRectangle(eve, '<script>window.__pwned=2</script><b>bold</b>', 300, 500);
    await waitForShapeText(facilitator, '<script>window.__pwned=2</script><b>bold</b>');
    await presence(facilitator)
      .getByRole('listitem')
      .getByText(markup.slice(0, 40), { exact: true })
      .first()
      .waitFor();
    expect(await presence(facilitator).locator('img').count()).toBe(0);
    expect(await facilitator.locator('.tl-shapes b, .tl-shapes script').count()).toBe(0);
    expect(await facilitator.evaluate(() => (window as { __pwned?: number }).__pwned)).toBe(
      undefined,
    );
  });

  it('lets staff move a patient’s note, which stays the patient’s', async () => {
    const staffUrl = await inviteFromPanel(facilitator, 'Staff member');
    const sam = await newPerson('sam');
    await joinBoard(sam, staffUrl, 'Sam');
    await waitForShapeText(sam, 'Nobody told me when the doctor would come');
    // The canvas writes the whole record; the server checks only a perspective given anew.
    await sam.evaluate(() => {
      const editor = window.qiEditor!;
      const heard = editor.getCurrentPageShapes().find((shape) => shape.type === 'note')!;
      editor.updateShape({ id: heard.id, type: 'note', x: 640 });
    });
    const moved = await facilitator.waitForFunction(
      () =>
        window
          .qiEditor!.getCurrentPageShapes()
          .find((shape) => shape.type === 'note' && shape.x === 640)?.meta.perspective,
    );
    expect(await moved.jsonValue()).toBe('patient');
    await waitForStatus(sam, 'connected');
  });

  it('stops a withdrawn link at once with a clear message, and no reconnect loop', async () => {
    await facilitator.getByRole('button', { name: 'Invite people' }).click();
    const dialog = facilitator.getByRole('dialog', { name: 'Invite people' });
    await dialog
      .getByRole('listitem')
      .filter({ hasText: 'Observer' })
      .getByRole('button', { name: /^Withdraw/ })
      .click();
    await observer.getByRole('heading', { name: 'This invite link has been withdrawn' }).waitFor();
    await waitForStatus(observer, 'unavailable');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await observer.screenshot({ path: join(SHOTS, 'link-withdrawn.png') });
    // Opening the withdrawn link again is refused the same way.
    await observer.goto(observerUrl);
    await observer.getByRole('button', { name: 'Join the board' }).click();
    await observer.getByRole('heading', { name: 'This invite link has been withdrawn' }).waitFor();
  });

  it('ran without page errors', () => {
    const errors = errorLists
      .flat()
      // The stock provider logs a refused connection; the page shows it in words instead.
      .filter((error) => !/WebSocket connection to .* failed|status of 40[13]/.test(error));
    expect(errors).toEqual([]);
  });
});
