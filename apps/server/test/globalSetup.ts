import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds the bundle once into dist/test/main.js (not dist/main.js, which someone may be
 * running): the crash and shutdown tests run it as a child process.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['build.mjs', '--outfile=dist/test/main.js'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
  });
}
