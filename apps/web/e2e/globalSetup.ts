import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { checkPrerequisites, WEB_HANDLER } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A private copy of apps/web/build that the test servers serve. */
    webBuildDir: string;
  }
}

/**
 * Stops the browser tests early, with a clear message, when builds or chromium are missing; then
 * copies the web build aside, so a `pnpm build` running meanwhile (another terminal, another
 * engineer) cannot pull files from under the pages being tested.
 */
export default function setup(project: TestProject): () => void {
  checkPrerequisites();
  const copy = mkdtempSync(join(tmpdir(), 'qi-web-build-'));
  cpSync(dirname(WEB_HANDLER), copy, { recursive: true });
  project.provide('webBuildDir', copy);
  return () => rmSync(copy, { recursive: true, force: true });
}
