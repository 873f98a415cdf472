import { defineConfig } from 'vitest/config';

/** Root runner: every package's unit and integration tests (browser tests run separately via `pnpm e2e`). */
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/server', 'apps/web/vitest.config.ts'],
  },
});
