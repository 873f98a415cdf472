import { defineConfig } from 'vitest/config';

/** Own config so `vitest` run in this package does not climb to the root projects config. */
export default defineConfig({
  test: { include: ['src/**/*.test.ts'] },
});
