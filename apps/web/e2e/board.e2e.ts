import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  chooseName,
  createBoard,
  drawRectangle,
  launchBrowser,
  newContext,
  openBoard,
  foreignRequests,
  stopAll,
  startServer,
  waitForEditor,
  waitForShapeText,
  waitForStatus,
  watchErrors,
  type RunningServer,
} from './harness';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errorLists: string[][] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(() => stopAll(contexts, browser, server));

/** A new person (own browser profile) with a chosen name, looking at nothing yet. */
async function person(name: string, color: string): Promise<Page> {
  const context = await newContext(browser, server);
  contexts.push(context);
  await chooseName(context, name, color);
  const page = await context.newPage();
  const errors = watchErrors(page, name);
  errorLists.push(errors);
  return page;
}

function presence(page: Page) {
  return page.getByRole('complementary', { name: 'People on this board' });
}

describe('one board, two people', () => {
  let boardId: string;
  let asha: Page;
  let ben: Page;

  beforeAll(async () => {
    boardId = (await createBoard(server, 'Discharge delays')).id;
    [asha, ben] = await Promise.all([person('Asha', '#b91c1c'), person('Ben', '#047857')]);
    await Promise.all([openBoard(asha, boardId), openBoard(ben, boardId)]);
    await Promise.all([waitForStatus(asha, 'connected'), waitForStatus(ben, 'connected')]);
  });

  it('shows a shape drawn by one person to the other', async () => {
    await drawRectangle(asha, 'Waiting for pharmacy');
    await waitForShapeText(ben, 'Waiting for pharmacy');
  });

  it('shows a rectangle drawn with the keyboard and mouse to the other', async () => {
    const shapes = ben.locator('.tl-shapes .tl-shape');
    const before = await shapes.count();
    const box = (await asha.locator('.tl-canvas').boundingBox())!;
    // Focus the editor on an empty spot, then pick the rectangle tool by its shortcut.
    await asha.mouse.click(box.x + 650, box.y + 550);
    await asha.keyboard.press('r');
    await asha.mouse.move(box.x + 450, box.y + 300);
    await asha.mouse.down();
    await asha.mouse.move(box.x + 600, box.y + 400, { steps: 6 });
    await asha.mouse.up();
    await expect.poll(() => shapes.count()).toBe(before + 1);
    await asha.keyboard.press('Escape');
  });

  it('lists both people in "Who’s here" on both pages', async () => {
    for (const page of [asha, ben]) {
      await presence(page).getByText('Asha', { exact: true }).waitFor();
      await presence(page).getByText('Ben', { exact: true }).waitFor();
    }
    await presence(asha).getByText('(you)').waitFor();
  });

  it('shows the other person’s cursor with their name', async () => {
    const box = (await asha.locator('.tl-canvas').boundingBox())!;
    await asha.mouse.move(box.x + 300, box.y + 300);
    await asha.mouse.move(box.x + 320, box.y + 310, { steps: 4 });
    await ben.locator('.tl-collaborator__cursor').getByText('Asha').waitFor();
  });

  it('renames the board for everyone, and the new name follows a display-name change', async () => {
    const title = asha.getByLabel('Board title');
    await title.fill('Discharge before noon');
    await title.press('Enter');
    await expect
      .poll(() => ben.getByLabel('Board title').inputValue())
      .toBe('Discharge before noon');
    await expect.poll(() => ben.title()).toBe('Discharge before noon – QI Board');

    const name = ben.getByLabel('Your name');
    await name.fill('Ben (pharmacy)');
    await name.press('Tab');
    await presence(asha).getByText('Ben (pharmacy)', { exact: true }).waitFor();
  });

  it('keeps the board after a reload', async () => {
    await ben.reload();
    await waitForEditor(ben);
    await waitForShapeText(ben, 'Waiting for pharmacy');
    await expect
      .poll(() => ben.getByLabel('Board title').inputValue())
      .toBe('Discharge before noon');
  });

  it('lists the board under "Recent boards" with its current title', async () => {
    await ben.goto('/');
    const recent = ben.getByRole('region', { name: 'Recent boards' });
    await recent.getByRole('link', { name: 'Discharge before noon' }).click();
    await waitForEditor(ben);
    await waitForStatus(ben, 'connected');
  });

  it('keeps edits made offline and merges them when back online', async () => {
    const context = ben.context();
    await context.setOffline(true);
    await waitForStatus(ben, 'offline');
    await drawRectangle(ben, 'Drawn while offline', 500, 200);
    await drawRectangle(asha, 'Drawn meanwhile', 200, 450);
    await waitForShapeText(ben, 'Drawn while offline');

    await context.setOffline(false);
    await waitForStatus(ben, 'connected');
    await waitForShapeText(asha, 'Drawn while offline');
    await waitForShapeText(ben, 'Drawn meanwhile');
  });

  it('keeps the board through a server restart, and the pages reconnect', async () => {
    const { port, dataDir } = server;
    await server.stop();
    await Promise.all([waitForStatus(asha, 'reconnecting'), waitForStatus(ben, 'reconnecting')]);
    await drawRectangle(asha, 'Drawn while the server was down', 500, 450);

    server = await startServer({ port, dataDir });
    await Promise.all([waitForStatus(asha, 'connected'), waitForStatus(ben, 'connected')]);
    await waitForShapeText(ben, 'Drawn while the server was down');

    // A newcomer's empty canvas must not replace the board's first page with a fresh one.
    await asha.evaluate(() => {
      const editor = window.qiEditor!;
      editor.renamePage(editor.getCurrentPageId(), 'Root causes');
    });
    const newcomer = await person('Chen', '#7c3aed');
    await openBoard(newcomer, boardId);
    const pageName = (page: Page) => page.evaluate(() => window.qiEditor!.getCurrentPage().name);
    await expect.poll(() => pageName(newcomer)).toBe('Root causes');
    await expect.poll(() => pageName(asha)).toBe('Root causes');
    for (const label of [
      'Waiting for pharmacy',
      'Drawn while offline',
      'Drawn while the server was down',
    ]) {
      await waitForShapeText(newcomer, label);
    }
  });

  it('shows the board from this device when reloaded while the server is unreachable', async () => {
    // The service worker must control the page before the network goes away.
    await asha.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await asha.reload();
    await waitForEditor(asha);
    await asha.waitForFunction(() => navigator.serviceWorker.controller !== null);

    const { port, dataDir } = server;
    await server.stop();
    await asha.reload();
    await waitForEditor(asha);
    await waitForShapeText(asha, 'Drawn while the server was down');
    await waitForStatus(asha, 'reconnecting');

    // Home works from the cache too, and its links lead back to the board.
    await asha.goto('/');
    await asha.getByRole('link', { name: 'Discharge before noon' }).click();
    await waitForEditor(asha);
    await waitForShapeText(asha, 'Drawn while the server was down');
    // An address never loaded on this device opens from the cached page shell.
    await asha.goto(`/b/${boardId}?via=shell`);
    await waitForEditor(asha);
    await waitForShapeText(asha, 'Drawn while the server was down');

    server = await startServer({ port, dataDir });
    await waitForStatus(asha, 'connected');
  });
});

describe('a board this device has no invite link to', () => {
  it('says so plainly and does not try to connect', async () => {
    const page = await person('Dee', '#0e7490');
    await page.goto('/b/AAAAAAAAAAAAAAAAAAAAAA');
    await page
      .getByRole('heading', { name: 'You need an invite link to open this board' })
      .waitFor();
    await waitForStatus(page, 'unavailable');
    await page.goto('/');
    await page.getByText('Boards you open on this device will be listed here.').waitFor();
  });
});

describe('hygiene', () => {
  it('loaded nothing from other origins', () => {
    expect(foreignRequests).toEqual([]);
  });

  it('had no uncaught errors on any page', () => {
    // Failed socket and page loads are expected while the server is down or the board unknown.
    const expected =
      /WebSocket|ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED|Failed to load resource/;
    const unexpected = errorLists.flat().filter((error) => !expected.test(error));
    expect(unexpected).toEqual([]);
  });
});
