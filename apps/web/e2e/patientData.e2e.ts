import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createBoard,
  launchBrowser,
  newContext,
  openBoard,
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
