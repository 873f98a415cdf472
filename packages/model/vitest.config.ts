import { defineConfig } from 'vitest/config';

/**
 * Own config so `vitest` run in this package does not climb to the root projects config.
 * The seeded fuzz blocks are CPU-bound: the generous deadline keeps them green on a busy
 * 2-core CI machine without ever retrying.
 */
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 120_000 },
});
