import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Rendering benchmark: the production build behind the real server, driven by Debian's chromium. */
export default defineConfig({
  test: {
    name: 'web-bench',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['bench/**/*.bench.ts'],
    globalSetup: ['e2e/globalSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
