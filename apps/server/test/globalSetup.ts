import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds the bundles once into dist/test/ (not dist/, which someone may be running): the crash,
 * shutdown and scale-out tests run main.js as child processes, the CLI tests run cli.js.
 */
export default function setup(): void {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['build.mjs', '--outfile=dist/test/main.js'], {
    cwd,
    stdio: 'inherit',
  });
  execFileSync(
    process.execPath,
    ['build.mjs', '--entry=src/cli.ts', '--outfile=dist/test/cli.js'],
    {
      cwd,
      stdio: 'inherit',
    },
  );
}
