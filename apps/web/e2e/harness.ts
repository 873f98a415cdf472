import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { CreateBoardResponse, InviteLink, Role } from '@qi/protocol';

/** Browser-test harness: the real server on the production build, and Debian's chromium. */

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_MAIN = join(webDir, '..', 'server', 'dist', 'main.js');
export const WEB_HANDLER = join(webDir, 'build', 'handler.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails with a message saying what to run when something the browser tests need is missing. */
export function checkPrerequisites(): void {
  const missing: string[] = [];
  if (!existsSync(WEB_HANDLER)) missing.push(`${WEB_HANDLER} (run: pnpm --filter @qi/web build)`);
  if (!existsSync(SERVER_MAIN))
    missing.push(`${SERVER_MAIN} (run: pnpm --filter @qi/server build)`);
  if (!existsSync(CHROMIUM))
    missing.push(`${CHROMIUM} (run: bash scripts/ensure-chromium.sh, or set CHROMIUM_PATH)`);
  if (missing.length > 0) {
    throw new Error(`Browser tests need these first:\n  ${missing.join('\n  ')}`);
  }
}

/** A running server process. */
export interface RunningServer {
  port: number;
  url: string;
  dataDir: string;
  /** Stops it gracefully (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `apps/server/dist/main.js` with its own data directory and waits for its
 * `"event":"listening"` line. Port 0 picks a free port; pass a port to restart on the same one.
 * `env` adds configuration (e.g. `PATIENT_DATA_MODE`).
 */
export async function startServer(
  options: { dataDir?: string; port?: number; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'qi-web-e2e-'));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // A copy taken when the run started (globalSetup): a rebuild meanwhile cannot break pages.
      WEB_BUILD_DIR: inject('webBuildDir'),
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.includes('"listening"')) return;
      const parsed = JSON.parse(line) as { event?: string; port?: number };
      if (parsed.event === 'listening' && typeof parsed.port === 'number') resolve(parsed.port);
    });
    child.once('exit', (code) =>
      reject(new Error(`Server exited (${code}) before listening:\n${stderr.join('')}`)),
    );
  });
  child.stdout!.resume();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    stop: () => stopProcess(child),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Removes a data directory made by startServer. */
export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Tears down what a test file started: its browser contexts, the browser, the server and its
 * data folder. Each may be missing when setup failed part-way.
 */
export async function stopAll(
  contexts: BrowserContext[],
  browser: Browser | undefined,
  server: RunningServer | undefined,
): Promise<void> {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
}

/** Headless Debian chromium, with nothing that talks to the outside world. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Makes `context`'s person one who already chose a name and colour (the join page asks no more). */
export async function chooseName(
  context: BrowserContext,
  name: string,
  color = '#1d4ed8',
): Promise<void> {
  await context.addInitScript(
    ([key, value]) => {
      if (!localStorage.getItem(key!)) localStorage.setItem(key!, value!);
    },
    ['qi-board:user', JSON.stringify({ name, color })],
  );
}

/** Requests any test context tried to make to another origin (blocked); should stay empty. */
export const foreignRequests: string[] = [];

/** A fresh browser profile (its own storage, IndexedDB and service worker) on the server. */
export async function newContext(browser: Browser, server: RunningServer): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
  });
  // The app must load nothing from other origins: block and record anything that tries.
  await context.route(
    (url) => /^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1',
    async (route) => {
      foreignRequests.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  return context;
}

/** Collects uncaught page errors and console errors, to assert a page ran cleanly. */
export function watchErrors(page: Page, who: string): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`[${who}] ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`[${who}] console: ${message.text()}`);
  });
  return errors;
}

/**
 * Facilitator links of the boards tests created, by board id (ids are random, so one map serves
 * every server of a test file): `openBoard` opens a board through its creator's link.
 */
const facilitatorUrls = new Map<string, string>();

/** The facilitator link of a board created with `createBoard`. */
export function facilitatorUrl(boardId: string): string {
  const url = facilitatorUrls.get(boardId);
  if (!url) throw new Error(`no facilitator link recorded for ${boardId}`);
  return url;
}

/** Creates a board through the API (and remembers its facilitator link). */
export async function createBoard(
  server: RunningServer,
  title?: string,
): Promise<CreateBoardResponse> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(title ? { title } : {}),
  });
  if (response.status !== 201) throw new Error(`POST /api/boards answered ${response.status}`);
  const board = (await response.json()) as CreateBoardResponse;
  facilitatorUrls.set(board.id, board.facilitatorUrl);
  return board;
}

/** Mints an invite link of `role` for a board made with `createBoard` (its facilitator's token). */
export async function mintLink(
  server: RunningServer,
  boardId: string,
  role: Role,
): Promise<string> {
  const token = new URL(facilitatorUrl(boardId)).searchParams.get('token')!;
  const response = await fetch(`${server.url}/api/boards/${boardId}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ role }),
  });
  if (response.status !== 201)
    throw new Error(`minting a ${role} link answered ${response.status}`);
  return ((await response.json()) as InviteLink).url;
}

/** Opens a board as its facilitator (through the creator's link) and waits for the editor. */
export async function openBoard(page: Page, boardId: string): Promise<void> {
  await joinBoard(page, facilitatorUrl(boardId));
}

/**
 * Opens an invite link: fills the join page (keeping the prefilled name unless `name` is given)
 * or, when this browser already joined with that link, goes straight on; waits for the editor.
 */
export async function joinBoard(page: Page, url: string, name?: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    () => location.pathname.startsWith('/b/') || document.querySelector('form.join-form') !== null,
  );
  if (new URL(page.url()).pathname.startsWith('/join/')) {
    if (name !== undefined) await page.getByLabel('Your name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Join the board' }).click();
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/);
  }
  await waitForEditor(page);
}

/** Waits until the canvas is mounted and the editor is exposed for tests. */
export async function waitForEditor(page: Page): Promise<void> {
  await page.waitForFunction(() => window.qiEditor !== undefined);
  await page.locator('.tl-canvas').waitFor();
}

/** Waits until the connection indicator shows `status`. */
export async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[role="status"][data-status="${status}"]`).waitFor();
}

/** Draws a rectangle with a label through the editor; returns its shape id. */
export async function drawRectangle(page: Page, label: string, x = 200, y = 200): Promise<string> {
  return page.evaluate(
    ({ label, x, y }) => {
      const editor = window.qiEditor!;
      const id = `shape:${label.replace(/\W/g, '-')}-${Date.now()}`;
      editor.createShape({
        id: id as never,
        type: 'geo',
        x,
        y,
        props: {
          w: 160,
          h: 90,
          richText: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: label }] }],
          },
        },
      });
      return id;
    },
    { label, x, y },
  );
}

/** axe-core's findings on the page (WCAG 2.2 A/AA and best practice), one readable line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** Waits until a shape with this label is drawn on the page's canvas. */
export async function waitForShapeText(page: Page, label: string): Promise<void> {
  await page.locator('.tl-shapes').getByText(label, { exact: true }).waitFor();
}
