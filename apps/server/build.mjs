// Bundles src/main.ts into dist/main.js: workspace packages (@qi/*) compiled in from source,
// npm dependencies left external (resolved from node_modules at run time).
import { build } from 'esbuild';

const bareImport = /^[^./]/;
// `--outfile=<path>` lets the tests build their own copy instead of replacing dist/main.js
// under a server someone else is running.
const outfile =
  process.argv.find((arg) => arg.startsWith('--outfile='))?.slice('--outfile='.length) ??
  'dist/main.js';

await build({
  entryPoints: ['src/main.ts'],
  outfile,
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
