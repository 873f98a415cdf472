// Bundles src/main.ts into dist/main.js (the server) and src/cli.ts into dist/cli.js (`pnpm qi`):
// workspace packages (@qi/*) compiled in from source, npm dependencies left external (resolved
// from node_modules at run time). Paths are relative to this file, wherever it is run from.
import { build } from 'esbuild';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const bareImport = /^[^./]/;
// `--outfile=<path>` lets the tests build their own copy instead of replacing dist/main.js
// under a server someone else is running.
// Only one entry is built then: the server, or `--entry=<file>`.
const option = (name) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const outfile = option('outfile');

await build({
  absWorkingDir: dirname(fileURLToPath(import.meta.url)),
  ...(outfile
    ? { entryPoints: [option('entry') ?? 'src/main.ts'], outfile }
    : { entryPoints: { main: 'src/main.ts', cli: 'src/cli.ts' }, outdir: 'dist' }),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __qiCreateRequire } from 'node:module'; const require = __qiCreateRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'external-npm-dependencies',
      setup(b) {
        b.onResolve({ filter: bareImport }, (args) =>
          args.path.startsWith('@qi/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
