import { checkPrerequisites } from './harness';

/** Stops the browser tests early, with a clear message, when builds or chromium are missing. */
export default function setup(): void {
  checkPrerequisites();
}
