import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  axeViolations,
  createBoard,
  drawRectangle,
  launchBrowser,
  newContext,
  openBoard,
  removeDataDir,
  startServer,
  waitForStatus,
  type RunningServer,
} from './harness';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  context = await newContext(browser, server);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

describe('accessibility', () => {
  it('home page, with recent boards listed, has no axe violations', async () => {
    const board = await createBoard(server, 'Sepsis screening');
    await openBoard(page, board.id);
    await page.goto('/');
    await page.getByRole('link', { name: 'Sepsis screening' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('board page, with the canvas and a shape, has no axe violations', async () => {
    const board = await createBoard(server, 'Hand hygiene audit');
    await openBoard(page, board.id);
    await waitForStatus(page, 'connected');
    await drawRectangle(page, 'Gel at every bed');
    await page
      .getByRole('complementary', { name: 'People on this board' })
      .getByText('(you)')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reaches every control outside the canvas by keyboard, with a visible focus ring', async () => {
    await page.locator('body').focus();
    const reached: string[] = [];
    while (reached.length < 12 && !reached.at(-1)?.startsWith('Your name|')) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const active = document.activeElement as HTMLInputElement;
          const outline = getComputedStyle(active).outlineStyle;
          const name =
            active.getAttribute('aria-label') ??
            active.labels?.[0]?.textContent ??
            active.textContent;
          return `${name?.trim()}|${outline}`;
        }),
      );
    }
    expect(reached.slice(0, 3)).toEqual([
      'Skip to main content|solid',
      '← All boards|solid',
      'Board title|solid',
    ]);
    // The facilitator's invitations come just before the name; every stop shows its focus.
    expect(reached.slice(-2)).toEqual(['Invite people|solid', 'Your name|solid']);
    expect(reached.every((stop) => stop.endsWith('|solid'))).toBe(true);
  });

  it('does not trigger canvas shortcuts while typing in a field', async () => {
    const name = page.getByLabel('Your name');
    await name.fill('');
    // d, r, e and a are tldraw tool shortcuts.
    await name.pressSequentially('Dr Read');
    expect(await name.inputValue()).toBe('Dr Read');
    expect(await page.evaluate(() => window.qiEditor!.getCurrentToolId())).toBe('select');
  });

  it('the page for a board this device has no link to has no axe violations', async () => {
    await page.goto('/b/AAAAAAAAAAAAAAAAAAAAAA');
    await page
      .getByRole('heading', { name: 'You need an invite link to open this board' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the page for a malformed address has no axe violations', async () => {
    await page.goto('/b/not-a-board');
    await page.getByRole('heading', { name: 'We could not find that page' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
