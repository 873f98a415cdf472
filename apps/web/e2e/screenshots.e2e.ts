import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  drawRectangle,
  joinBoard,
  launchBrowser,
  newContext,
  stopAll,
  startServer,
  waitForEditor,
  waitForShapeText,
  waitForStatus,
  type RunningServer,
} from './harness';

/**
 * Walks the main path as a new user would (home → New board → draw with a colleague) and saves
 * screenshots to apps/web/screenshots/ for people to look at.
 */
const SHOTS = join(import.meta.dirname, '..', 'screenshots');

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(() => stopAll(contexts, browser, server));

async function newPage(viewport?: { width: number; height: number }): Promise<Page> {
  const context = await newContext(browser, server);
  contexts.push(context);
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  return page;
}

describe('the main path, seen', () => {
  it('creates a board from the home page and works on it with a colleague', async () => {
    const asha = await newPage();
    await asha.goto('/');
    await asha.getByRole('heading', { level: 1 }).waitFor();
    await asha.screenshot({ path: join(SHOTS, 'home-empty.png') });

    await asha.getByRole('button', { name: 'New board' }).click();
    await asha.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/);
    await waitForEditor(asha);
    await waitForStatus(asha, 'connected');
    const title = asha.getByLabel('Board title');
    await expect.poll(() => title.inputValue()).toBe('Untitled board');
    await title.fill('Reducing falls on Ward 7');
    await title.press('Enter');
    await drawRectangle(asha, 'Night-time toileting', 120, 140);
    await drawRectangle(asha, 'Bed rails audit', 420, 140);

    // Asha invites a colleague from the "Invite people" panel.
    await asha.getByRole('button', { name: 'Invite people' }).click();
    await asha.getByRole('button', { name: 'Create link' }).click();
    const invite = await asha.getByLabel('New staff member link').inputValue();
    await asha.getByRole('button', { name: 'Close' }).click();
    const ben = await newPage();
    await joinBoard(ben, invite, 'Ben');
    await waitForShapeText(ben, 'Bed rails audit');
    const box = (await ben.locator('.tl-canvas').boundingBox())!;
    await ben.mouse.move(box.x + 250, box.y + 330, { steps: 5 });
    await asha.locator('.tl-collaborator__cursor').waitFor();

    // tldraw's licence notice must stay visible.
    await expect.poll(() => asha.locator('[class*="tl-watermark"]').first().isVisible()).toBe(true);
    await asha.screenshot({ path: join(SHOTS, 'board-two-people.png') });

    await asha.goto('/');
    await asha.getByRole('link', { name: 'Reducing falls on Ward 7' }).waitFor();
    await asha.screenshot({ path: join(SHOTS, 'home-recent.png') });
  });

  it('fits a phone screen', async () => {
    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto('/');
    await phone.getByRole('button', { name: 'New board' }).click();
    await waitForEditor(phone);
    await waitForStatus(phone, 'connected');
    await phone.screenshot({ path: join(SHOTS, 'board-phone.png') });
  });

  it('explains a board this device has no invite link to', async () => {
    const page = await newPage();
    await page.goto('/b/AAAAAAAAAAAAAAAAAAAAAA');
    await page
      .getByRole('heading', { name: 'You need an invite link to open this board' })
      .waitFor();
    await page.screenshot({ path: join(SHOTS, 'board-unavailable.png') });
  });

  it('says clearly when the server cannot be reached', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'New board' }).click();
    await waitForEditor(page);
    await waitForStatus(page, 'connected');
    await drawRectangle(page, 'Still editable', 160, 160);
    await server.stop();
    await waitForStatus(page, 'reconnecting');
    await page.screenshot({ path: join(SHOTS, 'board-reconnecting.png') });
  });
});
